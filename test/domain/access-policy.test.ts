/** The access policy as a table: each row is a person, a situation, an intent and the expected answer. */
import {
  ACTION_INTENTS,
  AccessDeniedError,
  type ActionIntent,
  type DenialReason,
  decideForAction,
  decideForPlan,
  mayKnowOfPlan,
  normaliseEmail,
  PLAN_INTENTS,
  type PlanIntent,
  rightsOver,
} from '../../src/domain/access-policy';
import { describeDenial } from '../../src/domain/access-words';
import type { Action } from '../../src/domain/action';
import { NotAuthorisedError } from '../../src/domain/errors';
import { createPlan, type Plan } from '../../src/domain/plan';

const NOW = new Date('2026-03-02T10:00:00Z');
/** The plan's calendar date: required by the policy (no delegation in this plan, so any date answers alike). */
const TODAY = '2026-03-02';

const plan: Plan = {
  ...createPlan({ id: 'p1', title: 'Plan' }, NOW),
  coordinators: ['coord@council.gov.uk'],
  leads: ['lead@council.gov.uk'],
  moderators: ['chair@council.gov.uk'],
  agencyLeads: { Police: 'chief@police.uk' },
};

const action: Action = {
  planId: 'p1',
  id: '2.1',
  areaId: 'A2',
  description: 'Review the exploitation screening tool',
  leadAgency: 'Police',
  owners: [{ name: 'Jo Bloggs', email: 'jo@police.uk' }],
  contributingAgencies: ['Health'],
  contributingContacts: [{ agency: 'Health', name: 'Sam Smith', email: 'sam@nhs.uk' }],
  baselineDueDate: '2026-04-30',
  currentDueDate: '2026-04-30',
  lifecycle: 'in_progress',
  successMeasure: 'Screening used in every referral',
  evidenceLinks: [],
};

const closedPlan: Plan = { ...plan, closedAt: NOW.toISOString() };
const completed: Action = { ...action, lifecycle: 'complete' };

type Row = [
  who: string,
  intent: ActionIntent,
  expected: true | DenialReason,
  situation?: 'closed-plan' | 'complete',
];

