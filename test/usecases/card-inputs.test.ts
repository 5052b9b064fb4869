/**
 * A card press's answers are read by the one list of the card's inputs (update-form-inputs.ts), all but
 * the impact confirmation's comment, which its handler reads itself; the fingerprint of a press is what
 * it was before the list was shared, so cards already in people's chats are still recognised.
 */
import { fingerprint, inputsOf } from '../../src/usecases/updates/card-actions/inputs';
import { CARD_INPUT_IDS } from '../../src/usecases/updates/update-form-inputs';

const PRESS = {
  rating: 'on-track',
  note: ' n ',
  evidence: 'https://x',
  revisedDate: '2025-04-01',
  reason: 'r',
  comment: 'c',
  impactNote: 'i',
  impactEvidence: 'e',
  contributionNote: 'cn',
  impactComment: 'ic',
  verb: 'update',
  days: 3,
};

describe('a card press’s inputs', () => {
  test('when every input is sent, then each of the card’s inputs is read but the impact comment, and nothing else', () => {
    const read = inputsOf(PRESS);
    expect(Object.keys(read).sort()).toEqual(CARD_INPUT_IDS.filter((id) => id !== 'impactComment').sort());
  });

  test('when the same press is fingerprinted, then the key is the one cards sent before carry', () => {
    expect(fingerprint('aad-1', 'update', 'v1', inputsOf(PRESS))).toBe('azCNXEwb_eRk3N0yG0QDT9lLWiNcK1-C');
  });

  test('when a number is sent, then it is read as words; anything else is not read', () => {
    expect(inputsOf({ rating: 3, note: { x: 1 }, evidence: null })).toEqual({ rating: '3' });
  });
});
