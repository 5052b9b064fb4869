import { formatUkDate } from '../domain/dates';
import { describeDue } from '../domain/deadline';
import { ratingLabel, ratingName, ratingsOf } from '../domain/rating';
import type { ReminderStepName } from '../domain/reminder-policy';
import type { Nudge, UndeliveredNudge } from '../usecases/reminders/notifier';
import { escapeMarkdown as md, truncate } from './escape';
import { type AdaptiveCard, renderCard } from './render';
import { ratingText } from './reply-card';

function headline(step: ReminderStepName, id: string, dueText: string): { text: string; color: string } {
  if (step.startsWith('overdue')) return { text: `Action ${id} is ${dueText}`, color: 'Attention' };
  if (step === 'due') return { text: `Action ${id} is due today`, color: 'Warning' };
  return { text: `Reminder: action ${id} is ${dueText}`, color: 'Default' };
}

/** The reminder an owner gets, with the update form (handled by the inline-updates verbs). */
export function nudgeCard(nudge: Nudge, recipientAadObjectId: string): AdaptiveCard {
  const { action, plan } = nudge;
  const relative = describeDue(action.currentDueDate, nudge.today);
  const head = headline(nudge.step, action.id, relative);
  return renderCard('nudge', {
    headline: md(head.text),
    headlineColor: head.color,
    planTitle: md(plan.title),
    planId: plan.id,
    id: action.id,
    version: action.lastUpdatedAt ?? '',
    description: md(truncate(action.description, 400)),
    area: nudge.area ? md(truncate(nudge.area.text, 200)) : '',
    agency: md(action.leadAgency),
    dueText: `${formatUkDate(action.currentDueDate)} (${relative})`,
    ratingText: ratingText(action.rating),
    ratingLabel: action.rating
      ? `${ratingName(action.rating)}: ${ratingLabel(action.rating, plan.ratingScale)}`
      : 'Not rated yet',
    currentRating: action.rating ?? '',
    ratingChoices: ratingsOf(plan.ratingScale).map((r) => ({
      title: `${ratingName(r)}: ${ratingLabel(r, plan.ratingScale)}`,
      value: r,
    })),
    lastUpdateText: action.lastUpdatedAt ? formatUkDate(action.lastUpdatedAt.slice(0, 10)) : 'None yet',
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