const ACTION_CASES: Row[] = [
  // Seeing
  ['jo@police.uk', 'see', true],
  ['  JO@Police.UK ', 'see', true],
  ['coord@council.gov.uk', 'see', true],
  ['lead@council.gov.uk', 'see', true],
  ['chief@police.uk', 'see', true],
  ['someone@elsewhere.org', 'see', 'not-involved'],
  ['', 'see', 'not-involved'],
  ['jo@police.uk', 'see', true, 'closed-plan'],
  // Updating
  ['jo@police.uk', 'update', true],
  ['coord@council.gov.uk', 'update', true],
  ['lead@council.gov.uk', 'update', 'not-owner-or-coordinator'],
  ['chief@police.uk', 'update', 'not-owner-or-coordinator'],
  ['someone@elsewhere.org', 'update', 'not-involved'],
  ['jo@police.uk', 'update', 'plan-closed', 'closed-plan'],
  ['jo@police.uk', 'update', 'action-closed', 'complete'],
  ['coord@council.gov.uk', 'update', 'action-closed', 'complete'],
  // Snoozing
  ['jo@police.uk', 'snooze', true],
  ['coord@council.gov.uk', 'snooze', true],
  ['lead@council.gov.uk', 'snooze', 'not-owner-or-coordinator'],
  ['jo@police.uk', 'snooze', 'plan-closed', 'closed-plan'],
  // Deciding dates and confirming impact
  ['lead@council.gov.uk', 'decide-date', true],
  ['coord@council.gov.uk', 'decide-date', true],
  ['jo@police.uk', 'decide-date', 'not-lead-or-coordinator'],
  ['chief@police.uk', 'decide-date', 'not-lead-or-coordinator'],
  ['lead@council.gov.uk', 'decide-date', 'plan-closed', 'closed-plan'],
  ['lead@council.gov.uk', 'confirm-impact', true, 'complete'],
  ['coord@council.gov.uk', 'confirm-impact', true, 'complete'],
  ['jo@police.uk', 'confirm-impact', 'not-lead-or-coordinator', 'complete'],
  ['someone@elsewhere.org', 'confirm-impact', 'not-involved', 'complete'],
  // Adding a note: owners, coordinators and contributing agencies' contacts, on an open action
  ['jo@police.uk', 'add-note', true],
  ['coord@council.gov.uk', 'add-note', true],
  ['lead@council.gov.uk', 'add-note', 'not-owner-or-coordinator'],
  ['someone@elsewhere.org', 'add-note', 'not-involved'],
  ['sam@nhs.uk', 'add-note', true],
  ['SAM@NHS.uk', 'add-note', true],
  ['sam@nhs.uk', 'add-note', 'plan-closed', 'closed-plan'],
  ['sam@nhs.uk', 'add-note', 'action-closed', 'complete'],
  // A contributing agency's contact sees the action but proposes no rating: that is the lead owner's
  ['sam@nhs.uk', 'see', true],
  ['sam@nhs.uk', 'update', 'contributor-notes-only'],
  ['sam@nhs.uk', 'snooze', 'contributor-notes-only'],
  ['sam@nhs.uk', 'decide-date', 'not-lead-or-coordinator'],
  // Agreeing ratings (issue 15): moderators and coordinators, on open or complete actions
  ['chair@council.gov.uk', 'agree-rating', true],
  [' Chair@Council.gov.uk', 'agree-rating', true],
  ['coord@council.gov.uk', 'agree-rating', true],
  ['chair@council.gov.uk', 'agree-rating', true, 'complete'],
  ['chair@council.gov.uk', 'agree-rating', 'plan-closed', 'closed-plan'],
  ['lead@council.gov.uk', 'agree-rating', 'not-moderator-or-coordinator'],
  ['jo@police.uk', 'agree-rating', 'not-moderator-or-coordinator'],
  ['chief@police.uk', 'agree-rating', 'not-moderator-or-coordinator'],
  ['someone@elsewhere.org', 'agree-rating', 'not-involved'],
  // A moderator sees every action (to moderate it) but does not update, decide dates or confirm impact
  ['chair@council.gov.uk', 'see', true],
  ['chair@council.gov.uk', 'update', 'not-owner-or-coordinator'],
  ['chair@council.gov.uk', 'decide-date', 'not-lead-or-coordinator'],
];

describe('access policy: actions', () => {
  // A rest parameter: jest takes a fourth named parameter on a three-item row for a `done` callback.
  test.each(ACTION_CASES)('when %s asks to %s, then %s', (...[who, intent, expected, situation]: Row) => {
    const p = situation === 'closed-plan' ? closedPlan : plan;
    const a = situation === 'complete' ? completed : action;
    const decision = decideForAction(p, a, who, intent, TODAY);
    expect(decision).toEqual(expected === true ? { allowed: true } : { allowed: false, reason: expected });
  });

  test('when the agency lead is stored with capitals, then they are still recognised', () => {
    const shouting = { ...plan, agencyLeads: { police: 'Chief@Police.UK' } };
    expect(decideForAction(shouting, action, 'chief@police.uk', 'see', TODAY)).toEqual({ allowed: true });
  });

  test('rightsOver gives every intent at once', () => {
    expect(rightsOver(plan, action, 'jo@police.uk', TODAY)).toEqual({
      see: true,
      update: true,
      snooze: true,
      'agree-rating': false,
      'decide-date': false,
      'confirm-impact': false,
      'add-note': true,
    });
  });
});

type PlanRow = [who: string, intent: PlanIntent, expected: true | DenialReason, closed?: boolean];

