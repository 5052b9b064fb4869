/**
 * The business manager's cycle in Teams mode (issue 22): everything the dashboard's pages call, signed in
 * through Teams (tokens from a stand-in for Entra ID), on the HTTP app as the server composes it, with the
 * real e-mail channel to a loopback SMTP server. From no plan to an endorsed round and its committee
 * paper, with no command line: create the plan (PLAN_CREATORS names the manager), import the Leeds sample,
 * add a monitoring group and file actions in it, name who agrees ratings, start the group's round (the
 * owners are e-mailed), an owner signed in through Teams answers in the tab, the moderator agrees the
 * rating, the round is closed once confirmed, its endorsement recorded, and the paper made for it.
 * test/browser/business-manager.test.ts walks the same path through the pages in local mode.
 */
import { readFileSync } from 'node:fs';
import JSZip from 'jszip';
import type { TabRounds } from '../../src/http/dashboard-api/admin-rounds-types';
import type { TabActionDetail } from '../../src/http/dashboard-api/api-types';
import type { TabImportAnswer } from '../../src/http/dashboard-api/import-types';
import type { TabAgreeResult, TabModeration } from '../../src/http/dashboard-api/moderation-types';
import type { SmtpSink } from '../email/smtp-sink';
import type { EntraPerson } from '../support/entra-tokens';
import { LEEDS_CSV } from '../support/plans';
import { fakeEntraFor, type ProductionApp, startProductionAppWithMail } from '../support/production-app';
import { fixedClock } from '../support/test-stores';

const PLAN = 'leeds-in-teams';
const ADMIN = `/api/tab/admin/plans/${PLAN}`;
const HOST = 'tracker.example.org';
/** Wednesday 15 Jan 2025, 10:00 in London: a working day, inside the send window. */
const NOW = '2025-01-15T10:00:00Z';
const MANAGER: EntraPerson = {
  oid: '11111111-1111-4111-8111-111111111111',
  email: 'business.manager@example.org',
};
const CHAIR: EntraPerson = { oid: '33333333-3333-4333-8333-333333333333', email: 'chair@example.org' };
/** Owns 2.1 and 2.2 in the Leeds sample. */
const OWNER: EntraPerson = { oid: '44444444-4444-4444-8444-444444444444', email: 'icb.camhs@example.org' };

const clock = fixedClock(NOW);
const entra = fakeEntraFor(HOST, clock);
let sink: SmtpSink;
let app: ProductionApp;

beforeAll(async () => {
  ({ app, sink } = await startProductionAppWithMail({
    host: HOST,
    clock,
    entra,
    env: { PLAN_CREATORS: MANAGER.email },
  }));
}, 30_000);

afterAll(async () => {
  await app?.close();
});

