/**
 * The one place the update page calls the card's use case, and turns its answer into what the page
 * needs. The same validation, history entry, audit event, escalations and announcements as a press on
 * the card; only the source differs ("email"). When the use case's return type changes, this is the
 * function to adapt.
 */

import { presentOutcome } from '../../cards/card-action-answer';
import type { ActionCardView, BannerTone } from '../../usecases/shared/action-card-view';
import type { Announcement } from '../../usecases/updates/announcements';
import { type CardActionDeps, handleCardAction } from '../../usecases/updates/handle-card-action';

/**
 * What the page's forms may ask for: an owner's update; a contributing agency's contact's note alone; a
 * lead's or coordinator's decision on a date, opened from a "Please decide" e-mail (most deciders are in
 * other tenants, without Teams). Confirming impact stays in Teams and the tab.
 */
export const PAGE_VERBS = [
  'action.refresh',
  'action.update',
  'action.complete',
  'date.request',
  'action.snooze',
  'date.approve',
  'date.reject',
  'action.note',
] as const;
export type PageVerb = (typeof PAGE_VERBS)[number];

/** The page's decision verbs: Approve and Reject on a pending date request. */
export const DECISION_VERBS = ['date.approve', 'date.reject'] as const;
export type DecisionVerb = (typeof DECISION_VERBS)[number];

export function isDecisionVerb(verb: PageVerb): verb is DecisionVerb {
  return (DECISION_VERBS as readonly string[]).includes(verb);
}

export function isPageVerb(value: unknown): value is PageVerb {
  return typeof value === 'string' && (PAGE_VERBS as readonly string[]).includes(value);
}

/** Someone identified by a signed e-mail link rather than by Teams. */
export interface LinkPerson {
  email: string;
  name: string;
}

export type UpdatePageOutcome =
  | { kind: 'page'; view: ActionCardView; saved: boolean; announcements: Announcement[] }
  | { kind: 'refused'; title: string; text: string; tone: BannerTone };

/** The card use case's own dependencies; the source is always the e-mail link. */
export type SubmitDeps = Omit<CardActionDeps, 'source'>;

/**
 * People who arrive by e-mail link may have no Entra ID object id known to us (partner staff in other
 * tenants), so the history and audit name them by address, marked so it cannot pass for an Entra id.
 */
export function actorIdOf(email: string): string {
  return `email:${email}`;
}

export async function submitThroughCardUseCase(
  deps: SubmitDeps,
  person: LinkPerson,
  verb: PageVerb,
  data: Record<string, unknown>,
): Promise<UpdatePageOutcome> {
  const cardDeps: CardActionDeps = {
    ...deps,
    source: 'email',
  };
  const result = await handleCardAction(
    cardDeps,
    { aadObjectId: actorIdOf(person.email), name: person.name, email: person.email },
    verb,
    data,
  );
  // The card's own words for the outcome, so the page and the card never disagree.
  const shown = presentOutcome(result);
  if (shown.kind === 'notice')
    return {
      kind: 'refused',
      title: shown.title,
      text: shown.text,
      tone: shown.tone === 'refusal' ? 'attention' : 'info',
    };
  return {
    kind: 'page',
    view: shown.view,
    saved: result.kind === 'saved' || result.kind === 'already-saved',
    announcements: result.kind === 'saved' ? result.announcements : [],
  };
}
