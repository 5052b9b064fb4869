/**
 * Issue 21's first "done when", joined up on the real parts: the built server (embedded Azurite, local
 * mode, the demo plan) and the built CLI on its store, a loopback SMTP server, headless Chromium. A
 * measure is defined for a reporter in another organisation's tenant; a monitoring round started from the
 * CLI e-mails them; the e-mail's link opens the page where they type the value in the browser; the value
 * then shows in the dashboard's run chart and table, and in the committee paper (DOCX) in words and in the
 * chart image's alt text. The other "done when" points have their own tests: the Teams card
 * (test/rounds/measure-requests.test.ts), bad values (there, the page in test/browser/measure-page.test.ts
 * and the dashboard in test/browser/measures.test.ts), impact evidenced (test/bot/impact-evidence.test.ts),
 * the Measures sheet round trip (test/cli/measure-roundtrip-cli.test.ts) and the digest
 * (test/digests/digest-measures.test.ts).
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { PNG } from 'pngjs';
import { UkHolidayCalendar } from '../../src/calendar/uk-holidays';
import { addDays, calendarDateIn, instantAt } from '../../src/domain/dates';
import { isWorkingDay } from '../../src/domain/working-days';
import { describeWithChromium, suiteTitle } from '../browser/playground-session';
import { describeFindings, runAxe, serious } from '../browser/tab-axe';
import { DEMO_PLAN, TabSession } from '../browser/tab-session';
import { type SmtpSink, startSmtpSink } from '../email/smtp-sink';

/** In another organisation's tenant: the bot cannot reach them, so e-mail does. */
const REPORTER = 'analyst@police.example';
const NAME = 'Return home interviews within 72 hours';
const SHORT = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const labelOf = (month: string) => `${SHORT[Number(month.slice(5)) - 1]} ${month.slice(0, 4)}`;

/**
 * The server runs on the real clock. The round is started "at" 10:30 on the latest working day before
 * today (London), inside the send window whatever day the test runs, so its link is days old at most.
 */
function lastWorkingMorning(): string {
  const calendar = new UkHolidayCalendar();
  let day = addDays(calendarDateIn('Europe/London', new Date()), -1);
  while (!isWorkingDay(day, 'ENG', calendar)) day = addDays(day, -1);
  return instantAt(day, '10:30', 'Europe/London').toISOString();
}

const fromXml = (text: string) =>
  text
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
const textOf = (xml: string) =>
  fromXml([...xml.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''));