async function call<T = Record<string, unknown>>(
  person: EntraPerson,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const response = await fetch(`${app.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      Authorization: `Bearer ${await entra.accessToken(person)}`,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const type = response.headers.get('content-type') ?? '';
  return {
    status: response.status,
    body: (type.includes('json') ? await response.json() : Buffer.from(await response.arrayBuffer())) as T,
  };
}

test('when a business manager signed in through Teams runs a plan from import to an endorsed round, then the paper for it is ready, with no command line', async () => {
  const created = await call(MANAGER, '/api/tab/admin/plans', {
    id: PLAN,
    title: 'Leeds serious youth violence plan',
    principalAuthority: 'Leeds City Council',
  });
  expect(created).toMatchObject({ status: 200, body: { ok: true, planId: PLAN } });

  const imported = await call<TabImportAnswer>(MANAGER, '/api/tab/import', {
    planId: PLAN,
    fileName: 'leeds.csv',
    file: readFileSync(LEEDS_CSV).toString('base64'),
    confirm: true,
  });
  expect(imported).toMatchObject({ status: 200, body: { planId: PLAN, written: true } });
  expect(imported.body.changes.created).toEqual(expect.arrayContaining(['2.1', '2.2', '2.3']));

  const role = await call(MANAGER, `${ADMIN}/roles`, { email: CHAIR.email, role: 'moderator' });
  expect(role).toMatchObject({ status: 200, body: { ok: true } });
  const group = await call(MANAGER, `${ADMIN}/groups`, {
    name: 'CAMHS subgroup',
    cadence: 'quarterly',
    oversightBody: 'LSCP Executive',
    responseDays: '10',
    meetings: '12/03/2025',
  });
  expect(group).toMatchObject({ status: 200, body: { ok: true } });
  const moves = ['2.1', '2.2', '2.3'].map((actionId) => ({ actionId, group: 'camhs-subgroup' }));
  const filed = await call(MANAGER, `${ADMIN}/action-groups`, { moves });
  expect(filed).toMatchObject({
    status: 200,
    body: { ok: true, message: 'Saved: actions 2.1, 2.2 and 2.3 are now in CAMHS subgroup.' },
  });
  const governance = await call(MANAGER, `${ADMIN}/governance`, {
    moderationGroup: 'CAMHS subgroup',
    protectiveMarking: 'OFFICIAL-SENSITIVE',
  });
  expect(governance).toMatchObject({ status: 200, body: { ok: true } });

  // The set-up took the morning: the round opens at 11:00, after the import (an action updated at the very
  // moment a round opens counts as answered in it).
  clock.set('2025-01-15T11:00:00Z');
  const proposed = (await call<TabRounds>(MANAGER, `${ADMIN}/rounds`)).body;
  const scope = proposed.scopes.find((s) => s.group === 'camhs-subgroup');
  expect(JSON.stringify(scope)).toContain('26 Feb 2025');
  const started = await call(MANAGER, `${ADMIN}/rounds`, { group: 'camhs-subgroup' });
  expect(started).toMatchObject({ status: 200, body: { ok: true } });
  expect(String(started.body.message)).toMatch(/Round 1 \(CAMHS subgroup\) started/);
  const request = sink.received.find(
    (mail) =>
      mail.envelopeTo.includes(OWNER.email) && /please update action 2\.1/.test(mail.parsed.subject ?? ''),
  );
  expect(request?.parsed.subject).toBe('Round 1: please update action 2.1 by 26 Feb 2025');

  clock.set('2025-01-15T14:00:00Z');
  const detail = await call<TabActionDetail>(OWNER, `/api/tab/plans/${PLAN}/actions/2.1`);
  expect(detail.status).toBe(200);
  const answered = await call(OWNER, `/api/tab/plans/${PLAN}/actions/2.1`, {
    version: detail.body.action.version,
    rating: 'green',
    note: 'Trajectory published; reported monthly since January.',
  });
  expect(answered.status).toBe(200);

  const queue = await call<TabModeration>(CHAIR, `/api/tab/plans/${PLAN}/moderation`);
  const item = queue.body.items.find((i) => i.id === '2.1');
  expect(item).toBeDefined();
  const agreed = await call<TabAgreeResult>(CHAIR, `/api/tab/plans/${PLAN}/moderation`, {
    items: [{ actionId: '2.1', version: item!.version, commentary: 'Agreed: the trajectory is published.' }],
  });
  expect(agreed.body.results).toEqual([expect.objectContaining({ actionId: '2.1', ok: true })]);

  expect((await call(MANAGER, `${ADMIN}/rounds/1/close`, {})).status).toBe(400);
  const closed = await call(MANAGER, `${ADMIN}/rounds/1/close`, { confirm: true });
  expect(closed).toMatchObject({ status: 200, body: { ok: true } });
  expect(String(closed.body.message)).toContain(
    'Round 1 (CAMHS subgroup) closed: a snapshot of 3 actions, 1 updated during the round.',
  );
  const endorsed = await call(MANAGER, `${ADMIN}/rounds/1/endorsement`, {
    meeting: 'LSCP Executive',
    date: '2025-01-15',
  });
  expect(endorsed).toMatchObject({ status: 200, body: { ok: true } });

  const paper = await call<Buffer>(
    MANAGER,
    `/api/tab/plans/${PLAN}/report.docx?round=1&meeting=${encodeURIComponent('LSCP Executive, 12 Mar 2025')}`,
  );
  expect(paper.status).toBe(200);
  const xml = await (await JSZip.loadAsync(paper.body)).file('word/document.xml')!.async('string');
  const text = xml.replace(/<[^>]+>/g, '');
  expect(text).toContain('endorsed by the LSCP Executive on 15 Jan 2025');
  expect(text).toContain('Agreed: the trajectory is published.');
  expect(text).toContain('CAMHS subgroup');
  expect(text).not.toContain('reported monthly since January');
}, 120_000);

test('when someone PLAN_CREATORS does not name tries the same first step in Teams, then it is refused and no plan is made', async () => {
  const refused = await call(OWNER, '/api/tab/admin/plans', { id: 'not-allowed', title: 'No' });
  expect(refused.status).toBe(403);
  expect(String(refused.body.error)).toContain('PLAN_CREATORS');
  expect(await app.stores.plans.get('not-allowed')).toBeUndefined();
});
