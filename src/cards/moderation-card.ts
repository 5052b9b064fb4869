/** The moderator's card: proposal against agreement, the flags, and agree / change with commentary. */
import { formatUkDate } from '../domain/dates';
import { describeDue } from '../domain/deadline';
import { standingNote } from '../domain/moderation';
import { ratingLabel, ratingName, ratingsOf } from '../domain/rating';
import type { ModerationCardView } from '../usecases/moderation/moderation-card-view';
import { escapeMarkdown as md, truncate } from './escape';
import { ratingText } from './rating-text';
import { type AdaptiveCard, renderCard } from './render';

const BANNER_STYLE = { good: 'good', warning: 'warning', attention: 'attention' } as const;

export function moderationCard(view: ModerationCardView): AdaptiveCard {
  const { plan, item } = view;
  const { action, standing } = item;
  const agreed = action.agreed;
  const proposal = action.rating;
  return renderCard('moderation-card', {
    planId: plan.id,
    id: action.id,
    version: item.version,
    refreshUserIds: view.refreshUserIds.slice(0, 60),
    banner: view.banner ? md(view.banner.text) : '',
    bannerStyle: view.banner ? BANNER_STYLE[view.banner.tone] : 'default',
    planTitle: md(plan.title),
    description: md(truncate(action.description, 600)),
    proposedText: ratingText(proposal),
    agreedText: agreed
      ? `${ratingText(agreed.rating)}, by ${md(agreed.agreedBy.name)} on ${formatUkDate(agreed.agreedAt.slice(0, 10))}`
      : 'Not yet agreed',
    standingText: standingNote(standing) ?? (standing.status === 'agreed' ? 'Agreed' : 'Not yet rated'),
    dueText: action.currentDueDate
      ? `${formatUkDate(action.currentDueDate)} (${describeDue(action.currentDueDate, view.today)})`
      : action.dateToBeConfirmed
        ? 'Date to be confirmed'
        : 'No deadline',
    owners: md(action.owners.map((o) => o.name || o.email).join(', ') || 'No owner named'),
    flags: view.flagLabels.map((text) => ({ text })),
    note: item.note ? md(truncate(item.note.text, 1000)) : '',
    evidence: md(action.evidenceLinks.join(', ')),
    agreedCommentary: agreed ? md(truncate(agreed.commentary, 1000)) : '',
    canAgree: !plan.closedAt,
    errors: (view.errors ?? []).map((issue) => ({ text: `${issue.field}: ${issue.reason}` })),
    ratingValue: view.inputs?.rating ?? agreed?.rating ?? proposal ?? '',
    ratingChoices: ratingsOf(plan.ratingScale).map((r) => ({
      title: `${ratingName(r)}: ${ratingLabel(r, plan.ratingScale)}`,
      value: r,
    })),
    commentaryValue: view.inputs?.commentary ?? agreed?.commentary ?? '',
    agreeTitle: proposal ? `Agree ${ratingName(proposal)} as proposed` : 'Agree (no proposal yet)',
    nextId: view.nextActionId ?? '',
  });
}
