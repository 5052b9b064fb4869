import { cardForReply } from '../../src/cards/reply-card';
import { COMMANDS } from '../../src/domain/commands/registry';
import type { Membership } from '../../src/usecases/chat/replies';
import { type Card, cardText } from '../support/cards';

/** The help card's text, with the markdown escapes taken out so usages read as declared. */
function helpFor(memberships: Membership[]): string {
  return cardText(cardForReply({ kind: 'help', memberships }) as Card).replace(/\\([<>[\]])/g, '$1');
}

const COORDINATOR: Membership = { planId: 'p', planTitle: 'P', roles: ['coordinator'], openActionsOwned: 1 };
const OWNER: Membership = { planId: 'p', planTitle: 'P', roles: [], openActionsOwned: 2 };

describe('the help card', () => {
  // "help" itself is not listed: the card is its answer.
  const listed = COMMANDS.filter((c) => c.name !== 'help');

  test('when someone with a role asks for help, then every declared command is on it, with its description', () => {
    const text = helpFor([COORDINATOR]);
    expect(listed.filter((c) => !text.includes(`${c.usage}\n`) || !text.includes(c.description))).toEqual([]);
  });

  test('when an owner with no role asks for help, then exactly the commands for owners and everyone are on it', () => {
    const text = helpFor([OWNER]);
    const forThem = listed.filter((c) => c.audience === 'owners' || c.audience === 'everyone');
    expect(listed.filter((c) => text.includes(c.description))).toEqual(forThem);
  });
});
