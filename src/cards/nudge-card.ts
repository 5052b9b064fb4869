import { formatUkDate } from '../domain/dates';
import { describeDue } from '../domain/deadline';
import type { ReminderStepName } from '../domain/reminder-policy';
import type { Nudge, UndeliveredNudge } from '../usecases/reminders/notifier';
import type { BannerTone } from '../usecases/updates/action-card-view';
import { actionCard } from './action-card';
import { escapeMarkdown as md, truncate } from './escape';
import { type AdaptiveCard, renderCard } from './render';

function headline(step: ReminderStepName, id: string, dueText: string): { text: string; tone: BannerTone } {
  // Worded from the real distance to the deadline: a "due" step for a Saturday deadline goes on Friday.
  if (dueText.endsWith('overdue')) return { text: `Action ${id} is ${dueText}`, tone: 'attention' };
  if (dueText === 'due today') return { text: `Action ${id} is due today`, tone: 'warning' };
  return {
    text: `Reminder: action ${id} is ${dueText}`,
    tone: step === 'due' || step === 'before-1' ? 'warning' : 'info',
  };
}

/** The reminder an owner gets: the action card with a headline, and the update form. */
export function nudgeCard(nudge: Nudge, recipientAadObjectId: string): AdaptiveCard {
  return actionCard({
    plan: nudge.plan,
    ...(nudge.area ? { area: nudge.area } : {}),
    action: nudge.action,
    today: nudge.today,
    headline: headline(nudge.step, nudge.action.id, describeDue(nudge.action.currentDueDate, nudge.today)),
    viewer: { aadObjectId: recipientAadObjectId, canUpdate: true, canDecide: false },
    // Teams refreshes the card for these people when they open it (Universal Actions, at most 60).
    refreshUserIds: [recipientAadObjectId],
  });
}

export function undeliveredCard(planTitle: string, items: UndeliveredNudge[], today: string): AdaptiveCard {
  return renderCard('undelivered', {
    planTitle: md(planTitle),
    todayText: formatUkDate(today),
    items: items.slice(0, 50).map((item) => ({
      ownerName: md(item.owner.name),
      ownerEmail: md(item.owner.email),
      reason: md(item.reason),
      actionId: item.action.id,
      description: md(truncate(item.action.description, 160)),
      dueText: `Due ${formatUkDate(item.action.currentDueDate)} (${describeDue(item.action.currentDueDate, today)})`,
    })),
  });
}
