/**
 * The moderation page's API (issue 15) on the real router and Azurite, in local mode (X-Local-User):
 * who may see the list and agree, a many-at-once agreement with one refused item, bad bodies, the
 * endorsement of a closed round, and the committee paper download with its title.
 */
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import JSZip from 'jszip';
import { UkHolidayCalendar } from '../../src/calendar/uk-holidays';
import { cardVersion } from '../../src/domain/status-change';
import type {
  TabAgreeResult,
  TabEndorsed,
  TabModeration,
} from '../../src/http/dashboard-api/moderation-types';
import { tabApiRouter } from '../../src/http/dashboard-api/tab-api';
import { createApp } from '../../src/http/server';
import { createLogger } from '../../src/support/logger';
import { seedDemoPlan } from '../../src/usecases/plans/seed-demo-plan';
import type { Stores } from '../../src/usecases/ports/index';
import { closeRound, startRound } from '../../src/usecases/rounds/monitoring-rounds';
import { handleCardAction } from '../../src/usecases/updates/handle-card-action';
import { reachers } from '../support/reachers';
import { fixedClock, freshStores, seededRandom } from '../support/test-stores';

const PLAN = 'demo-leeds-syv';
const COORDINATOR = 'partnership.manager@example.org';
const LEAD = 'director.children@example.org';
const OWNER = 'icb.camhs@example.org';

let stores: Stores;
let server: Server;
let url: string;
const clock = fixedClock('2025-01-15T10:00:00Z');
const calendar = new UkHolidayCalendar();

