/**
 * A plan's coordinators are told what could not be delivered (reminders, escalations, date requests and
 * decisions, measures' requests and chases), one list per run, so nobody is skipped silently. The list goes through the ledger too: its
 * key names its contents, so the same list is not sent twice to one coordinator.
 */
import { createHash } from 'node:crypto';
import type { IsoDate } from '../../domain/dates';
import type { Plan } from '../../domain/plan';
import type { TeamsUser } from '../ports/index';
import { type UndeliveredItem, undeliveredSubject } from './channel';
import { type DeliveryDeps, deliverOnce } from './deliver-once';

export interface CoordinatorRow {
  coordinator: string;
  outcome: 'sent' | 'unreachable' | 'failed' | 'skipped';
  reason: string;
}

export async function tellCoordinators(
  deps: DeliveryDeps,
  plan: Plan,
  items: UndeliveredItem[],
  personOf: (email: string) => Promise<TeamsUser | undefined>,
  today: IsoDate,
): Promise<CoordinatorRow[]> {
  if (items.length === 0) return [];
  const listId = listIdOf(items);
  const rows: CoordinatorRow[] = [];
  for (const email of plan.coordinators) {
    const teams = await personOf(email);
    const result = await deliverOnce(deps, {
      scope: plan.id,
      key: { kind: 'undelivered', date: today, listId, recipient: email },
      to: { email, ...(teams ? { teams } : {}) },
      today,
      message: () => ({ kind: 'undelivered', plan, items, today }),
    });
    const what = `list of ${describe(items)} that could not be delivered`;
    switch (result.status) {
      case 'sent':
      case 'failed':
        rows.push({ coordinator: email, outcome: result.status, reason: what });
        break;
      case 'unreachable':
        rows.push({
          coordinator: email,
          outcome: 'unreachable',
          reason: 'coordinator cannot be reached either',
        });
        break;
      default:
        rows.push({ coordinator: email, outcome: 'skipped', reason: `${what}: already sent` });
    }
  }
  return rows;
}

/** "1 reminder", "3 reminders and 1 other message" (a measure's request is another message). */
function describe(items: UndeliveredItem[]): string {
  const reminders = items.filter((i) => i.message.kind === 'reminder').length;
  const others = items.length - reminders;
  const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  if (others === 0) return count(reminders, 'reminder', 'reminders');
  if (reminders === 0) return count(others, 'message', 'messages');
  return `${count(reminders, 'reminder', 'reminders')} and ${count(others, 'other message', 'other messages')}`;
}

/** Names a list by what is on it, so the same list is recognised (and sent once) however it is rebuilt. */
function listIdOf(items: UndeliveredItem[]): string {
  const lines = items
    .map((i) =>
      [
        i.owner.email,
        undeliveredSubject(i).id,
        i.message.kind === 'reminder' ? i.message.step : i.message.headline,
      ].join(' '),
    )
    .sort();
  return createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 16);
}
