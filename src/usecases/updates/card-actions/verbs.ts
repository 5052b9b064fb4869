/** The buttons an action card (and the e-mail update page) can press, and what each asks the policy for. */
import type { ActionIntent } from '../../access/access';

export const CARD_VERBS = [
  'action.refresh',
  'action.update',
  'action.complete',
  'action.snooze',
  'date.request',
  'date.approve',
  'date.reject',
  'impact.confirm',
  'action.note',
  'moderation.show',
  'rating.agree',
  'rating.change',
] as const;
export type CardVerb = (typeof CARD_VERBS)[number];

export function isCardVerb(verb: unknown): verb is CardVerb {
  return typeof verb === 'string' && (CARD_VERBS as readonly string[]).includes(verb);
}

/** What each button asks the access policy for. */
export const INTENT_OF: Record<CardVerb, ActionIntent> = {
  'action.refresh': 'see',
  'action.update': 'update',
  'action.complete': 'update',
  'date.request': 'update',
  'action.snooze': 'snooze',
  'date.approve': 'decide-date',
  'date.reject': 'decide-date',
  'impact.confirm': 'confirm-impact',
  'action.note': 'add-note',
  'moderation.show': 'agree-rating',
  'rating.agree': 'agree-rating',
  'rating.change': 'agree-rating',
};
