/**
 * The sweep's first job for a due action: each due reminder step to each owner (or whoever covers them)
 * exactly once, through deliver-once; an owner with no way to reach them goes on the coordinators' list.
 */
import { type Action, hasContact, NO_CONTACT, type Owner } from '../../domain/action';
import type { IsoDate } from '../../domain/dates';
import { type CoveringFor, receiversFor } from '../../domain/delegation';
import { type Plan, reminderSettingsOf } from '../../domain/plan';
import { type ReminderStepKey, reminderDue } from '../../domain/reminder-policy';
import { cardRights } from '../access/access';
import { type DeliveryResult, deliverOnce, deliveryRow } from '../delivery/deliver-once';
import type { PeopleCache, PlanCache } from '../delivery/lookups';
import type { SweepDeps, SweepOutcome, SweepRow, SweepTally } from './sweep-report';

/** An owner the plan names without an e-mail address: the coordinators are told, nothing is sent. */
const NO_CONTACT_REASON = `${NO_CONTACT}: no e-mail address in the plan yet`;

export interface DueReminders {
  plan: Plan;
  action: Action;
  today: IsoDate;
  plans: PlanCache;
  people: PeopleCache;
}

/**
 * Sends the step the reminder policy says is due, writing a row per recipient into the tally (or one
 * "skipped" row when nothing is due). Returns whether a send failed or was busy, so the action stays
 * filed under today for the next sweep to try again.
 */
export async function remindOwners(
  deps: SweepDeps,
  dryRun: boolean,
  due: DueReminders,
  tally: SweepTally,
): Promise<{ retryLater: boolean }> {
  const { plan, action, today } = due;
  const row = (outcome: SweepOutcome, reason: string, extra: Partial<SweepRow> = {}) =>
    tally.row({ planId: plan.id, actionId: action.id, outcome, reason, ...extra });
  const decision = reminderDue(action, {
    today,
    settings: reminderSettingsOf(plan),
    calendar: deps.calendar,
  });
  if (!decision.due) {
    row('skipped', decision.reason);
    return { retryLater: false };
  }
  let retryLater = false;
  for (const recipient of reminderRecipients(plan, action, today)) {
    const { owner } = recipient;
    if (!hasContact(owner)) {
      row('unreachable', NO_CONTACT_REASON, { owner: owner.name, step: decision.step.name });
      tally.unreachable(plan.id, [
        {
          owner,
          action,
          message: { kind: 'reminder', step: decision.step.name },
          reason: NO_CONTACT_REASON,
        },
      ]);
      continue;
    }
    const result = await remindOwner(deps, dryRun, { ...due, key: decision.key, ...recipient });
    const { outcome, reason } = reminderRow(result, decision.key);
    const covering = recipient.coveringFor ? ` (covering for ${recipient.coveringFor.email})` : '';
    row(outcome, `${reason}${covering}`, { owner: owner.email, step: decision.step.name });
    if (result.status === 'failed' || result.status === 'busy') retryLater = true;
    if (result.status === 'unreachable')
      tally.unreachable(plan.id, [
        { owner, action, message: { kind: 'reminder', step: decision.step.name }, reason },
      ]);
  }
  return { retryLater };
}

/**
 * Who gets each owner's reminder: the owner, or while a delegation covers them (leave), whoever covers
 * instead, told whose reminder it is (the domain's one rule, as for round requests). The ledger key names
 * the person it goes to, so cover that starts or ends mid-step neither loses nor doubles anyone's reminder.
 */
function reminderRecipients(
  plan: Plan,
  action: Action,
  today: IsoDate,
): { owner: Owner; coveringFor?: CoveringFor }[] {
  return action.owners.flatMap((owner) =>
    receiversFor(plan.delegations, owner, today).map((to) =>
      to.coveringFor ? { owner: { name: to.name, email: to.email }, coveringFor: to.coveringFor } : { owner },
    ),
  );
}

interface OwnerReminder extends DueReminders {
  owner: Owner;
  coveringFor?: CoveringFor;
  key: ReminderStepKey;
}

async function remindOwner(deps: SweepDeps, dryRun: boolean, r: OwnerReminder): Promise<DeliveryResult> {
  const teams = await r.people.get(r.owner.email);
  return deliverOnce(
    deps,
    {
      scope: r.plan.id,
      key: { ...r.key, recipient: r.owner.email },
      to: { email: r.owner.email, ...(teams ? { teams } : {}) },
      today: r.today,
      message: async () => {
        const area = await r.plans.area(r.plan.id, r.action.areaId);
        return {
          kind: 'reminder',
          plan: r.plan,
          ...(area ? { area } : {}),
          action: r.action,
          owner: r.owner,
          ...(r.coveringFor ? { coveringFor: r.coveringFor } : {}),
          step: r.key.step,
          today: r.today,
          rights: cardRights(deps.clock, { email: r.owner.email }, r.plan, r.action),
        };
      },
    },
    { dryRun },
  );
}

function reminderRow(
  result: DeliveryResult,
  key: ReminderStepKey,
): { outcome: SweepOutcome; reason: string } {
  return deliveryRow(result, {
    message: `${key.step} reminder`,
    done: (state) => (state ? `already ${state}` : 'already handled'),
    // Another sweep is sending it (or died doing so): the action stays filed here to look again.
    busy: 'being sent by another sweep',
    paused: (until) => `owner paused reminders until ${until}`,
  });
}
