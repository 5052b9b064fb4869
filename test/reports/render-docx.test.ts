/**
 * The committee paper in Word: its text is read back from the OOXML (headings, every action, the
 * quadrants, the marking on every page, no owner's raw note) and LibreOffice headless converts it to PDF,
 * which proves Word-compatible software opens it.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import type { ProgressReport } from '../../src/domain/progress-report';
import { renderProgressReportDocx } from '../../src/reports/render-docx';
import { convertToPdf, hasLibreOffice, SOFFICE } from '../support/libreoffice';
import { ROOT } from '../support/processes';
import { northumberlandReport } from './northumberland';

if (!hasLibreOffice)
  console.warn(
    `${SOFFICE} is missing, so the PDF conversion is skipped: apt-get install -y libreoffice-writer-nogui`,
  );

let report: ProgressReport;
let docx: Buffer;
let documentXml: string;
let parts: Record<string, string>;

/** The visible text of an OOXML part, paragraph by paragraph. */
function textOf(xml: string): string {
  return xml
    .split(/<\/w:p>/)
    .map((p) => [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''))
    .filter((line) => line !== '')
    .join('\n')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'");
}

beforeAll(async () => {
  report = await northumberlandReport();
  // A raw note on the first action: it must never reach the paper.
  const [first, ...rest] = report.areas;
  const withNote: ProgressReport = {
    ...report,
    areas: [
      {
        ...first!,
        rows: first!.rows.map((r, i) => (i === 0 ? { ...r, latestNote: 'RAW-NOTE-NOT-FOR-PUBLICATION' } : r)),
      },
      ...rest,
    ],
  };
  docx = await renderProgressReportDocx(withNote, {
    title: 'Progress update for the S&CE subgroup, May 2020',
    meeting: 'Safeguarding and Criminal Exploitation subgroup, 27 May 2020',
  });
  const zip = await JSZip.loadAsync(docx);
  parts = {};
  for (const name of Object.keys(zip.files))
    if (name.endsWith('.xml')) parts[name] = await zip.file(name)!.async('string');
  documentXml = parts['word/document.xml']!;
});

describe('the committee paper (DOCX)', () => {
  test('when made, then it has the title, the meeting and real headings', () => {
    const text = textOf(documentXml);
    expect(text).toContain('Progress update for the S&CE subgroup, May 2020');
    expect(text).toContain('Meeting: Safeguarding and Criminal Exploitation subgroup, 27 May 2020');
    expect(documentXml).toMatch(/<w:pStyle w:val="Title"\/>/);
    expect(documentXml).toMatch(/<w:pStyle w:val="Heading1"\/>/);
    expect(documentXml).toMatch(/<w:pStyle w:val="Heading2"\/>/);
    expect(text).toContain('Summary');
  });

  test('when made, then every action of the plan is in it, in its area', () => {
    const text = textOf(documentXml);
    for (const area of report.areas) {
      expect(text).toContain(area.text ? `${area.id}: ${area.text}` : area.id);
      for (const row of area.rows) expect(text).toContain(`${row.id} ${row.description}`);
    }
  });

  test('when made, then the quadrants are a 2×2 grid naming their actions', () => {
    const text = textOf(documentXml);
    for (const quadrant of report.quadrants) {
      expect(text).toContain(`${quadrant.name} (${quadrant.actions.length}): ${quadrant.heading}`);
    }
    const grid = documentXml.split('<w:tbl>').find((table) => table.includes('w:val="Progress quadrants"'))!;
    expect(grid.split('<w:tr>').length - 1 + (grid.split('<w:tr ').length - 1)).toBe(2);
  });

  test('when made, then tables have header rows that repeat on each page', () => {
    expect(documentXml).toContain('<w:tblHeader/>');
  });

  test('when made, then every page carries the protective marking and a page number', () => {
    const header = Object.entries(parts).find(([name]) => /word\/header\d*\.xml/.test(name))?.[1] ?? '';
    const footer = Object.entries(parts).find(([name]) => /word\/footer\d*\.xml/.test(name))?.[1] ?? '';
    expect(textOf(header)).toBe('OFFICIAL');
    expect(footer).toContain('PAGE');
    expect(footer).toContain('NUMPAGES');
  });

  test('when an owner wrote a raw note, then it is not in the paper', () => {
    expect(docx.includes('RAW-NOTE-NOT-FOR-PUBLICATION')).toBe(false);
    expect(textOf(documentXml)).not.toContain('RAW-NOTE');
  });

  test('when another marking is configured, then that is what every page says', async () => {
    const other = await renderProgressReportDocx(report, { protectiveMarking: 'OFFICIAL-SENSITIVE' });
    const zip = await JSZip.loadAsync(other);
    const header = Object.keys(zip.files).find((name) => /word\/header\d*\.xml/.test(name))!;
    expect(textOf(await zip.file(header)!.async('string'))).toBe('OFFICIAL-SENSITIVE');
  });

  (hasLibreOffice ? test : test.skip)(
    'when LibreOffice opens it, then it converts to a PDF',
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'paper-'));
      const input = join(dir, 'paper.docx');
      writeFileSync(input, docx);
      const result = convertToPdf(input, dir);
      expect(result.status).toBe(0);
      const pdf = readFileSync(join(dir, 'paper.pdf'));
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      expect(pdf.length).toBeGreaterThan(10_000);
      mkdirSync(join(ROOT, 'test-artifacts'), { recursive: true });
      writeFileSync(join(ROOT, 'test-artifacts', 'committee-paper-northumberland.pdf'), pdf);
    },
    120_000,
  );
});
