/**
 * The sweep's second job for a due action: the escalations the escalation policy says are due, each to
 * its recipients once. Unlike a card press these need no outbox: a failed one keeps the action filed
 * under today, so the next sweep tries it again.
 */
import type { Action } from '../../domain/action';
import type { IsoDate } from '../../domain/dates';
import { type Receiver, receiversFor } from '../../domain/delegation';
import { formatDeliveryKeyPrefix, parseDeliveryKey } from '../../domain/delivery-key';
import { escalationsDue, type SentReminder } from '../../domain/escalation-policy';
import type { Plan } from '../../domain/plan';
import { unreachableWords } from '../delivery/channel';
import type { PeopleCache } from '../delivery/lookups';
import { announcementHeadline, recipientsOf, sendAnnouncement } from '../updates/announce';
import type { Announcement } from '../updates/announcements';
import type { SweepDeps, SweepTally } from './sweep-report';

/** Sends what is due, writing its rows into the tally; returns whether one should be tried again. */
export async function escalate(
  deps: SweepDeps,
  plan: Plan,
  action: Action,
  today: IsoDate,
  people: PeopleCache,
  tally: SweepTally,
): Promise<{ retryLater: boolean }> {
  const row = (outcome: 'sent' | 'skipped' | 'failed' | 'unreachable', reason: string, owner?: string) =>
    tally.row({ planId: plan.id, actionId: action.id, outcome, reason, ...(owner ? { owner } : {}) });
  let retryLater = false;
  for (const escalation of escalationsDue(action, today, await remindersSent(deps, plan, action))) {
    const announcement: Announcement = { kind: 'escalation', escalation };
    const told: string[] = [];
    for (const receiver of await escalationReceivers(plan, action, announcement, today, people)) {
      const { email, coveringFor } = receiver;
      const covering = coveringFor ? ` (covering for ${coveringFor.email})` : '';
      const teams = await people.get(email);
      const to = { email, ...(teams ? { teams } : {}) };
      const result = await sendAnnouncement(deps, plan, action, announcement, to, coveringFor);
      if (result.status === 'sent') told.push(email);
      else if (result.status === 'failed' || result.status === 'busy') {
        retryLater = true;
        row(
          result.status === 'failed' ? 'failed' : 'skipped',
          `escalation (${escalation.trigger}): ${result.status === 'failed' ? result.detail : 'being sent by another sweep'}${covering}`,
          email,
        );
      } else if (result.status === 'unreachable') {
        const reason = unreachableWords(result.reason);
        row('unreachable', `escalation (${escalation.trigger}): ${reason}${covering}`, email);
        tally.unreachable(plan.id, [
          {
            owner: { name: teams?.name ?? email, email },
            action,
            message: {
              kind: 'card',
              purpose: 'escalation',
              headline: announcementHeadline(action, announcement).text,
            },
            reason,
          },
        ]);
      }
    }
    if (told.length > 0)
      row('sent', `escalation (${escalation.trigger}) to ${told.length} lead${told.length === 1 ? '' : 's'}`);
  }
  return { retryLater };
}

/**
 * Who receives each lead's escalation today: the lead, or whoever covers for them while they are away
 * (the domain's one cover rule), told whose it is. Deduplicated, so a delegate covering two leads, or
 * covering one and leading too, hears once.
 */
async function escalationReceivers(
  plan: Plan,
  action: Action,
  announcement: Announcement,
  today: IsoDate,
  people: PeopleCache,
): Promise<Receiver[]> {
  const found = new Map<string, Receiver>();
  for (const lead of recipientsOf(plan, action, announcement)) {
    const name = (await people.get(lead))?.name || lead;
    for (const to of receiversFor(plan.delegations, { name, email: lead }, today)) {
      const held = found.get(to.email);
      if (!held || (held.coveringFor && !to.coveringFor)) found.set(to.email, to);
    }
  }
  return [...found.values()];
}

/** The reminders the ledger recorded as sent for the action's current due date. */
async function remindersSent(deps: SweepDeps, plan: Plan, action: Action): Promise<SentReminder[]> {
  // No deadline, no reminders: nothing of the kind can have been sent.
  if (action.currentDueDate === undefined) return [];
  const prefix = formatDeliveryKeyPrefix({
    kind: 'reminder',
    actionId: action.id,
    dueDate: action.currentDueDate,
  });
  return (await deps.stores.ledger.listByPrefix(plan.id, prefix)).flatMap((record) => {
    const key = parseDeliveryKey(record.key);
    return record.state === 'sent' && key?.kind === 'reminder'
      ? [{ step: key.step, sentAt: record.updatedAt }]
      : [];
  });
}
