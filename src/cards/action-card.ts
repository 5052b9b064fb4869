/** The interactive action card: state, outcome banner, the update form, and decisions for leads. */

import { isRescheduled } from '../domain/action';
import { dueText, ownerNames, ratingWithLabel } from '../domain/action-facts';
import { formatUkDate, formatUkDateTime } from '../domain/dates';
import { formatDueDate, noDeadlineOf } from '../domain/deadline';
import { isOpen, lifecycleLabel } from '../domain/lifecycle';
import { ratingLabel, ratingName, ratingsOf } from '../domain/rating';
import { cardVersion } from '../domain/status-change';
import { authorWords } from '../domain/status-update';
import type { ActionCardView, BannerTone } from '../usecases/shared/action-card-view';
import { inputLabel } from '../usecases/updates/update-form-inputs';
import { escapeMarkdown as md, truncate } from './escape';
import { ratingText } from './rating-text';
import { type AdaptiveCard, renderCard } from './render';

const TONE_COLOUR: Record<BannerTone, string> = {
  good: 'Good',
  info: 'Default',
  warning: 'Warning',
  attention: 'Attention',
};
const TONE_STYLE: Record<BannerTone, string> = {
  good: 'good',
  info: 'emphasis',
  warning: 'warning',
  attention: 'attention',
};

export function actionCard(view: ActionCardView): AdaptiveCard {
  const { action, plan } = view;
  const open = isOpen(action.lifecycle);
  const pending = action.pendingDateRequest;
  return renderCard('action-card', {
    planId: plan.id,
    id: action.id,
    version: cardVersion(action),
    refreshUserIds: view.refreshUserIds.slice(0, 60),
    headline: view.headline ? md(coveredHeadline(view.headline.text, view)) : '',
    headlineColor: view.headline ? TONE_COLOUR[view.headline.tone] : 'Default',
    banner: view.banner ? md(view.banner.text) : '',
    bannerStyle: view.banner ? TONE_STYLE[view.banner.tone] : 'default',
    planTitle: md(plan.title),
    description: md(truncate(action.description, 600)),
    ratingText: ratingText(action.rating),
    area: view.area ? md(truncate(view.area.text, 200)) : '',
    lifecycle: lifecycleLabel(action.lifecycle),
    dueText: dueText(action, view.today),
    rescheduled: isRescheduled(action),
    baselineText: formatDueDate(action.baselineDueDate, noDeadlineOf(action)),
    agency: md(action.leadAgency),
    owners: md(ownerNames(action)),
    contributing: md(contributingText(action)),
    showDetail: view.detail === true,
    evidence: view.detail
      ? action.evidenceLinks.map((url, i) => ({
          label: `Evidence ${i + 1} (${md(hostOf(url))})`,
          url: url.replace(/\)/g, '%29'),
        }))
      : [],
    ratingLabel: ratingWithLabel(action, plan.ratingScale),
    lastUpdateText: view.latest
      ? `${formatUkDateTime(view.latest.at, plan.timeZone)} by ${md(authorWords(view.latest))}`
      : action.lastUpdatedAt
        ? formatUkDate(action.lastUpdatedAt.slice(0, 10))
        : 'None yet',
    latestNote: view.latest?.note ? md(truncate(view.latest.note, 300)) : '',
    pending: pending
      ? `${formatUkDate(pending.date)} (asked by ${md(pending.requestedBy.name)}, ${formatUkDate(pending.requestedAt.slice(0, 10))})`
      : '',
    pendingReason: pending ? md(truncate(pending.reason, 500)) : '',
    pendingId: pending?.id ?? '',
    canDecide: view.viewer.canDecide,
    showForm: view.viewer.canUpdate && open,
    showNoteForm: view.viewer.canAddNote === true && !view.viewer.canUpdate && open,
    noteAgency: md(view.viewer.noteFor ?? 'your agency'),
    contributionNoteValue: view.inputs?.contributionNote ?? '',
    canConfirmImpact: view.viewer.canDecide && action.lifecycle === 'complete',
    successMeasure: md(action.successMeasure),
    errors: (view.errors ?? []).map((e) => ({
      text: md(`${inputLabel(e.field)}: ${e.reason}`),
    })),
    ratingChoices: ratingsOf(plan.ratingScale).map((r) => ({
      title: `${ratingName(r)}: ${ratingLabel(r, plan.ratingScale)}`,
      value: r,
    })),
    ratingValue: view.inputs?.rating ?? action.rating ?? '',
    noteValue: view.inputs?.note ?? '',
    evidenceValue: view.inputs?.evidence ?? '',
  });
}

/**
 * The headline as the reader sees it: someone covering for an owner on leave is told whose card it is,
 * as the e-mail's subject tells them.
 */
export function coveredHeadline(text: string, view: Pick<ActionCardView, 'coveringFor'>): string {
  return view.coveringFor ? `${text} (covering for ${view.coveringFor.name})` : text;
}

/** "Health (Sam Smith), Education": each contributing agency with its named contact where it has one. */
function contributingText(action: ActionCardView['action']): string {
  return action.contributingAgencies
    .map((agency) => {
      const contact = (action.contributingContacts ?? []).find((c) => c.agency === agency);
      return contact ? `${agency} (${contact.name})` : agency;
    })
    .join(', ');
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return 'link';
  }
}
