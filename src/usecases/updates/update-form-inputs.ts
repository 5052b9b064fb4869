/**
 * The inputs of the action card's forms and of the e-mail update page's forms, named once. The card
 * template (cards/action-card.json) gives its inputs these ids, the update page gives its controls these
 * names, and the card-action use case reads these keys from what either sends; a test holds the template
 * to this list, so the three cannot drift apart.
 */

/** Every input on the action card, in the template's order, with the short label an error names it by. */
export const CARD_INPUTS = {
  comment: 'Comment',
  rating: 'Rating',
  note: 'Note',
  evidence: 'Evidence link',
  contributionNote: 'Note',
  impactNote: 'Evidence of impact',
  impactEvidence: 'Evidence link',
  revisedDate: 'New date',
  reason: 'Reason',
  impactComment: 'Comment',
} as const;

export type CardInputId = keyof typeof CARD_INPUTS;

export const CARD_INPUT_IDS = Object.keys(CARD_INPUTS) as CardInputId[];

/**
 * The inputs the update page offers: progress, completion and a new date. Deciding dates, confirming
 * impact and contributing agencies' notes stay in Teams and the dashboard.
 */
export const PAGE_INPUT_IDS = [
  'rating',
  'note',
  'evidence',
  'impactNote',
  'impactEvidence',
  'revisedDate',
  'reason',
] as const satisfies readonly CardInputId[];

export type PageInputId = (typeof PAGE_INPUT_IDS)[number];

/** A snooze's days come from the button pressed (card data, a page button's value), not from an input. */
export const SNOOZE_DAYS = 'days';

/** What the update page reads from a posted form and passes to the card's use case. */
export const PAGE_FORM_FIELDS = [...PAGE_INPUT_IDS, SNOOZE_DAYS] as const;

/** The short label for an input (or the snooze's days) in an error line; anything else as it is. */
export function inputLabel(id: string): string {
  if (id === SNOOZE_DAYS) return 'Snooze';
  return (CARD_INPUTS as Record<string, string>)[id] ?? id;
}