const PLAN_CASES: PlanRow[] = [
  ['coord@council.gov.uk', 'see-whole-plan', true],
  ['LEAD@council.gov.uk', 'see-whole-plan', true],
  ['jo@police.uk', 'see-whole-plan', 'no-plan-role'],
  ['chief@police.uk', 'see-whole-plan', 'no-plan-role'],
  ['coord@council.gov.uk', 'administer', true],
  ['chair@council.gov.uk', 'see-whole-plan', true],
  ['chair@council.gov.uk', 'administer', 'not-coordinator'],
  ['lead@council.gov.uk', 'administer', 'not-coordinator'],
  ['jo@police.uk', 'administer', 'not-coordinator'],
  ['coord@council.gov.uk', 'administer', 'plan-closed', true],
  ['coord@council.gov.uk', 'see-whole-plan', true, true],
];

describe('access policy: plans', () => {
  test.each(PLAN_CASES)('when %s asks to %s, then %s', (...[who, intent, expected, closed]: PlanRow) => {
    const decision = decideForPlan(closed ? closedPlan : plan, who, intent);
    expect(decision).toEqual(expected === true ? { allowed: true } : { allowed: false, reason: expected });
  });

  test('addresses are compared trimmed and in lower case', () => {
    expect(normaliseEmail('  Jo.Bloggs@Police.UK ')).toBe('jo.bloggs@police.uk');
  });
});

type KnowRow = [who: string, expected: boolean];

const KNOW_CASES: KnowRow[] = [
  ['coord@council.gov.uk', true],
  ['lead@council.gov.uk', true],
  ['JO@police.uk', true],
  ['chief@police.uk', true],
  ['someone@elsewhere.org', false],
  ['', false],
];

describe('access policy: whether a plan is there for someone at all', () => {
  test.each(KNOW_CASES)('when %s asks, then mayKnowOfPlan is %s', (...[who, expected]: KnowRow) => {
    expect(mayKnowOfPlan(plan, [action], who, TODAY)).toBe(expected);
  });

  test('when the plan has no action they may see and no role for them, then it is not there for them', () => {
    const elsewhere: Action = { ...action, id: '9.9', owners: [{ name: 'Sam', email: 'sam@other.org' }] };
    expect(mayKnowOfPlan(plan, [elsewhere], 'jo@police.uk', TODAY)).toBe(false);
  });
});

describe('access policy: refusals in words', () => {
  const reasons: DenialReason[] = [
    'not-involved',
    'not-owner-or-coordinator',
    'contributor-notes-only',
    'not-lead-or-coordinator',
    'no-plan-role',
    'not-coordinator',
    'plan-closed',
    'action-closed',
  ];
  const intents: (ActionIntent | PlanIntent)[] = [...ACTION_INTENTS, ...PLAN_INTENTS];

  test('when any reason is given for any intent, then there is a title and a full sentence, never a gap', () => {
    for (const reason of reasons)
      for (const intent of intents) {
        const { title, text } = describeDenial(reason, intent, completed);
        expect(title).toMatch(/^[A-Z]\S.*\S$/);
        expect(text).toMatch(/^[A-Z].*\.$/);
        expect(`${title} ${text}`).not.toMatch(/undefined|\$\{/);
      }
  });

  test('when the reason is the same, then the words are the same whoever asks and wherever', () => {
    expect(describeDenial('not-owner-or-coordinator', 'update').text).toBe(
      'Only the owners and the plan’s coordinators can update this action.',
    );
    expect(describeDenial('action-closed', 'update', completed).text).toBe(
      'This action is complete, so it cannot be updated from a card.',
    );
    expect(new AccessDeniedError('no-plan-role', 'see-whole-plan').message).toBe(
      describeDenial('no-plan-role', 'see-whole-plan').text,
    );
    expect(new AccessDeniedError('no-plan-role', 'see-whole-plan')).toBeInstanceOf(NotAuthorisedError);
  });
});
