/**
 * The committee paper as it prints: LibreOffice headless paginates the Word file into a PDF and the PDF's
 * text is read page by page (pdfjs-dist). Checked per page, as an officer would before sending it: the
 * quadrant grid is on one page, no heading is stranded at the foot of a page, and every action appears
 * exactly once in each appendix. The Northumberland sample is given what a real round has: agreed
 * commentary, a completed action, an impact-evidenced one never rated, one not yet rated, a revised date
 * and evidence links.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildProgressReport, type ProgressReport } from '../../src/domain/progress-report';
import { areaTitle } from '../../src/reports/paper-areas';
import { quadrantTitle } from '../../src/reports/paper-grid';
import { APPENDIX_B_TITLE, appendixATitle, DONE_HEADING, risksOf } from '../../src/reports/paper-words';
import { renderProgressReportDocx } from '../../src/reports/render-docx';
import { convertToPdf, hasLibreOffice, SOFFICE } from '../support/libreoffice';
import { headingsEndingAPage, pageBody, pdfPages } from '../support/pdf-pages';
import { ROOT } from '../support/processes';
import { asMonitored } from './monitored-sample';
import { northumberlandSource } from './northumberland';

if (!hasLibreOffice)
  console.warn(
    `${SOFFICE} is missing, so the paper's pages are not checked: apt-get install -y libreoffice-writer-nogui`,
  );

const PAPER = {
  committee: "Families and Children's Overview and Scrutiny Committee",
  date: '2020-07-16',
  author: "Executive Director of Adult Social Care and Children's Services",
  meeting: 'NSCC, 16 Jul 2020',
};

interface Printed {
  report: ProgressReport;
  docx: Buffer;
  pages: string[];
}

async function printed(commentaryLength: number, name: string): Promise<Printed> {
  const source = await northumberlandSource();
  const report = buildProgressReport({ ...source, actions: asMonitored(source.actions, commentaryLength) });
  const docx = await renderProgressReportDocx(report, PAPER);
  const dir = mkdtempSync(join(tmpdir(), 'paper-pages-'));
  writeFileSync(join(dir, 'paper.docx'), docx);
  const { status, pdfPath } = convertToPdf(join(dir, 'paper.docx'), dir);
  expect(status).toBe(0);
  const pdf = readFileSync(pdfPath);
  mkdirSync(join(ROOT, 'test-artifacts'), { recursive: true });
  writeFileSync(join(ROOT, 'test-artifacts', `${name}.pdf`), pdf);
  return { report, docx, pages: (await pdfPages(pdf)).map((page) => pageBody(page)) };
}

function countIn(text: string, part: string): number {
  return text.split(part).length - 1;
}

function headingsOf(report: ProgressReport): string[] {
  return [
    '1. Purpose of the report',
    '2. Recommendations',
    '3. Background',
    '4. Summary of progress',
    '5. Risks and issues',
    '6. Appendices',
    ...risksOf(report).map((list) => `${list.heading} (${list.items.length})`),
    appendixATitle(report),
    `Not yet rated (${report.unrated.length})`,
    `${DONE_HEADING} (${report.done.length})`,
    APPENDIX_B_TITLE,
    ...report.areas.map(areaTitle),
  ];
}

const describeWithOffice = hasLibreOffice ? describe : describe.skip;

describeWithOffice('the committee paper, page by page (LibreOffice PDF)', () => {
  let paper: Printed;
  let crowded: Printed;

  beforeAll(async () => {
    paper = await printed(1, 'committee-paper-pages');
    // Three times the commentary: the grid must still fit one page (it leaves the commentary to Appendix B).
    crowded = await printed(3, 'committee-paper-pages-crowded');
  }, 240_000);

  test.each([
    ['with commentary of a usual length', () => paper],
    ['with three times the commentary', () => crowded],
  ])('when printed %s, then the quadrant grid is on one page', (_, which) => {
    const { report, pages } = which();
    const gridPage = pages.findIndex((page) => page.startsWith(appendixATitle(report)));
    expect(gridPage).toBeGreaterThan(0);
    for (const quadrant of report.quadrants) {
      expect(pages[gridPage]).toContain(quadrantTitle(quadrant));
      for (const item of quadrant.actions)
        expect(pages[gridPage]).toContain(`${item.actionId} ${item.description.slice(0, 40)}`);
    }
    // Nothing of the grid runs on to the next page.
    for (const quadrant of report.quadrants) expect(pages[gridPage + 1]).not.toContain(quadrant.heading);
  });

  test.each([
    ['with commentary of a usual length', () => paper],
    ['with three times the commentary', () => crowded],
  ])('when printed %s, then no heading ends a page', (_, which) => {
    const { report, pages } = which();
    expect(headingsEndingAPage(pages, headingsOf(report))).toEqual([]);
  });

  test('when printed, then every action appears once in Appendix A and once in Appendix B', () => {
    const { report, pages } = paper;
    const a = pages.findIndex((page) => page.startsWith(appendixATitle(report)));
    const b = pages.findIndex((page) => page.startsWith(APPENDIX_B_TITLE));
    expect(b).toBeGreaterThan(a);
    const appendixA = pages.slice(a, b).join(' ');
    const appendixB = pages.slice(b).join(' ');
    const rows = report.areas.flatMap((area) => area.rows);
    expect(rows).toHaveLength(22);
    for (const row of rows) {
      expect([row.id, countIn(appendixA, `${row.id} ${row.description.slice(0, 40)}`)]).toEqual([row.id, 1]);
      expect([row.id, countIn(appendixB, `${row.id} ${row.description}`)]).toEqual([row.id, 1]);
    }
  });

  test('when printed, then completed and unrated actions have their own places and labels read as English', () => {
    const { report, pages } = paper;
    const text = pages.join(' ');
    expect(report.done.map((d) => d.actionId)).toEqual(['1.1', '4.4']);
    expect(report.unrated.map((u) => u.actionId)).toEqual(['6.1']);
    expect(text).toContain(`${DONE_HEADING} (2)`);
    expect(text).toMatch(/1\.1 Formally launch [^●]*\(Complete, rated Green\)/);
    expect(text).toContain('4.4 Deliver on exclusions action plan (Impact evidenced)');
    expect(text).toContain('Amber Agreed; the owner proposed Yellow');
    expect(text).not.toMatch(/\(Agreed \(/);
    expect(text).not.toContain('No actions.');
  });

  test('when printed, then evidence links print as their text, never as an address broken across lines', () => {
    const text = paper.pages.join(' ');
    expect(text).not.toContain('https://');
    expect(text).toContain('Evidence: Referral form relaunch briefing May 2020 (PDF)');
    expect(text).toContain('Evidence: MSET audit, May 2020');
  });

  test('when printed, then the covering report comes first, in the shape councils use', () => {
    const [cover = ''] = paper.pages;
    expect(cover).toContain(`Committee: ${PAPER.committee}`);
    expect(cover).toContain('Date: 16 Jul 2020');
    expect(cover).toContain(`Report author: ${PAPER.author}`);
    expect(cover).toContain('Protective marking: OFFICIAL');
    expect(cover).toContain(`It is recommended that the ${PAPER.committee}:`);
    expect(cover).toContain('note the progress made with the action plan');
    expect(cover).toContain('identify any areas for further scrutiny.');
    const order = ['1. Purpose', '2. Recommendations', '3. Background', '4. Summary of progress'].map((h) =>
      cover.indexOf(h),
    );
    expect(order.every((at, i) => at > (order[i - 1] ?? -1))).toBe(true);
  });
});