describeWithChromium(suiteTitle('a measure’s value from an e-mail to the chart and the paper'), () => {
  const session = new TabSession();
  let sink: SmtpSink;
  let mailEnv: NodeJS.ProcessEnv;

  beforeAll(async () => {
    sink = await startSmtpSink();
    await session.start();
    const port = new URL(session.url).port;
    mailEnv = {
      SMTP_URL: sink.url,
      MAIL_FROM: 'Action Tracker <action-tracker@council.example>',
      // The links the CLI's e-mails carry point at the running server.
      PUBLIC_HOSTNAME: `127.0.0.1:${port}`,
    };
  }, 120_000);

  afterAll(async () => {
    await session.stop();
    await sink?.stop();
  }, 30_000);

  const cli = async (args: string[], env: NodeJS.ProcessEnv = {}) => {
    const done = await session.cli(args, env);
    if (done.code !== 0) throw new Error(`${args.join(' ')}: ${done.stdout}${done.stderr}`);
    return done.stdout;
  };

  test('when a round e-mails a reporter in another tenant and they submit the value on the page, then it shows in the dashboard’s chart and table and in the DOCX paper’s words and chart', async () => {
    const today = calendarDateIn('Europe/London', new Date());
    await cli([
      'measure',
      'add',
      '--plan',
      DEMO_PLAN,
      '--measure',
      'M1',
      '--area',
      'AFI1',
      '--name',
      NAME,
      '--unit',
      'percentage',
      '--better',
      'higher',
      '--baseline',
      '55',
      '--baseline-date',
      addDays(today, -400),
      '--target',
      '90',
      '--target-date',
      addDays(today, 300),
      '--frequency',
      'monthly',
      '--reporter',
      REPORTER,
      '--kind',
      'how-well',
      '--source',
      'Children’s social care case system',
    ]);

    // The round, started from the CLI as an operator, asks for the value by e-mail.
    const started = await cli(
      ['round', 'start', '--plan', DEMO_PLAN, '--now', lastWorkingMorning()],
      mailEnv,
    );
    expect(started).toMatch(/^Round \d+ .* opened/m);
    const mail = sink.received.find(
      (m) => m.envelopeTo.includes(REPORTER) && /please report M1 for/.test(String(m.parsed.subject)),
    );
    expect(mail).toBeDefined();
    const link = /href="(http:\/\/127\.0\.0\.1:\d+\/update\/measure\/[^"]+)"/.exec(
      String(mail!.parsed.html),
    )?.[1];
    expect(link).toBeDefined();

    // The reporter opens the link on a phone and types the figure.
    const tab = await session.openPage(new URL(link!.replace(/&amp;/g, '&')).pathname, {
      width: 320,
      height: 640,
    });
    const { page } = tab;
    await expect(page.locator('h1').textContent()).resolves.toBe(`Measure M1: ${NAME}`);
    const period = await page.getByLabel('Period', { exact: true }).inputValue();
    const label = labelOf(period);
    await page.getByLabel(/^Value for /).fill('71');
    await page.getByLabel('Note (optional)').fill('Dip sample of 50 cases');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Submit value' }).click()]);
    await expect(page.getByRole('status').textContent()).resolves.toContain(`71% recorded for ${label}`);
    expect(describeFindings(serious(await runAxe(page)))).toBe('');
    await tab.context.close();

    // The coordinator's dashboard: the run chart and its table carry the value.
    const board = await session.open(`plan=${DEMO_PLAN}`);
    try {
      const article = board.page.getByRole('article', { name: `M1: ${NAME}` });
      // A measure's values load as its block nears the screen (summary first), and the section is below the board.
      await article.scrollIntoViewIfNeeded();
      await article.locator('canvas').waitFor();
      const chart = article.getByRole('img', { name: `Run chart of ${NAME}` });
      await expect(chart.count()).resolves.toBe(1);
      const describedBy = (await chart.getAttribute('aria-describedby')) ?? '';
      await expect(board.page.locator(`#${describedBy}`).textContent()).resolves.toContain('Baseline 55%');
      const rows = await article
        .locator('table.measure-table tbody tr')
        .evaluateAll((trs) =>
          trs.map((tr) => [...tr.querySelectorAll('th, td')].map((cell) => (cell.textContent ?? '').trim())),
        );
      expect(rows.map((row) => row.slice(0, 2))).toEqual([[label, '71%']]);
      expect(board.problems).toEqual([]);
    } finally {
      await board.context.close();
    }

    // The committee paper: the measure in words, and a chart image whose alt text gives the value.
    const dir = mkdtempSync(join(tmpdir(), 'measures-e2e-'));
    const out = join(dir, 'paper.docx');
    await cli(['report', '--plan', DEMO_PLAN, '--format', 'docx', '--out', out]);
    const zip = await JSZip.loadAsync(readFileSync(out));
    const documentXml = await zip.file('word/document.xml')!.async('string');
    const text = textOf(documentXml);
    expect(text).toContain(NAME);
    expect(text).toMatch(
      new RegExp(`55% \\([^)]+\\) → 71% \\(${label}\\) → 90% by [^;]+; higher is better; `),
    );
    const descriptions = [...documentXml.matchAll(/<wp:docPr [^>]*descr="([^"]*)"/g)].map((m) =>
      fromXml(m[1]!),
    );
    const alt = descriptions.find((d) => d.startsWith(`Run chart of ${NAME}:`));
    expect(alt).toContain(`values: ${label} 71%`);
    // The image itself is there and drawn, not blank.
    const media = Object.keys(zip.files).filter((name) => name.startsWith('word/media/'));
    expect(media.length).toBeGreaterThan(0);
    const pngs = await Promise.all(
      media.map(async (name) => PNG.sync.read(await zip.file(name)!.async('nodebuffer'))),
    );
    expect(pngs.every((png) => png.width > 100)).toBe(true);
  }, 180_000);
});
