/** Reading a form's typed answers from card data, and the fingerprint that recognises a resubmission. */
import { createHash } from 'node:crypto';
import { CARD_INPUT_IDS, type CardInputId } from '../update-form-inputs';

/**
 * The card's inputs (one list, update-form-inputs.ts) but the impact confirmation's comment, which its
 * handler reads by itself (confirm-impact.ts): leaving it out keeps every fingerprint as it was, so cards
 * already sent are still recognised.
 */
const INPUT_IDS: readonly CardInputId[] = CARD_INPUT_IDS.filter((id) => id !== 'impactComment');

/** Only the form's own inputs are read from card data, as strings, trimmed to a safe length. */
export function inputsOf(data: Record<string, unknown>): Record<string, string> {
  const inputs: Record<string, string> = {};
  for (const id of INPUT_IDS) {
    const value = data[id];
    if (typeof value === 'string') inputs[id] = value.slice(0, 10_000);
    else if (typeof value === 'number') inputs[id] = String(value);
  }
  return inputs;
}

/**
 * Who pressed what, on which version, with which answers: the same submission (a double click, Teams
 * retrying) gives the same key, so it is recognised in the history and recorded once.
 */
export function fingerprint(
  who: string,
  verb: string,
  version: string,
  inputs: Record<string, string>,
): string {
  const normalised = Object.keys(inputs)
    .sort()
    .map((k) => `${k}=${(inputs[k] ?? '').trim()}`)
    .join('&');
  return createHash('sha256')
    .update(`${who}|${verb}|${version}|${normalised}`)
    .digest('base64url')
    .slice(0, 32);
}
