import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ACData from 'adaptivecards-templating';
import { projectRoot } from '../support/project-root';

export const CARD_NAMES = [
  'message',
  'welcome',
  'help',
  'summary',
  'action-list',
  'history',
  'owners',
  'measures',
  'choose-plan',
  'action-card',
  'undelivered',
  'digest',
  'round-status',
  'round-groups',
  'report',
  'moderation-card',
  'measure-card',
] as const;
export type CardName = (typeof CARD_NAMES)[number];

export type AdaptiveCard = Record<string, unknown> & { type: 'AdaptiveCard'; version: string };

/** Teams refuses messages over 100 KB; staying under 80 KB leaves room for the activity around the card. */
export const MAX_CARD_BYTES = 80 * 1024;

const templates = new Map<CardName, ACData.Template>();

function template(name: CardName): ACData.Template {
  let loaded = templates.get(name);
  if (!loaded) {
    const json = JSON.parse(readFileSync(join(projectRoot(), 'cards', `${name}.json`), 'utf8')) as object;
    loaded = new ACData.Template(json);
    templates.set(name, loaded);
  }
  return loaded;
}

export class CardTooLargeError extends Error {
  override readonly name = 'CardTooLargeError';
}

/** Expands a template from /cards with data; data values are inserted as text, never evaluated. */
export function renderCard(name: CardName, data: object): AdaptiveCard {
  const card = template(name).expand({ $root: data }) as AdaptiveCard;
  const bytes = Buffer.byteLength(JSON.stringify(card), 'utf8');
  if (bytes > MAX_CARD_BYTES)
    throw new CardTooLargeError(`The ${name} card is ${bytes} bytes; the limit is ${MAX_CARD_BYTES}`);
  return card;
}
