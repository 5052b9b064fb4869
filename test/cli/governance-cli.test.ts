/**
 * The governance cycle from the CLI on Azurite (issue 15): a moderator role, `agree` with and without a
 * rating, `settings`, a round closed (recording who agreed it), `endorse`, and the committee paper as
 * `report --format docx` — opened and read back, and converted to PDF by LibreOffice headless.
 * Runs the built CLI (dist/): `npm run build` before `npx jest` after editing.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { UkHolidayCalendar } from '../../src/calendar/uk-holidays';
import type { Stores } from '../../src/usecases/ports/index';
import { closeRound, startRound } from '../../src/usecases/rounds/monitoring-rounds';
import { convertToPdf, hasLibreOffice } from '../support/libreoffice';
import { NORTHUMBERLAND_CSV } from '../support/plans';
import { runBuiltCli } from '../support/processes';
import { fixedClock, freshStores, testConnectionString } from '../support/test-stores';

const dir = mkdtempSync(join(tmpdir(), 'governance-cli-'));
const PLAN = 'nland';
const CHAIR = 'sce.chair@example.org';
const RAW_NOTE = 'RAW-OWNER-NOTE-do-not-publish';

let stores: Stores;
let prefix: string;

function cli(args: string[]) {
  return runBuiltCli(args, { STORAGE_CONNECTION_STRING: testConnectionString(), TABLE_PREFIX: prefix });
}

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
  ({ stores, prefix } = await freshStores());
  expect((await cli(['import', NORTHUMBERLAND_CSV, '--plan', PLAN, '--title', 'Northumberland'])).code).toBe(
    0,
  );
  // A round opens in May 2020, and an owner writes a raw note during it.
  const clock = fixedClock('2020-05-01T09:00:00Z');
  await startRound(
    { stores, clock, calendar: new UkHolidayCalendar() },
    { name: 'ops', operator: true },
    { planId: PLAN },
  );
  await stores.history.append([
    {
      planId: PLAN,
      actionId: '1.1',
      id: '0000000000001-owner1',
      at: '2020-05-04T09:00:00.000Z',
      author: { name: 'Head of Service Looked After Children' },
      note: RAW_NOTE,
      source: 'card',
    },
  ]);
}, 120_000);

describe('npm run cli -- agree, settings, endorse, report --format docx', () => {
  test('when a moderator agrees one proposal and changes another, then both are stored and a stranger is refused', async () => {
    expect((await cli(['role', '--plan', PLAN, '--email', CHAIR, '--role', 'moderator'])).stdout).toContain(
      `${CHAIR} is now a moderator of plan ${PLAN}`,
    );
    const settings = await cli(['settings', '--plan', PLAN, '--moderation-group', 'S&CE subgroup']);
    expect(settings.stdout).toContain('ratings agreed by S&CE subgroup; papers marked OFFICIAL');

    const asProposed = await cli([
      'agree',
      '--plan',
      PLAN,
      '--action',
      '1.1',
      '--commentary',
      'Protocol launched across all homes; on track.',
      '--by',
      CHAIR,
      '--now',
      '2020-05-10T10:00:00Z',
    ]);
    expect(asProposed.code).toBe(0);
    expect(asProposed.stdout).toContain('Action 1.1 of plan nland: agreed Green, by sce.chair@example.org.');

    const changed = await cli([
      'agree',
      '--plan',
      PLAN,
      '--action',
      '1.2',
      '--rating',
      'amber',
      '--commentary',
      'Extension agreed in principle but not yet applied to all children.',
      '--by',
      CHAIR,
      '--now',
      '2020-05-10T10:05:00Z',
    ]);
    expect(changed.code).toBe(0);
    expect(changed.stdout).toContain('agreed Amber (the owner proposed Green)');
    const stored = (await stores.actions.get(PLAN, '1.2'))!.value;
    expect(stored).toMatchObject({ rating: 'green', agreed: { rating: 'amber', proposal: 'green' } });
    // History keeps both: the owner's rating (here from the import) and the agreement.
    const history = await stores.history.listForAction(PLAN, '1.2');
    expect(history.some((e) => e.newRating === 'green' && e.source === 'import')).toBe(true);
    const entry = history.find((e) => e.agreement);
    expect(entry).toMatchObject({ agreement: { rating: 'amber', proposal: 'green' }, source: 'command' });

    const stranger = await cli([
      'agree',
      '--plan',
      PLAN,
      '--action',
      '2.1',
      '--commentary',
      'x',
      '--by',
      'sid@example.org',
    ]);
    expect(stranger.code).toBe(1);
    expect(stranger.stdout).toContain(
      'Only its owners and the plan’s coordinators and leads can see or change it.',
    );
    // The owner proposes; agreeing their own rating is for someone else.
    const owner = await cli([
      'agree',
      '--plan',
      PLAN,
      '--action',
      '2.1',
      '--commentary',
      'x',
      '--by',
      'nscc.business@example.org',
    ]);
    expect(owner.code).toBe(1);
    expect(owner.stdout).toContain('Only the plan’s moderators and coordinators can agree ratings.');
    const noWords = await cli(['agree', '--plan', PLAN, '--action', '2.1', '--by', CHAIR]);
    expect(noWords.code).toBe(2);
    expect(noWords.stdout).toContain('--commentary is required');
    const badRating = await cli([
      'agree',
      '--plan',
      PLAN,
      '--action',
      '2.1',
      '--rating',
      'purple',
      '--commentary',
      'x',
    ]);
    expect(badRating.code).toBe(1);
    expect(badRating.stdout).toContain('"purple" is not a rating');
    expect((await stores.actions.get(PLAN, '2.1'))!.value.agreed).toBeUndefined();
  }, 120_000);

  test('when the round closes and is endorsed, then the paper says who agreed it and who endorsed it', async () => {
    const closeClock = fixedClock('2020-05-12T15:00:00Z');
    const closed = await closeRound(
      { stores, clock: closeClock, calendar: new UkHolidayCalendar() },
      { name: 'Pat Manager', operator: true },
      PLAN,
    );
    expect(closed.round.agreement).toMatchObject({
      group: 'S&CE subgroup',
      on: '2020-05-12',
      by: { name: 'Pat Manager' },
    });
    // The snapshot keeps the agreement, the success measure and the commentary.
    expect(closed.snapshot.find((item) => item.actionId === '1.2')).toMatchObject({
      rating: 'amber',
      proposal: 'green',
      agreed: { commentary: 'Extension agreed in principle but not yet applied to all children.' },
      successMeasure: expect.stringContaining('Decriminalisation approach'),
    });

    const early = await cli([
      'endorse',
      '--plan',
      PLAN,
      '--round',
      '1',
      '--date',
      '2020-05-01',
      '--meeting',
      'NSCC',
      '--now',
      '2020-06-10T10:00:00Z',
    ]);
    expect(early.code).toBe(1);
    expect(early.stdout).toContain('is before round 1 closed (12 May 2020)');
    const endorsed = await cli([
      'endorse',
      '--plan',
      PLAN,
      '--round',
      '1',
      '--date',
      '2020-06-03',
      '--meeting',
      'NSCC',
      '--now',
      '2020-06-10T10:00:00Z',
    ]);
    expect(endorsed.code).toBe(0);
    expect(endorsed.stdout).toContain('Round 1 of plan nland endorsed by NSCC on 2020-06-03.');

    const out = join(dir, 'paper.docx');
    const made = await cli([
      'report',
      '--plan',
      PLAN,
      '--round',
      '1',
      '--format',
      'docx',
      '--out',
      out,
      '--title',
      'Progress update for the S&CE subgroup, June 2020',
      '--meeting',
      'NSCC, 3 Jun 2020',
    ]);
    expect(made.code).toBe(0);
    const docx = readFileSync(out);
    const zip = await JSZip.loadAsync(docx);
    const xml = await zip.file('word/document.xml')!.async('string');
    const text = textOf(xml);
    expect(text).toContain('Progress update for the S&CE subgroup, June 2020');
    expect(text).toContain('Meeting: NSCC, 3 Jun 2020');
    expect(text).toContain('Agreed by the S&CE subgroup on 12 May 2020; endorsed by the NSCC on 3 Jun 2020.');
    // Headings, every action, the quadrant grid, alt text on tables.
    expect(xml).toMatch(/<w:pStyle w:val="Heading1"\/>/);
    const { actions } = await stores.actions.readPlan(PLAN);
    for (const { value } of actions) expect(text).toContain(`${value.id} ${value.description}`);
    expect(text).toMatch(/Amber \(\d+\): Moderate or little progress/);
    expect(xml).toContain('<w:tblCaption w:val="Progress quadrants"/>');
    expect(xml).toContain('<w:tblHeader/>');
    // Agreed ratings, with the proposal where it differs (in words that read inside brackets too);
    // agreed commentary; no unagreed raw note.
    expect(text).toContain('Agreed; the owner proposed Green');
    expect(text).not.toContain('Agreed (proposed');
    expect(text).toContain('Extension agreed in principle but not yet applied to all children.');
    expect(text).toContain('Proposed: Green, not yet agreed');
    expect(docx.includes(RAW_NOTE)).toBe(false);
    expect(text).not.toContain(RAW_NOTE);

    // The same content in HTML and CSV; still no raw note.
    expect((await cli(['report', '--plan', PLAN, '--round', '1', '--out', join(dir, 'r.html')])).code).toBe(
      0,
    );
    const html = readFileSync(join(dir, 'r.html'), 'utf8');
    expect(html).toContain(
      'Agreed by the S&amp;CE subgroup on 12 May 2020; endorsed by the NSCC on 3 Jun 2020.',
    );
    expect(html).toContain('Agreed commentary');
    expect(html).not.toContain(RAW_NOTE);
    expect((await cli(['report', '--plan', PLAN, '--round', '1', '--out', join(dir, 'r.csv')])).code).toBe(0);
    const csv = readFileSync(join(dir, 'r.csv'), 'utf8');
    expect(csv).toContain('Success measure');
    expect(csv).toContain('Extension agreed in principle');
    expect(csv).not.toContain(RAW_NOTE);

    if (hasLibreOffice) {
      const result = convertToPdf(out, dir);
      expect(result.status).toBe(0);
      expect(readFileSync(join(dir, 'paper.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    }
  }, 180_000);
});
