import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { buildProgressReport, type ProgressReport } from '../../src/domain/progress-report';
import { renderProgressReportHtml } from '../../src/reports/render-html';
import { progressReportCsv, progressReportXlsx } from '../../src/reports/render-tabular';
import { ROOT } from '../support/processes';
import { asMonitored } from './monitored-sample';
import { northumberlandReport, northumberlandSource } from './northumberland';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = join(ROOT, 'test-artifacts');
const INSTALL_HINT = 'install Debian chromium: apt-get install -y chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`${CHROMIUM} is missing, so the PDF test is skipped: ${INSTALL_HINT}`);

let report: ProgressReport;

beforeAll(async () => {
  report = await northumberlandReport();
});

/** The report with a hostile description on its first action. */
function withHostileText(): ProgressReport {
  const hostile = '<script>alert("x")</script> & =SUM(A1)';
  const [first, ...rest] = report.areas;
  return {
    ...report,
    areas: [
      { ...first!, rows: [{ ...first!.rows[0]!, description: hostile }, ...first!.rows.slice(1)] },
      ...rest,
    ],
    quadrants: report.quadrants.map((q) => ({
      ...q,
      actions: q.actions.map((a) => (a.actionId === first!.rows[0]!.id ? { ...a, description: hostile } : a)),
    })),
  };
}

describe('progress report HTML', () => {
  test('when rendered, then it holds the four quadrant headings, every action id and rating words', () => {
    const html = renderProgressReportHtml(report);
    for (const heading of [
      'Good progress, all actions taken and on track',
      'Sufficient progress, but needs finalising and / or some slippage in time scales',
      'Moderate or little progress, and deadlines are either a long way off, ongoing, or have started to slip',
      'Little progress and / or time scales have either passed or are within the next 2 months and are unachievable',
    ]) {
      expect(html).toContain(heading);
    }
    for (const row of report.areas.flatMap((a) => a.rows)) {
      expect(html).toContain(`<td class="id">${row.id}</td>`);
    }
    for (const word of ['Green', 'Yellow', 'Amber', 'Red']) expect(html).toContain(`>${word}</span>`);
    expect(html).toContain('@page { size: A4');
    expect(html).toContain('break-before: page');
    expect(html).not.toMatch(/<script|<link|src=|https?:\/\//i);
  });

  test('when a description holds markup, then it is escaped', () => {
    const html = renderProgressReportHtml(withHostileText());
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; =SUM(A1)');
  });
});

describe('the HTML report and the workbook follow the paper', () => {
  let monitored: ProgressReport;

  beforeAll(async () => {
    const source = await northumberlandSource();
    monitored = buildProgressReport({ ...source, actions: asMonitored(source.actions) });
  });

  test('when rendered, then the HTML has the covering report, then Appendix A and Appendix B, in that order', () => {
    const html = renderProgressReportHtml(monitored, {
      committee: 'Families and Children’s Scrutiny Committee',
      date: '2020-07-16',
      recommendations: ['Acknowledge the progress made.'],
    });
    const order = [
      '<h2>1. Purpose of the report</h2>',
      '<h2>2. Recommendations</h2>',
      'It is recommended that the Families and Children’s Scrutiny Committee:',
      '<li>Acknowledge the progress made.</li>',
      '<h2>3. Background</h2>',
      '<h2>4. Summary of progress</h2>',
      '<h2>5. Risks and issues</h2>',
      '<h3>Due dates revised (1)</h3>',
      '<h2>6. Appendices</h2>',
      '<h2>Appendix A: progress by quadrant, 20 May 2020</h2>',
      'Not yet rated (1)',
      'Complete or impact evidenced (2)',
      '<h2>Appendix B: actions by area for improvement</h2>',
    ].map((part) => [part, html.indexOf(part)] as const);
    for (const [part, at] of order) expect([part, at >= 0]).toEqual([part, true]);
    expect(order.map(([, at]) => at)).toEqual(order.map(([, at]) => at).sort((a, b) => a - b));
    expect(html).toContain('<th scope="row">Date</th><td>16 Jul 2020</td>');
    expect(html).toContain(
      'Evidence: <a href="https://example.org/audits/2020/mset-audit.docx">MSET audit, May 2020</a>',
    );
    expect(html).toContain('(Agreed; the owner proposed Yellow)');
    expect(html).not.toContain('No actions.');
  });

  test('when written as XLSX, then completed actions are on the Quadrants sheet in their own place', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await progressReportXlsx(monitored)) as unknown as ArrayBuffer);
    const rows: string[][] = [];
    workbook.getWorksheet('Quadrants')!.eachRow((row) => {
      rows.push((row.values as unknown[]).slice(1).map(String));
    });
    expect(
      rows.filter((r) => r[1] === 'Complete' || r[1] === 'Impact evidenced').map((r) => r.slice(0, 3)),
    ).toEqual([
      ['Green', 'Complete', '1.1'],
      ['Not rated', 'Impact evidenced', '4.4'],
    ]);
    expect(rows.filter((r) => r[0] === 'Not yet rated').map((r) => r[2])).toEqual(['6.1']);
  });
});

