/**
 * Tells the people a change concerns: leads when an action turns red, leads and coordinators when a new
 * date is requested, owners when it is decided. Each recipient once per trigger, through the ledger.
 */
import type { Action } from '../../domain/action';
import { calendarDateIn, formatUkDate } from '../../domain/dates';
import { agencyLeadOf, type Plan } from '../../domain/plan';
import { recordDelivery } from '../delivery/record-delivery';
import type { Clock, Stores } from '../ports/index';
import type { Notifier } from '../reminders/notifier';
import type { ActionCardView } from './action-card-view';
import type { Announcement } from './announcements';

export interface AnnounceDeps {
  stores: Stores;
  notifier: Notifier;
  clock: Clock;
  claimant: string;
}

export interface Recipient {
  email: string;
  canDecide: boolean;
  canUpdate: boolean;
}

export async function announce(
  deps: AnnounceDeps,
  plan: Plan,
  action: Action,
  announcement: Announcement,
): Promise<string[]> {
  const today = calendarDateIn(plan.timeZone, deps.clock.now());
  const delivered: string[] = [];
  for (const recipient of recipientsOf(plan, action, announcement)) {
    const [user] = await deps.stores.users.findByEmails([recipient.email]);
    if (!user?.conversationReference) continue;
    const key = `${announcement.key}|${recipient.email}`;
    if ((await deps.stores.ledger.claim(plan.id, key, deps.claimant, deps.clock.now())) !== 'claimed')
      continue;
    const view: ActionCardView = {
      plan,
      action,
      today,
      headline: headlineOf(action, announcement),
      viewer: {
        aadObjectId: user.aadObjectId,
        canUpdate: recipient.canUpdate,
        canDecide: recipient.canDecide,
      },
      refreshUserIds: [user.aadObjectId],
    };
    const outcome = await deps.notifier.sendActionCard(user, view, view.headline!.text);
    await recordDelivery(deps, plan.id, key, outcome);
    if (outcome.status === 'sent') delivered.push(recipient.email);
  }
  return delivered;
}

export function recipientsOf(plan: Plan, action: Action, announcement: Announcement): Recipient[] {
  const owners = action.owners.map((o) => o.email);
  const people = new Map<string, Recipient>();
  const add = (email: string, canDecide: boolean) => {
    const existing = people.get(email);
    const canUpdate = owners.includes(email) || plan.coordinators.includes(email);
    people.set(email, { email, canDecide: canDecide || (existing?.canDecide ?? false), canUpdate });
  };
  switch (announcement.kind) {
    case 'escalation': {
      const agencyLead = agencyLeadOf(plan, action.leadAgency);
      if (agencyLead)
        add(agencyLead, plan.leads.includes(agencyLead) || plan.coordinators.includes(agencyLead));
      for (const email of plan.leads) add(email, true);
      break;
    }
    case 'date-request':
      for (const email of [...plan.leads, ...plan.coordinators]) add(email, true);
      break;
    case 'date-decision':
      for (const email of owners) add(email, false);
      break;
  }
  return [...people.values()];
}

function headlineOf(action: Action, announcement: Announcement): ActionCardView['headline'] {
  switch (announcement.kind) {
    case 'escalation':
      return announcement.trigger === 'red'
        ? { text: `Action ${action.id} is now rated red`, tone: 'attention' }
        : announcement.trigger === 'overdue-14'
          ? { text: `Action ${action.id} is more than 14 days overdue`, tone: 'attention' }
          : { text: `Action ${action.id}: three reminders without an update`, tone: 'attention' };
    case 'date-request': {
      const request = action.pendingDateRequest;
      return {
        text: request
          ? `New date requested for action ${action.id}: ${formatUkDate(request.date)}`
          : `New date requested for action ${action.id}`,
        tone: 'warning',
      };
    }
    case 'date-decision':
      return announcement.decision === 'approved'
        ? {
            text: `New due date for action ${action.id} approved: ${formatUkDate(announcement.request.date)}`,
            tone: 'good',
          }
        : {
            text: `New due date for action ${action.id} not approved; it stays ${formatUkDate(action.currentDueDate)}`,
            tone: 'warning',
          };
  }
}
