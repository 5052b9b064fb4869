/**
 * "What difference has it made" in the paper, on Azurite with the demo plan and three measures: the DOCX
 * has the section per area with measures (and none for an area without), a chart image per measure in
 * word/media with alt text that says the numbers, the front page counts; the HTML and XLSX carry the same;
 * LibreOffice still converts the paper to PDF.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { PNG } from 'pngjs';
import { UkHolidayCalendar } from '../../src/calendar/uk-holidays';
import { DEMO_PLAN_ID } from '../../src/demo/demo-plan';
import { renderProgressReport } from '../../src/reports/render-report';
import { recordMeasureValue } from '../../src/usecases/measures/measures';
import { seedDemoPlan } from '../../src/usecases/plans/seed-demo-plan';
import {
  buildPlanProgressReport,
  type PlanProgressReport,
} from '../../src/usecases/reports/build-progress-report';
import { closeRound, startRound } from '../../src/usecases/rounds/monitoring-rounds';
import { convertToPdf, hasLibreOffice } from '../support/libreoffice';
import { defineDemoMeasures, MEASURE_VALUES, OPERATOR } from '../support/measures';
import { headingsEndingAPage, pageBody, pdfPages } from '../support/pdf-pages';
import { ROOT } from '../support/processes';
import { fixedClock, freshStores, seededRandom } from '../support/test-stores';

const NOW = '2026-12-07T10:00:00Z';

async function reportWithMeasures(define = true): Promise<PlanProgressReport> {
  const { stores } = await freshStores();
  const clock = fixedClock(NOW);
  const deps = { stores, clock, calendar: new UkHolidayCalendar(), random: seededRandom(3) };
  await seedDemoPlan(deps);
  if (define) await defineDemoMeasures(deps);
  return buildPlanProgressReport(stores, DEMO_PLAN_ID, 'coordinator@example.org', new Date(NOW), 'docx');
}

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

const fromXml = (text: string) =>
  text
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

let report: PlanProgressReport;
let docx: Buffer;
let zip: JSZip;
let documentXml: string;

beforeAll(async () => {
  report = await reportWithMeasures();
  docx = (await renderProgressReport(report, 'docx')) as Buffer;
  zip = await JSZip.loadAsync(docx);
  documentXml = await zip.file('word/document.xml')!.async('string');
}, 60_000);

describe('the paper says what difference the plan has made', () => {
  test('when a plan has measures, then the report counts them on track, off track and with no data', () => {
    expect(report.measures?.counts).toEqual({ 'on-track': 1, 'off-track': 1, 'no-data': 1 });
    expect(report.measures?.areas.map((a) => a.areaId)).toEqual(['AFI1', 'AFI2']);
  });

  test('when made, then the DOCX has the section per area with measures, each in words, and the front page counts', () => {
    const text = textOf(documentXml);
    expect(text.match(/What difference has it made/g)).toHaveLength(2);
    expect(text).toContain(
      'Measures of impact: 1 on track, 1 off track, 1 with no data (of 3 measures); values as reported by 7 Dec 2026.',
    );
    expect(text).toContain('PPNs recording ethnicity, voice of the child and reason for referral');
    expect(text).toContain(
      '55% (31 Mar 2026) → 82% (Nov 2026) → 90% by 31 Mar 2027; higher is better; on track',
    );
    expect(text).toContain(
      '3.2 (31 Mar 2026) → 3.3 (Nov 2026) → 2 by 31 Mar 2027; lower is better; off track',
    );
    expect(text).toContain(
      '40% (31 Mar 2026) → no recent value → 75% by 31 Mar 2027; higher is better; no data',
    );
    // The covering report's risks name the measure off track.
    expect(text).toContain('Measures off track (1)');
    // AFI3 has no measures: nothing after its actions but the end of the paper.
    const afi3 = text.slice(text.indexOf('AFI3: '));
    expect(afi3).not.toContain('What difference has it made');
  });

  test('when made, then each measure has a PNG chart in word/media with alt text that says the numbers', async () => {
    const media = Object.keys(zip.files).filter((name) => name.startsWith('word/media/'));
    expect(media).toHaveLength(3);
    for (const name of media) {
      const png = PNG.sync.read(await zip.file(name)!.async('nodebuffer'));
      expect(png.width).toBeGreaterThan(100);
      // Not blank: the values, the line and the hatching are drawn.
      const dark = [...Array(png.width * png.height).keys()].filter((i) => png.data[i * 4]! < 128).length;
      expect(dark).toBeGreaterThan(200);
    }
    const descriptions = [...documentXml.matchAll(/<wp:docPr [^>]*descr="([^"]*)"/g)].map((m) =>
      fromXml(m[1]!),
    );
    expect(descriptions).toHaveLength(3);
    expect(descriptions[0]).toBe(
      'Run chart of PPNs recording ethnicity, voice of the child and reason for referral: baseline 55% on 31 Mar 2026; values: Sep 2026 70%, Oct 2026 76%, Nov 2026 82%; target 90% by 31 Mar 2027; the dashed line runs from the baseline to the target, and the shaded area above it is on track; higher is better; on track.',
    );
    expect(descriptions[1]).toContain('values: Sep 2026 3, Oct 2026 3.1, Nov 2026 3.3');
    expect(descriptions[1]).toContain('shaded area below it is on track; lower is better; off track.');
    expect(descriptions[2]).toContain('no values reported yet');
  });

  test('when made, then the HTML report has the section and the front page counts', async () => {
    const html = (await renderProgressReport(report, 'html')) as string;
    expect(html.match(/<h3[^>]*>What difference has it made<\/h3>/g)).toHaveLength(2);
    expect(html).toContain('<h3 style="margin-top:5mm">Measures of impact</h3>');
    expect(html).toMatch(/<th scope="row">Off track<\/th><td class="n">1<\/td>/);
    expect(html).toContain('Repeat missing episodes per child');
    expect(html).toContain(
      '3.2 (31 Mar 2026) → 3.3 (Nov 2026) → 2 by 31 Mar 2027; lower is better; off track',
    );
  });

  test('when made, then the XLSX has a What difference sheet and the summary counts', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await renderProgressReport(report, 'xlsx')) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('What difference')!;
    expect(sheet.getRow(1).getCell(3).value).toBe('Measure');
    expect(sheet.rowCount).toBe(4);
    expect(sheet.getRow(3).getCell(13).value).toBe('off track');
    const summary = workbook.getWorksheet('Summary')!;
    const pairs = summary.getSheetValues().map((row) => (Array.isArray(row) ? row.slice(1, 3) : []));
    expect(pairs).toContainEqual(['Measures off track', '1']);
  });

  test('when a plan has no measures, then the paper has no section, no chart and no count', async () => {
    const plain = await reportWithMeasures(false);
    expect(plain.measures).toBeUndefined();
    const plainZip = await JSZip.loadAsync((await renderProgressReport(plain, 'docx')) as Buffer);
    const text = textOf(await plainZip.file('word/document.xml')!.async('string'));
    expect(text).not.toContain('What difference has it made');
    expect(text).not.toContain('Measures of impact');
    expect(Object.keys(plainZip.files).some((name) => name.startsWith('word/media/'))).toBe(false);
  }, 60_000);

  test("when a round's paper is made after a correction, then it reads the values as they stood at the round's close", async () => {
    const { stores } = await freshStores();
    const clock = fixedClock(NOW);
    const deps = { stores, clock, calendar: new UkHolidayCalendar(), random: seededRandom(3) };
    await seedDemoPlan(deps);
    // November's repeat-missing figure first reported as 2.3: below the line, on track.
    await defineDemoMeasures(
      deps,
      MEASURE_VALUES.map((v) =>
        v.measureId === 'M2' && v.period === '2026-11' ? { ...v, value: '2.3' } : v,
      ),
    );
    const operator = { name: 'operator', operator: true };
    await startRound(deps, operator, { planId: DEMO_PLAN_ID, responseDue: '2026-12-09' });
    clock.set('2026-12-10T10:00:00Z');
    await closeRound(deps, operator, DEMO_PLAN_ID);
    // Corrected after the round closed: 3.3, off track.
    clock.set('2026-12-14T10:00:00Z');
    await recordMeasureValue(deps, OPERATOR, {
      planId: DEMO_PLAN_ID,
      measureId: 'M2',
      period: '2026-11',
      value: '3.3',
    });
    const at = new Date('2026-12-14T10:00:00Z');
    const ofRound = await buildPlanProgressReport(stores, DEMO_PLAN_ID, 'c@example.org', at, 'html', {
      round: 1,
    });
    const m2 = (r: PlanProgressReport) => r.measures?.areas[0]?.measures[1];
    expect(m2(ofRound)?.statusWords).toBe('on track');
    expect(m2(ofRound)?.sentence).toContain('→ 2.3 (Nov 2026) →');
    expect(ofRound.measures?.valuesAsAt).toBe('values as reported by 10 Dec 2026, when the round closed');
    const html = (await renderProgressReport(ofRound, 'html')) as string;
    expect(html).toContain('Status from values as reported by 10 Dec 2026, when the round closed.');
    const today = await buildPlanProgressReport(stores, DEMO_PLAN_ID, 'c@example.org', at, 'html');
    expect(m2(today)?.statusWords).toBe('off track');
    expect(today.measures?.valuesAsAt).toBe('values as reported by 14 Dec 2026');
  }, 60_000);

  (hasLibreOffice ? test : test.skip)(
    'when LibreOffice opens the paper with charts, then it converts to a PDF and no heading ends a page',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'paper-measures-'));
      const input = join(dir, 'paper.docx');
      writeFileSync(input, docx);
      const result = convertToPdf(input, dir);
      expect(result.status).toBe(0);
      const pdf = readFileSync(result.pdfPath);
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      // The three charts are embedded as images.
      expect(pdf.toString('latin1').match(/\/Subtype\s*\/Image/g)?.length ?? 0).toBeGreaterThanOrEqual(3);
      mkdirSync(join(ROOT, 'test-artifacts'), { recursive: true });
      writeFileSync(join(ROOT, 'test-artifacts', 'committee-paper-measures.pdf'), pdf);
      // Each measure's name, words and chart stay with the heading above them.
      const pages = (await pdfPages(pdf)).map((page) => pageBody(page));
      const areaHeadings = report.areas.map((area) => `${area.id}: ${area.text}`);
      expect(headingsEndingAPage(pages, [...areaHeadings, 'What difference has it made'])).toEqual([]);
    },
    120_000,
  );
});