describe('progress report spreadsheets', () => {
  test('when written as XLSX, then it has Summary, Quadrants and Actions sheets, filters and no formulas', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await progressReportXlsx(withHostileText())) as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Summary', 'Quadrants', 'Actions']);
    const actions = workbook.getWorksheet('Actions')!;
    expect(actions.autoFilter).toBeTruthy();
    expect(workbook.getWorksheet('Quadrants')!.autoFilter).toBeTruthy();
    expect(actions.rowCount).toBe(23);
    const cells: string[] = [];
    actions.eachRow((row) => {
      row.eachCell((cell) => {
        cells.push(String(cell.value));
        expect(cell.formula).toBeUndefined();
      });
    });
    expect(cells.some((c) => c.startsWith("'=") || c.startsWith('<script>'))).toBe(true);
    expect(cells.every((c) => !c.startsWith('='))).toBe(true);
  });

  test('when written as CSV, then it starts with a BOM and neutralises formula-like cells', () => {
    const hostile = withHostileText();
    hostile.areas[0]!.rows[0]!.description = '=HYPERLINK("http://evil")';
    const csv = progressReportCsv(hostile);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.split('\r\n')[0]).toContain('Area,Area for improvement,Action,Description');
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(csv.trim().split('\r\n')).toHaveLength(23);
  });
});

(hasChromium ? describe : describe.skip)(
  `progress report PDF${hasChromium ? '' : ` (skipped: ${INSTALL_HINT})`}`,
  () => {
    test('when the HTML is printed by headless Chromium, then the PDF has a front page, quadrants and a page per area', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'progress-report-'));
      const html = join(dir, 'report.html');
      writeFileSync(html, renderProgressReportHtml(report));
      mkdirSync(ARTIFACTS, { recursive: true });
      const pdf = join(ARTIFACTS, 'progress-report-northumberland.pdf');
      await printToPdf(html, pdf, dir);
      const text = readFileSync(pdf).toString('latin1');
      expect(text.startsWith('%PDF')).toBe(true);
      const pages = (text.match(/\/Type\s*\/Page(?!s)/g) ?? []).length;
      expect(pages).toBeGreaterThanOrEqual(2 + report.areas.length);
      expect(report.areas).toHaveLength(6);
    }, 90_000);
  },
);

function printToPdf(html: string, pdf: string, profile: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      CHROMIUM,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        `--user-data-dir=${join(profile, 'chromium-profile')}`,
        `--print-to-pdf=${pdf}`,
        '--no-pdf-header-footer',
        `file://${html}`,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'], detached: true },
    );
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    const timer = setTimeout(() => {
      // Its own process group: stops the renderer and GPU helpers it started too.
      if (child.pid) process.kill(-child.pid, 'SIGKILL');
      reject(new Error(`chromium did not finish within 60 s:\n${output}`));
    }, 60_000);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code === 0 && existsSync(pdf)) resolve();
      else reject(new Error(`chromium exited with ${code}:\n${output}`));
    });
  });
}
