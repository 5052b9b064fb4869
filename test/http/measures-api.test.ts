/**
 * The dashboard's impact measures API (issue 21) signed in through Teams: Entra ID tokens signed by a
 * test key whose JWKS is served over HTTP (only Entra is stood in for), the real router, the measures use
 * case and Azurite. The reporter from another organisation enters and corrects a value; a bad value is
 * refused by field with nothing stored; a lead may see but not report (403); an owner who does not report
 * the measure, and a stranger, hear that it is not there (404).
 */
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { exportJWK, generateKeyPair, type JWK, type KeyLike, SignJWT } from 'jose';
import { UkHolidayCalendar } from '../../src/calendar/uk-holidays';
import type {
  TabMeasure,
  TabMeasureDefineResult,
  TabMeasureDefinition,
  TabMeasures,
  TabMeasureValueResult,
} from '../../src/http/dashboard-api/measures-types';
import { tabApiRouter } from '../../src/http/dashboard-api/tab-api';
import { TokenValidator } from '../../src/http/dashboard-api/tab-auth';
import { createApp } from '../../src/http/server';
import { createLogger } from '../../src/support/logger';
import { defineMeasure, recordMeasureValue } from '../../src/usecases/measures/measures';
import { seedDemoPlan } from '../../src/usecases/plans/seed-demo-plan';
import type { Stores } from '../../src/usecases/ports/index';
import { MEASURE_INPUTS } from '../support/measures';
import { reachers } from '../support/reachers';
import { fixedClock, freshStores, seededRandom } from '../support/test-stores';

const PLAN = 'demo-leeds-syv';
const APP_ID = '8d2e6f4a-1c3b-4e5d-a7f9-0b1c2d3e4f5a';
const TENANT = '5f1c3a9e-2b47-4d8c-9e61-0a7b3c2d4e5f';
const RESOURCE = `api://localhost:3978/${APP_ID}`;
const NOW = '2026-12-07T10:00:00Z';

const COORDINATOR = { oid: '11111111-1111-4111-8111-111111111111', email: 'partnership.manager@example.org' };
const LEAD = { oid: '22222222-2222-4222-8222-222222222222', email: 'director.children@example.org' };
const OWNER = { oid: '33333333-3333-4333-8333-333333333333', email: 'ppn.lead@example.org' };
const REPORTER = { oid: '44444444-4444-4444-8444-444444444444', email: 'analyst@police.example' };
const STRANGER = { oid: '55555555-5555-4555-8555-555555555555', email: 'someone@elsewhere.example' };

let stores: Stores;
let api: string;
let servers: Server[];
let signingKey: KeyLike;
const clock = fixedClock(NOW);
const calendar = new UkHolidayCalendar();

