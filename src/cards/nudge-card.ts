import { hasDeadline } from '../domain/action';
import { formatUkDate } from '../domain/dates';
import { describeDue, dueWithDistance } from '../domain/deadline';
import type { ReminderStepName } from '../domain/reminder-policy';
import { type Nudge, type UndeliveredItem, undeliveredSubject } from '../usecases/delivery/channel';
import type { BannerTone } from '../usecases/shared/action-card-view';
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
    // A delegate is told whose reminder it is, so they know why they have it.
    ...(nudge.coveringFor ? { coveringFor: nudge.coveringFor } : {}),
    viewer: { aadObjectId: recipientAadObjectId, ...nudge.rights },
    // Teams refreshes the card for these people when they open it (Universal Actions, at most 60).
    refreshUserIds: [recipientAadObjectId],
  });
}

/**
 * A coordinator's list of what could not be delivered: reminders first (the usual case), then any
 * escalations, date requests and decisions, each with who it was for and why it did not reach them.
 */
export function undeliveredCard(planTitle: string, items: UndeliveredItem[], today: string): AdaptiveCard {
  const shown = items.slice(0, 50);
  const row = (item: UndeliveredItem) => {
    const subject = undeliveredSubject(item);
    return {
      ownerName: md(item.owner.name),
      ownerEmail: md(item.owner.email),
      reason: md(item.reason),
      actionId: subject.id,
      description: md(truncate(subject.text, 160)),
      dueText: !('action' in item)
        ? ''
        : hasDeadline(item.action)
          ? `Due ${dueWithDistance(item.action.currentDueDate, today)}`
          : 'No deadline',
      about: item.message.kind === 'reminder' ? '' : md(item.message.headline),
    };
  };
  const reminders = shown.filter((item) => item.message.kind === 'reminder').map(row);
  const others = shown.filter((item) => item.message.kind !== 'reminder').map(row);
  return renderCard('undelivered', {
    planTitle: md(planTitle),
    todayText: formatUkDate(today),
    items: reminders,
    others,
    hasReminders: reminders.length > 0,
    hasOthers: others.length > 0,
  });
}
