/** The card presenter: every outcome of a press drawn with its words and tone, and nothing leaked. */
import { cardForOutcome } from '../../src/cards/card-action-answer';
import type { Action } from '../../src/domain/action';
import { createPlan, type Plan } from '../../src/domain/plan';
import type { StatusUpdate } from '../../src/domain/status-update';
import type { ActionCardState } from '../../src/usecases/shared/action-card-view';
import type { CardActionOutcome } from '../../src/usecases/updates/handle-card-action';
import { cardText } from '../support/cards';

const NOW = new Date('2026-03-02T10:00:00Z');
const plan: Plan = {
  ...createPlan({ id: 'p1', title: 'Plan' }, NOW),
  coordinators: ['coord@council.gov.uk'],
};
const action: Action = {
  planId: 'p1',
  id: '2.1',
  areaId: 'A2',
  description: 'Review the exploitation screening tool',
  leadAgency: 'Police',
  owners: [{ name: 'Jo Bloggs', email: 'jo@police.uk' }],
  contributingAgencies: [],
  baselineDueDate: '2026-04-30',
  currentDueDate: '2026-04-30',
  lifecycle: 'in_progress',
  rating: 'amber',
  successMeasure: 'Screening used in every referral',
  evidenceLinks: [],
};
const view: ActionCardState = {
  plan,
  action,
  today: '2026-03-02',
  viewer: { aadObjectId: 'aad-jo', canUpdate: true, canDecide: false },
  refreshUserIds: ['aad-jo'],
};
const entry: StatusUpdate = {
  planId: 'p1',
  actionId: '2.1',
  id: 'e1',
  at: NOW.toISOString(),
  author: { aadObjectId: 'aad-jo', name: 'Jo Bloggs' },
  oldRating: 'amber',
  newRating: 'green',
  oldLifecycle: 'in_progress',
  newLifecycle: 'in_progress',
  source: 'card',
};

type Row = [kind: CardActionOutcome['kind'], outcome: CardActionOutcome, words: string];

const ROWS: Row[] = [
  ['unrecognised', { kind: 'unrecognised' }, 'This button is not recognised'],
  ['incomplete', { kind: 'incomplete' }, 'This card is incomplete'],
  ['not-found', { kind: 'not-found', actionId: '9.9' }, 'Action 9.9 is no longer in the plan'],
  [
    'forbidden',
    { kind: 'forbidden', reason: 'not-involved', intent: 'see' },
    'Only its owners and the plan’s coordinators and leads can see or change it.',
  ],
  ['shown', { kind: 'shown', view }, 'Review the exploitation screening tool'],
  [
    'saved',
    { kind: 'saved', view, entry, announcements: [] },
    'Updated by Jo Bloggs at 2 Mar 2026, 10:00: rating Amber → Green.',
  ],
  ['already-saved', { kind: 'already-saved', view, entry }, 'Updated by Jo Bloggs at 2 Mar 2026, 10:00'],
  ['stale', { kind: 'stale', view, latest: entry }, 'changed after this card was sent (Jo Bloggs,'],
  ['conflict', { kind: 'conflict', view }, 'Action 2.1 has changed since you loaded it.'],
  [
    'invalid',
    { kind: 'invalid', view, issues: [{ field: 'note', reason: 'is required' }] },
    'Note: is required',
  ],
  [
    'snoozed',
    { kind: 'snoozed', view, until: '2026-03-05' },
    'No reminders about this action until 5 Mar 2026.',
  ],
  ['date-already-decided', { kind: 'date-already-decided', view }, 'It is no longer pending.'],
  [
    'requested-date-invalid',
    { kind: 'requested-date-invalid', view, date: '2026-03-01', issue: 'must be in the future' },
    'The requested date 1 Mar 2026 must be in the future; reject it and ask for another.',
  ],
  ['not-complete', { kind: 'not-complete', view }, 'this one is in progress.'],
];

describe('the card presenter', () => {
  test.each(ROWS)('when the outcome is %s, then the card says so', (...[, outcome, words]: Row) => {
    expect(cardText(cardForOutcome(outcome))).toContain(words.replace(/([[\]<>*_`~\\])/g, '\\$1'));
  });

  test('when someone may not see the action, then the card shows nothing of it', () => {
    const text = cardText(cardForOutcome({ kind: 'forbidden', reason: 'not-involved', intent: 'update' }));
    expect(text).toContain('This action is not yours');
    expect(text).not.toContain('screening');
  });

  test('when a refusal comes with the action, then the reason is a banner above it, in the policy’s words', () => {
    const card = cardForOutcome({
      kind: 'forbidden',
      reason: 'not-owner-or-coordinator',
      intent: 'snooze',
      view,
    });
    const text = cardText(card);
    expect(text).toContain('Only the owners and the plan’s coordinators can snooze this action’s reminders.');
    expect(text).toContain('Review the exploitation screening tool');
    expect(JSON.stringify(card)).toContain('"style":"attention"');
  });

  test('when the plan is closed, then a notice says so instead of a card with buttons', () => {
    const text = cardText(
      cardForOutcome({ kind: 'forbidden', reason: 'plan-closed', intent: 'update', view }),
    );
    expect(text).toContain('This plan is closed');
    expect(text).not.toContain('Update your progress');
  });
});