async function listen(handler: express.Express): Promise<{ server: Server; url: string }> {
  const server = createServer(handler);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

beforeAll(async () => {
  const pair = await generateKeyPair('RS256');
  signingKey = pair.privateKey;
  const jwk: JWK = { ...(await exportJWK(pair.publicKey)), kid: 'test-key', use: 'sig', alg: 'RS256' };
  const keys = express();
  keys.get('/keys', (_req, res) => res.json({ keys: [jwk] }));
  const jwks = await listen(keys);
  ({ stores } = await freshStores());
  const deps = { stores, clock, calendar, random: seededRandom(3) };
  await seedDemoPlan(deps);
  const coordinator = { aadObjectId: COORDINATOR.oid, name: 'Pat', email: COORDINATOR.email };
  // The paper's on-track PPN measure (test/support/measures.ts), reported by the police analyst.
  const defined = await defineMeasure(deps, coordinator, PLAN, {
    ...MEASURE_INPUTS[0]!,
    reporter: REPORTER.email,
  });
  expect(defined.kind).toBe('saved');
  expect(
    (
      await recordMeasureValue(deps, coordinator, {
        planId: PLAN,
        measureId: 'M1',
        period: '2026-10',
        value: '70',
      })
    ).kind,
  ).toBe('saved');
  const logger = createLogger('silent');
  const tokens = new TokenValidator(
    { appId: APP_ID, resource: RESOURCE, allowedTenants: [TENANT], jwksUrl: `${jwks.url}/keys` },
    clock,
  );
  const app = await listen(
    createApp({
      stores,
      logger,
      routers: [tabApiRouter({ stores, clock, calendar, logger, channels: reachers, tokens })],
    }),
  );
  api = app.url;
  servers = [jwks.server, app.server];
}, 60_000);

afterAll(() => {
  for (const server of servers) {
    server.closeAllConnections();
    server.close();
  }
});

async function tokenFor(person: { oid: string; email: string }): Promise<string> {
  const now = Math.floor(clock.now().getTime() / 1000);
  return new SignJWT({
    tid: TENANT,
    oid: person.oid,
    preferred_username: person.email,
    name: person.email,
    scp: 'access_as_user',
  })
    .setProtectedHeader({ alg: 'RS256', kid: 'test-key' })
    .setIssuer(`https://login.microsoftonline.com/${TENANT}/v2.0`)
    .setAudience(RESOURCE)
    .setIssuedAt(now - 60)
    .setExpirationTime(now + 3600)
    .sign(signingKey);
}

async function call(person: { oid: string; email: string }, path: string, body?: unknown): Promise<Response> {
  return fetch(`${api}/api/tab/plans/${PLAN}${path}`, {
    ...(body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) }),
    headers: {
      Authorization: `Bearer ${await tokenFor(person)}`,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
  });
}

const values = async () => stores.measures.listValues(PLAN, 'M1');

