/**
 * The plan every scenario works on, and the people in it. Actions are imported the way the CLI imports a
 * spreadsheet (the import use case), with a clock a few days before the server's, so each is filed in
 * the reminder index under its first reminder; owners become reachable the way they do in Teams, by
 * messaging the bot in personal chat (through the real /api/messages route and roster look-up).
 */
import { randomBytes } from 'node:crypto';
import { assembleBot } from '../../../src/app/compose';
import { UkHolidayCalendar } from '../../../src/calendar/uk-holidays';
import { CANONICAL_COLUMNS } from '../../../src/domain/spreadsheet-columns';
import { createApp, listen } from '../../../src/http/server';
import { createStores } from '../../../src/storage/open-stores';
import { TableClients } from '../../../src/storage/table-clients';
import { createLogger } from '../../../src/support/logger';
import { importPlan } from '../../../src/usecases/plans/import-plan';
import type { Stores } from '../../../src/usecases/ports/index';
import { personalChat, TENANT_ID, type TestUser, teamsMessage } from '../../support/activities';
import { postActivity } from '../../support/post-activity';
import { fixedClock, seededRandom } from '../../support/test-stores';
import type { FaultConnector } from './fault-connector';

/** Monday 3 March 2025: the plan is imported; each action is filed under its first reminder. */
export const IMPORTED_AT = '2025-03-03T10:00:00.000Z';
/** Thursday 6 March 2025, 10:00 in London (GMT): a working day inside the 09:00–17:00 window. */
export const CLOCK_START = '2025-03-06T10:00:00.000Z';
/** Due Thursday 20 March: the 14-days-before reminder falls on CLOCK_START's day. */
export const DUE = '2025-03-20';
/** Reminders months away: nothing is due for these. */
export const LATER_DUE = '2025-09-30';

export const calendar = new UkHolidayCalendar();

/** A unique table prefix per scenario: letters and digits, as TABLE_PREFIX requires. */
export function uniquePrefix(): string {
  return `rel${randomBytes(5).toString('hex')}`;
}

export function person(n: number, role = 'owner'): TestUser {
  const email = `${role}${n}@example.org`;
  const offset = { owner: 0, coordinator: 500, lead: 600, stranger: 700 }[role] ?? 800;
  return {
    id: `29:${role}-${n}`,
    name: `${role[0]!.toUpperCase()}${role.slice(1)} ${n}`,
    aadObjectId: `00000000-0000-4000-8000-${String(n + offset).padStart(12, '0')}`,
    email,
    userPrincipalName: email,
    givenName: role,
    surname: String(n),
    tenantId: TENANT_ID,
    userRole: 'user',
  };
}

export interface PlannedAction {
  id: string;
  owners: TestUser[];
  due: string;
}

/**
 * `due` actions due on DUE (every fifth with a second owner) and `later` actions due months away, over
 * `owners`. With 40 due and 8 owners that is 48 nudges owed at CLOCK_START.
 */
export function plannedActions(owners: TestUser[], due: number, later: number): PlannedAction[] {
  return [
    ...Array.from({ length: due }, (_, i) => ({
      id: `${(i % 4) + 1}.${i + 1}`,
      owners:
        i % 5 === 0
          ? [owners[i % owners.length]!, owners[(i + 3) % owners.length]!]
          : [owners[i % owners.length]!],
      due: DUE,
    })),
    ...Array.from({ length: later }, (_, i) => ({
      id: `5.${i + 1}`,
      owners: [owners[i % owners.length]!],
      due: LATER_DUE,
    })),
  ];
}

function planRows(actions: PlannedAction[]): string[][] {
  return [
    [...CANONICAL_COLUMNS],
    ...actions.map((a) => [
      a.id.split('.')[0]!,
      `Area ${a.id.split('.')[0]}`,
      a.id,
      `Action ${a.id}: review multi-agency practice and report to the partnership`,
      'Police',
      a.owners.map((o) => o.name).join('; '),
      a.owners.map((o) => o.email).join('; '),
      '2025-01-01',
      a.due,
      'amber',
      `Measure for ${a.id}`,
    ]),
  ];
}

export async function openTestStores(storage: string, prefix: string): Promise<Stores> {
  const tables = new TableClients({ connectionString: storage }, prefix);
  await tables.ensureTables();
  return createStores(tables);
}

export async function importAt(
  stores: Stores,
  planId: string,
  actions: PlannedAction[],
  roles: { coordinators?: string[]; leads?: string[] } = {},
): Promise<void> {
  await importPlan(
    { stores, clock: fixedClock(IMPORTED_AT), random: seededRandom(), calendar },
    {
      planId,
      title: `Plan ${planId}`,
      rows: planRows(actions),
      details: { coordinators: roles.coordinators ?? [], leads: roles.leads ?? [] },
      dryRun: false,
      actor: 'reliability-test',
      sourceName: 'generated',
    },
  );
}

export function personalChatId(user: TestUser): string {
  return personalChat(user).conversation.id;
}

/** Every nudge owed at CLOCK_START, keyed as the connector counts them. */
export function expectedNudges(actions: PlannedAction[]): string[] {
  return actions
    .filter((a) => a.due === DUE)
    .flatMap((a) =>
      a.owners.map((o) => `${personalChatId(o)}|${a.id}|Reminder: action ${a.id} is due in 14 days`),
    )
    .sort();
}

/**
 * People say "help" to the bot in personal chat, through the real route and roster look-up (an in-process
 * bot on the same tables, so no sweep can run before everyone is reachable), which stores the
 * conversation reference every later reminder uses.
 */
export async function enrol(
  stores: Stores,
  connector: FaultConnector,
  users: TestUser[],
  at = CLOCK_START,
): Promise<void> {
  const silent = createLogger('silent');
  const bot = assembleBot(
    { MicrosoftAppType: 'SingleTenant' },
    { stores, clock: fixedClock(at), logger: silent, calendar },
  );
  const { server, url } = await listen(
    createApp({ stores, logger: silent, routers: [bot.router] }),
    0,
    '127.0.0.1',
  );
  try {
    for (const user of users) {
      connector.members.set(user.id, user);
      const answer = await postActivity(url, teamsMessage({ user, text: 'help', serviceUrl: connector.url }));
      if (answer.status !== 200) throw new Error(`enrolling ${user.email}: HTTP ${answer.status}`);
      const stored = (await stores.users.get(user.aadObjectId))?.value;
      if (!stored?.conversationReference || stored.email !== user.email.toLowerCase())
        throw new Error(`enrolling ${user.email}: no conversation reference stored`);
    }
  } finally {
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }
  connector.clear();
}
