/**
 * The card presenter for a card press: the typed outcome in words and a tone, drawn as the refreshed
 * action card (with its banner) or, when there is no action to show, as a notice. The only place a
 * press's outcome becomes text on a card.
 */

import { describeDenial } from '../domain/access-words';
import { formatUkDate, formatUkDateTime } from '../domain/dates';
import { lifecycleLabel } from '../domain/lifecycle';
import { assertNever } from '../domain/never';
import { authorWords } from '../domain/status-update';
import { describeRecordedUpdate } from '../domain/update-summary';
import type { ActionCardState, ActionCardView, BannerTone } from '../usecases/shared/action-card-view';
import type { CardActionOutcome } from '../usecases/updates/handle-card-action';
import { actionCard } from './action-card';
import { moderationCard } from './moderation-card';
import type { AdaptiveCard } from './render';
import { cardForReply } from './reply-card';

/**
 * A press's outcome in words: the action as it now stands with a banner, or a notice when there is no
 * action to show. The card draws it; so does the e-mail update page, so both say the same.
 */
export type OutcomePresentation =
  | { kind: 'action'; view: ActionCardView }
  | { kind: 'notice'; title: string; text: string; tone: 'info' | 'refusal' };

export function cardForOutcome(outcome: CardActionOutcome): AdaptiveCard {
  if (outcome.kind === 'moderation') return moderationCard(outcome.view);
  const shown = presentOutcome(outcome);
  return shown.kind === 'action'
    ? actionCard(shown.view)
    : cardForReply({ kind: 'notice', tone: shown.tone, title: shown.title, text: shown.text });
}

export function presentOutcome(outcome: CardActionOutcome): OutcomePresentation {
  switch (outcome.kind) {
    case 'unrecognised':
      return notice(
        'This button is not recognised',
        'The card may be from an older version of Action Tracker. Say "mine" for a fresh one.',
      );
    case 'incomplete':
      return notice('This card is incomplete', 'It does not say which action it is about.');
    case 'not-found':
      return notice(
        `Action ${outcome.actionId} is no longer in the plan`,
        'Ask your partnership business manager.',
      );
    case 'forbidden': {
      const refusal = describeDenial(outcome.reason, outcome.intent, outcome.view?.action);
      // Someone who may not see the action gets no card of it; a closed plan has no buttons to offer.
      if (!outcome.view || outcome.reason === 'plan-closed')
        return notice(refusal.title, refusal.text, 'refusal');
      return drawn(outcome.view, refusal.text, outcome.reason === 'action-closed' ? 'info' : 'attention');
    }
    case 'shown':
      return { kind: 'action', view: outcome.view };
    case 'saved':
    case 'already-saved':
      return drawn(outcome.view, describeRecordedUpdate(outcome.entry, outcome.view.plan.timeZone), 'good');
    case 'stale': {
      const latest = outcome.latest;
      const by = latest
        ? ` (${authorWords(latest)}, ${formatUkDateTime(latest.at, outcome.view.plan.timeZone)})`
        : '';
      return drawn(
        outcome.view,
        `This action changed after this card was sent${by}. Check the current state below and submit again if you still want to.`,
        'warning',
      );
    }
    case 'conflict':
      return drawn(
        outcome.view,
        `Action ${outcome.view.action.id} has changed since you loaded it. Reload it and try again. Nothing was saved.`,
        'warning',
      );
    case 'invalid':
      return {
        kind: 'action',
        view: {
          ...outcome.view,
          errors: outcome.issues,
          banner: { text: 'Nothing was saved. Please check the highlighted answers.', tone: 'attention' },
        },
      };
    case 'snoozed':
      return drawn(
        outcome.view,
        `No reminders about this action until ${formatUkDate(outcome.until)}.`,
        'good',
      );
    case 'date-already-decided': {
      const decided = outcome.latest?.dateDecision;
      const already = decided
        ? `It was ${decided} by ${outcome.latest?.author.name}.`
        : 'It is no longer pending.';
      return drawn(outcome.view, `That date request has been dealt with already. ${already}`, 'info');
    }
    case 'requested-date-invalid':
      return drawn(
        outcome.view,
        `The requested date ${formatUkDate(outcome.date)} ${outcome.issue ?? 'is no longer valid'}; reject it and ask for another.`,
        'warning',
      );
    case 'not-complete':
      return drawn(
        outcome.view,
        `Only a complete action can have its impact confirmed; this one is ${lifecycleLabel(outcome.view.action.lifecycle).toLowerCase()}.`,
        'warning',
      );
    case 'impact-not-evidenced':
      return drawn(outcome.view, `Impact cannot be confirmed yet. ${outcome.missing.join(' ')}`, 'warning');
    case 'moderation':
      // Only the Teams card moderates; the e-mail page never offers these buttons.
      return notice('Moderate in Teams', 'Agreeing ratings is done from the card in Teams or the dashboard.');
    default:
      return assertNever(outcome);
  }
}

function drawn(view: ActionCardState, text: string, tone: BannerTone): OutcomePresentation {
  return { kind: 'action', view: { ...view, banner: { text, tone } } };
}

function notice(title: string, text: string, tone: 'info' | 'refusal' = 'info'): OutcomePresentation {
  return { kind: 'notice', tone, title, text };
}