beforeAll(async () => {
  ({ stores } = await freshStores());
  await seedDemoPlan({
    stores,
    clock: { now: () => new Date('2025-01-15T09:59:00Z') },
    random: seededRandom(),
    calendar,
  });
  const logger = createLogger('silent');
  server = createServer(
    createApp({
      stores,
      logger,
      routers: [tabApiRouter({ stores, clock, calendar, logger, channels: reachers })],
    }),
  );
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 60_000);

afterAll(async () => {
  server.close();
});

function call(path: string, user: string, body?: unknown): Promise<Response> {
  return fetch(`${url}/api/tab/plans/${PLAN}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'X-Local-User': user, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

describe('the moderation API', () => {
  test('when a lead or an owner asks for the moderation list, then 403 says who may agree ratings', async () => {
    for (const user of [LEAD, OWNER]) {
      const response = await call('/moderation', user);
      expect(response.status).toBe(403);
      expect(((await response.json()) as { error: string }).error).toBe(
        'Only the plan’s moderators and coordinators can agree ratings.',
      );
    }
  });

  test('when the list is asked for a round that is not a number, or not open, then 400 or 404 says so and nothing else', async () => {
    const malformed = await call('/moderation?round=two', COORDINATOR);
    expect(malformed.status).toBe(400);
    expect(JSON.stringify(await malformed.json())).toContain('must be a round number such as 2');
    const notOpen = await call('/moderation?round=99', COORDINATOR);
    expect(notOpen.status).toBe(404);
    const none = (await (await call('/moderation', COORDINATOR)).json()) as TabModeration;
    expect(none.openRounds).toEqual([]);
  });

  test('when a coordinator agrees several at once and one is out of date, then each gets its own answer', async () => {
    const list = (await (await call('/moderation', COORDINATOR)).json()) as TabModeration;
    expect(list.basis).toContain('No monitoring round is open');
    const [a, b] = list.items;
    const response = await call('/moderation', COORDINATOR, {
      items: [
        { actionId: a!.id, version: a!.version, commentary: 'Agreed as it stands.' },
        { actionId: b!.id, version: `${b!.version}9`, rating: 'red', commentary: 'Changed.' },
        { actionId: 'no-such', version: '0', commentary: 'x' },
      ],
    });
    expect(response.status).toBe(200);
    const { results } = (await response.json()) as TabAgreeResult;
    expect(results.map((r) => r.ok)).toEqual([true, false, false]);
    expect(results[1]!.message).toContain('the owner changed it since the list was drawn');
    expect(results[2]!.message).toBe('no-such: not in this plan.');
    expect((await stores.actions.get(PLAN, a!.id))!.value.agreed).toMatchObject({
      commentary: 'Agreed as it stands.',
    });
    expect((await stores.actions.get(PLAN, b!.id))!.value.agreed).toBeUndefined();
  });

  test('when an item names an action id the domain would never give (a/b, a space, too long), then that item is refused and the others are answered', async () => {
    const list = (await (await call('/moderation', COORDINATOR)).json()) as TabModeration;
    const c = list.items.find((item) => item.awaitingAgreement) ?? list.items[2]!;
    const bad = ['a/b', 'a b', `x${'1'.repeat(40)}`, "1.1' or ''='"];
    const response = await call('/moderation', COORDINATOR, {
      items: [
        ...bad.map((actionId) => ({ actionId, version: '0', commentary: 'x' })),
        { actionId: c.id, version: c.version, commentary: 'Agreed after all.' },
      ],
    });
    expect(response.status).toBe(200);
    const { results } = (await response.json()) as TabAgreeResult;
    expect(results.map((r) => r.ok)).toEqual([false, false, false, false, true]);
    expect(results[0]).toEqual({
      actionId: 'a/b',
      ok: false,
      message: 'a/b: not an action id (such as 2.3); nothing was agreed.',
    });
    expect(results[4]!.actionId).toBe(c.id);
  });

  test('when the body is not a list of agreements, then 400 names the problem and nothing changes', async () => {
    const empty = await call('/moderation', COORDINATOR, { items: [] });
    expect(empty.status).toBe(400);
    const wrong = await call('/moderation', COORDINATOR, {
      items: [{ actionId: '1.1', version: 0, commentary: 'x' }],
    });
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as { issues: { field: string }[] }).issues[0]!.field).toBe(
      'items[0].version',
    );
  });

  test('when a closed round is endorsed from the dashboard, then the governance line says both; a lead may not record it', async () => {
    await startRound({ stores, clock, calendar }, { name: 'Pat Manager', operator: true }, { planId: PLAN });
    await closeRound({ stores, clock, calendar }, { name: 'Pat Manager', operator: true }, PLAN);
    const refused = await call('/rounds/1/endorsement', LEAD, {
      date: '2025-01-15',
      meeting: 'LSCP Executive',
    });
    expect(refused.status).toBe(403);
    const future = await call('/rounds/1/endorsement', COORDINATOR, {
      date: '2025-02-01',
      meeting: 'LSCP Executive',
    });
    expect(future.status).toBe(400);
    const done = await call('/rounds/1/endorsement', COORDINATOR, {
      date: '2025-01-15',
      meeting: 'LSCP Executive',
    });
    expect(done.status).toBe(200);
    expect(((await done.json()) as TabEndorsed).governance).toBe(
      'Agreed by Pat Manager on 15 Jan 2025; endorsed by the LSCP Executive on 15 Jan 2025.',
    );
    const list = (await (await call('/moderation', COORDINATOR)).json()) as TabModeration;
    expect(list.closedRounds[0]).toMatchObject({
      number: 1,
      governance: expect.stringContaining('LSCP Executive'),
    });
    expect(list.mayEndorse).toBe(true);

    const paper = await call(
      '/report.docx?round=1&title=Paper%20for%20the%20LSCP&meeting=LSCP%20Executive',
      LEAD,
    );
    expect(paper.status).toBe(200);
    expect(paper.headers.get('content-type')).toContain('wordprocessingml');
    const xml = await (await JSZip.loadAsync(Buffer.from(await paper.arrayBuffer())))
      .file('word/document.xml')!
      .async('string');
    expect(xml).toContain('Paper for the LSCP');
    expect(xml).toContain('endorsed by the LSCP Executive on 15 Jan 2025');
  });

  test("when an owner writes a progress note and then asks for a new date, then the Owner's note column shows the progress note and the request's reason apart", async () => {
    const before = (await (await call('/moderation', COORDINATOR)).json()) as TabModeration;
    const item = before.items.find((i) => i.awaitingAgreement)!;
    const action = (await stores.actions.get(PLAN, item.id))!.value;
    const owner = action.owners[0]!;
    const ownerActor = { aadObjectId: 'aad-owner', name: owner.name, email: owner.email };
    const deps = { stores, clock, calendar, random: seededRandom(4), channels: reachers };
    const updated = await handleCardAction(deps, ownerActor, 'action.update', {
      planId: PLAN,
      actionId: item.id,
      version: cardVersion(action),
      rating: action.rating,
      note: 'Half the audit is done; the rest by March.',
    });
    expect(updated.kind).toBe('saved');
    const requested = await handleCardAction(deps, ownerActor, 'date.request', {
      planId: PLAN,
      actionId: item.id,
      version: cardVersion((await stores.actions.get(PLAN, item.id))!.value),
      revisedDate: '2027-06-30',
      reason: 'Waiting for the board to meet',
    });
    expect((await stores.actions.get(PLAN, item.id))!.value.pendingDateRequest?.date).toBe('2027-06-30');
    expect(requested.kind).not.toBe('unrecognised');

    const after = (await (await call('/moderation', COORDINATOR)).json()) as TabModeration;
    const shown = after.items.find((i) => i.id === item.id)!;
    expect(shown.note).toBe('Half the audit is done; the rest by March.');
    expect(shown.dateRequest).toBe('Asks to move the due date to 30 Jun 2027: Waiting for the board to meet');
  });
});