describe('the measures API', () => {
  test('when a lead asks for the measures, then each comes with its status, baseline, target and whether they may report, and its values come with the measure itself', async () => {
    const response = await call(LEAD, '/measures');
    expect(response.status).toBe(200);
    const body = (await response.json()) as TabMeasures;
    expect(body.todayLabel).toBe('7 Dec 2026');
    const [m1] = body.measures;
    expect(m1).toMatchObject({
      id: 'M1',
      areaId: 'AFI1',
      unit: 'percentage',
      better: 'higher',
      baseline: { value: 55, valueLabel: '55%', dateLabel: '31 Mar 2026' },
      target: { value: 90, valueLabel: '90%', dateLabel: '31 Mar 2027' },
      // November is owed and missing: the October value no longer says how things stand.
      status: 'no-data',
      statusWords: 'no data',
      owed: { period: '2026-11', label: 'Nov 2026' },
      mayReport: false,
      mayDefine: false,
    });
    // Summary first: the list carries no values; the measure's own answer has them.
    expect(m1).not.toHaveProperty('points');
    expect(body.mayDefine).toBe(false);
    const one = await call(LEAD, '/measures/M1');
    expect(one.status).toBe(200);
    const full = (await one.json()) as TabMeasure;
    expect(full).toMatchObject({ id: 'M1', status: 'no-data', mayReport: false });
    expect(full.points).toEqual([
      expect.objectContaining({
        period: '2026-10',
        periodLabel: 'Oct 2026',
        periodEnd: '2026-10-31',
        valueLabel: '70%',
        expectedLabel: '75.5%',
        status: 'off-track',
        statusWords: 'off track',
        reportedBy: COORDINATOR.email,
        corrected: false,
      }),
    ]);
  });

  test('when the reporter from another organisation enters a value and then corrects it, then both are kept and the status follows', async () => {
    const list = (await (await call(REPORTER, '/measures')).json()) as TabMeasures;
    expect(list.measures.map((m) => [m.id, m.mayReport])).toEqual([['M1', true]]);

    // Each entry at its own instant: entries made in one instant have no order to keep.
    clock.set('2026-12-07T10:05:00Z');
    const first = await call(REPORTER, '/measures/M1/values', {
      period: '2026-11',
      value: '74',
      note: 'Dip sample of 50',
    });
    expect(first.status).toBe(200);
    const recorded = (await first.json()) as Extract<TabMeasureValueResult, { ok: true }>;
    expect(recorded.message).toBe(
      'Recorded 74% for Nov 2026. The measure is off track: 74% in Nov 2026 against 78.4% expected.',
    );

    clock.set('2026-12-07T10:10:00Z');
    const second = await call(REPORTER, '/measures/M1/values', { period: '2026-11', value: 80 });
    expect(second.status).toBe(200);
    const corrected = (await second.json()) as Extract<TabMeasureValueResult, { ok: true }>;
    expect(corrected.message).toBe(
      'Corrected Nov 2026: 74% → 80% (both are kept in its history). The measure is on track: 80% in Nov 2026 against 78.4% expected.',
    );
    expect(corrected.measure).toMatchObject({ status: 'on-track', statusWords: 'on track', mayReport: true });
    expect(corrected.measure.points.at(-1)).toMatchObject({
      period: '2026-11',
      valueLabel: '80%',
      status: 'on-track',
      corrected: true,
      reportedBy: REPORTER.email,
    });
    expect(corrected.measure.entries.map((e) => [e.periodLabel, e.valueLabel, e.superseded])).toEqual([
      ['Nov 2026', '80%', false],
      ['Nov 2026', '74%', true],
      ['Oct 2026', '70%', false],
    ]);
    expect(corrected.measure.entries[1]!.note).toBe('Dip sample of 50');
    // The list reads the latest values kept beside the measure: the correction counts there too.
    const after = (await (await call(REPORTER, '/measures')).json()) as TabMeasures;
    expect(after.measures.map((m) => [m.id, m.status, m.reason, m.trend])).toEqual([
      ['M1', 'on-track', '80% in Nov 2026 against 78.4% expected', 'better'],
    ]);
  });

  test('when a value is bad (140 for a percentage, a month not begun), then 422 names each field and nothing is stored', async () => {
    const before = (await values()).length;
    const response = await call(REPORTER, '/measures/M1/values', { period: '2027-02', value: '140' });
    expect(response.status).toBe(422);
    const body = (await response.json()) as Extract<TabMeasureValueResult, { ok: false }>;
    expect(body.ok).toBe(false);
    expect(body.issues).toEqual([
      { field: 'value', reason: 'is a percentage, so at most 100' },
      { field: 'period', reason: 'Feb 2027 has not begun yet' },
    ]);
    expect((await values()).length).toBe(before);
  });

  test('when a lead (who may see it) enters a value, then 403 says who reports it, and nothing is stored', async () => {
    const before = (await values()).length;
    const response = await call(LEAD, '/measures/M1/values', { period: '2026-11', value: '60' });
    expect(response.status).toBe(403);
    expect(((await response.json()) as { error: string }).error).toBe(
      'A measure’s values are reported by the person named as its reporter, or by a coordinator for them.',
    );
    expect((await values()).length).toBe(before);
  });

  test('when an owner who does not report it, or a stranger, asks for or enters a value, then it is not there (404)', async () => {
    const before = (await values()).length;
    const owned = (await (await call(OWNER, '/measures')).json()) as TabMeasures;
    expect(owned.measures).toEqual([]);
    const byOwner = await call(OWNER, '/measures/M1/values', { period: '2026-11', value: '60' });
    expect(byOwner.status).toBe(404);
    expect((await call(STRANGER, '/measures')).status).toBe(404);
    expect((await call(STRANGER, '/measures/M1/values', { period: '2026-11', value: '60' })).status).toBe(
      404,
    );
    expect(
      (await call(COORDINATOR, '/measures/nope/values', { period: '2026-11', value: '60' })).status,
    ).toBe(404);
    expect((await values()).length).toBe(before);
  });

  const caseloads: TabMeasureDefinition = {
    id: 'M9',
    areaId: 'AFI2',
    actionIds: '2.1, 2.2',
    name: 'Social worker caseloads',
    definition: 'Children per social worker, snapshot on the last day',
    source: 'Workforce return',
    unit: 'number',
    better: 'within',
    low: '12',
    high: '18',
    baseline: '24',
    baselineDate: '2026-03-31',
    target: '16',
    targetDate: '2027-03-31',
    frequency: 'quarterly',
    reporter: 'Workforce.Lead@example.org',
    kind: 'how-well',
  };

  test('when a coordinator defines a measure with every field, then it is added and listed; changing it keeps its id and shows the new definition', async () => {
    const list = (await (await call(COORDINATOR, '/measures')).json()) as TabMeasures;
    expect(list.mayDefine).toBe(true);
    const response = await call(COORDINATOR, '/measures', caseloads);
    expect(response.status).toBe(200);
    const added = (await response.json()) as Extract<TabMeasureDefineResult, { ok: true }>;
    expect(added.message).toBe('Added M9: Social worker caseloads.');
    expect(added.measure).toMatchObject({
      id: 'M9',
      areaId: 'AFI2',
      actionIds: ['2.1', '2.2'],
      better: 'within',
      range: { low: 12, high: 18 },
      polarityWords: 'best between 12 and 18',
      frequency: 'quarterly',
      reporter: 'workforce.lead@example.org',
      kindLabel: 'How well did we do it?',
      status: 'no-data',
      mayDefine: true,
    });
    const changed = await call(COORDINATOR, '/measures/M9/definition', {
      ...caseloads,
      id: 'ignored',
      better: 'lower',
      target: '15',
      actionIds: '',
    });
    expect(changed.status).toBe(200);
    const saved = (await changed.json()) as Extract<TabMeasureDefineResult, { ok: true }>;
    expect(saved.message).toBe('Saved the changes to M9.');
    expect(saved.measure).toMatchObject({ id: 'M9', better: 'lower', actionIds: [], target: { value: 15 } });
    expect((await stores.measures.get(PLAN, 'M9'))?.value.polarity).toEqual({ better: 'lower' });
    expect(await stores.measures.get(PLAN, 'ignored')).toBeUndefined();
  });

  test('when a definition is wrong in several fields, then 422 names each field and nothing is stored', async () => {
    const response = await call(COORDINATOR, '/measures', {
      ...caseloads,
      id: 'M10',
      name: '',
      unit: 'percent',
      better: 'higher',
      target: '20',
      baseline: '30',
      targetDate: '2026-01-31',
    });
    expect(response.status).toBe(422);
    const body = (await response.json()) as Extract<TabMeasureDefineResult, { ok: false }>;
    expect(body.issues?.map((i) => i.field).sort()).toEqual(['name', 'target', 'targetDate', 'unit']);
    const elsewhere = await call(COORDINATOR, '/measures', {
      ...caseloads,
      id: 'M10',
      areaId: 'AFI99',
      actionIds: '9.9',
    });
    expect(elsewhere.status).toBe(422);
    expect(((await elsewhere.json()) as { issues: unknown[] }).issues).toEqual([
      { field: 'areaId', reason: 'area AFI99 is not in this plan' },
      { field: 'actionIds', reason: 'action 9.9 is not in this plan' },
    ]);
    const again = await call(COORDINATOR, '/measures', { ...caseloads, id: 'M1' });
    expect(again.status).toBe(422);
    expect(((await again.json()) as { issues: unknown[] }).issues).toEqual([
      { field: 'id', reason: 'M1 is already a measure of this plan' },
    ]);
    expect(await stores.measures.get(PLAN, 'M10')).toBeUndefined();
    expect((await stores.measures.get(PLAN, 'M1'))?.value.name).not.toBe(caseloads.name);
  });

  test('when a lead or a measure’s reporter defines or changes a measure, then 403 says coordinators do, and nothing changes', async () => {
    const byLead = await call(LEAD, '/measures', { ...caseloads, id: 'M11' });
    expect(byLead.status).toBe(403);
    expect(((await byLead.json()) as { error: string }).error).toMatch(/coordinator/i);
    const byReporter = await call(REPORTER, '/measures/M1/definition', { ...caseloads, name: 'Renamed' });
    expect(byReporter.status).toBe(403);
    expect(await stores.measures.get(PLAN, 'M11')).toBeUndefined();
    expect((await stores.measures.get(PLAN, 'M1'))?.value.name).not.toBe('Renamed');
  });
});
