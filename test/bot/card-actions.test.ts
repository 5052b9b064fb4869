import { type TestUser, teamsCardExecute, teamsCardSubmit, teamsMessage } from '../support/activities';
import {
  type BotHarness,
  COORDINATOR,
  LEAD,
  OTHER_OWNER,
  OWNER,
  STRANGER,
  startBotHarness,
} from '../support/bot-harness';
import { type Card, cardOf, cardText } from '../support/cards';
import { postActivity } from '../support/post-activity';

const PLAN = 'demo-leeds-syv';
let harness: BotHarness;

beforeEach(async () => {
  harness = await startBotHarness({ now: '2025-01-15T10:00:00Z' });
});

afterEach(async () => {
  await harness.close();
});

async function version(actionId: string): Promise<string> {
  return String((await harness.stores.actions.get(PLAN, actionId))!.value.revision ?? 0);
}

/** Presses an Action.Execute button as Teams does; returns the card from the invoke response. */
async function press(
  user: TestUser,
  verb: string,
  data: Record<string, unknown>,
): Promise<{ status: number; card: Card }> {
  const response = await postActivity(
    harness.botUrl,
    teamsCardExecute({ user, verb, data, serviceUrl: harness.stub.url }),
  );
  const body = response.body as { statusCode: number; type: string; value: Card };
  expect(response.status).toBe(200);
  expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
  return { status: body.statusCode, card: body.value };
}

async function reachable(...users: TestUser[]): Promise<void> {
  for (const user of users)
    await postActivity(harness.botUrl, teamsMessage({ user, text: 'help', serviceUrl: harness.stub.url }));
  harness.stub.clear();
}

const sentTo = (user: TestUser) =>
  harness.stub.activities.filter((a) => a.activity.recipient?.id === user.id).map((a) => cardText(cardOf(a)));

describe('a closed plan', () => {
  test('when monitoring has ended, then a card press changes nothing and says why', async () => {
    const { closePlanForGood } = await import('../../src/usecases/retention/retention');
    // Before closing, reminders are due today (a dry run says so); after, none are sent.
    const due = (await harness.sweep({ dryRun: true })).rows.filter((r) => r.outcome !== 'skipped');
    expect(due.length).toBeGreaterThan(0);
    await closePlanForGood({ stores: harness.stores, clock: harness.clock }, PLAN, 'ops');
    const before = (await harness.stores.actions.get(PLAN, '2.1'))!.value;
    const { card } = await press(OWNER, 'action.update', {
      planId: PLAN,
      actionId: '2.1',
      version: await version('2.1'),
      rating: 'green',
    });
    expect(cardText(card)).toContain('This plan is closed');
    expect((await harness.stores.actions.get(PLAN, '2.1'))!.value).toEqual(before);
    const after = await harness.sweep();
    expect(after.rows.filter((r) => r.outcome === 'sent' || r.outcome === 'unreachable')).toEqual([]);
    expect(after.indexEntriesRead).toBeGreaterThan(0);
  });
});

describe('updating progress from the card', () => {
  test('when an owner saves a new rating with a note, then it is recorded, shown, and in the history', async () => {
    const { card } = await press(OWNER, 'action.update', {
      planId: PLAN,
      actionId: '2.1',
      version: await version('2.1'),
      rating: 'amber',
      note: 'Trajectory drafted; ICB board signs off next month.',
    });
    const text = cardText(card);
    expect(text).toContain('Updated by Chris Commissioner at 15 Jan 2025, 10:00: rating Red → Amber.');
    expect(text).toContain('Latest note: Trajectory drafted; ICB board signs off next month.');
    const stored = (await harness.stores.actions.get(PLAN, '2.1'))!.value;
    expect(stored).toMatchObject({ rating: 'amber', lastUpdatedAt: '2025-01-15T10:00:00.000Z', revision: 1 });
    const [entry] = await harness.stores.history.listForAction(PLAN, '2.1', 1);
    expect(entry).toMatchObject({
      oldRating: 'red',
      newRating: 'amber',
      source: 'card',
      author: { aadObjectId: OWNER.aadObjectId, name: 'Chris Commissioner' },
    });
    expect(card.refresh).toMatchObject({ userIds: [OWNER.aadObjectId] });
  });

  test('when someone who neither owns nor coordinates presses save, then they are refused and nothing changes', async () => {
    const { card } = await press(LEAD, 'action.update', {
      planId: PLAN,
      actionId: '2.1',
      version: await version('2.1'),
      rating: 'green',
      note: 'x',
    });
    expect(cardText(card)).toContain('Only the owners and the plan’s coordinators can update this action.');
    const stranger = await press(STRANGER, 'action.update', {
      planId: PLAN,
      actionId: '2.1',
      version: await version('2.1'),
      rating: 'green',
      note: 'x',
    });
    expect(cardText(stranger.card)).toContain('This action is not yours');
    expect((await harness.stores.actions.get(PLAN, '2.1'))!.value.rating).toBe('red');
  });

  test('when the card is older than the action, then it shows the current state and asks to confirm', async () => {
    const { card } = await press(OWNER, 'action.update', {
      planId: PLAN,
      actionId: '2.1',
      version: '-1',
      rating: 'green',
      note: 'Done',
    });
    expect(cardText(card)).toContain('This action changed after this card was sent');
    expect((await harness.stores.actions.get(PLAN, '2.1'))!.value.rating).toBe('red');
  });

  test.each([
    [{ rating: 'red', note: '' }, 'Note: say what has changed: the rating is getting worse'],
    [{ rating: 'purple', note: 'x' }, 'Rating: choose one of Green, Yellow, Amber, Red'],
    [
      { rating: 'amber', note: 'ok', evidence: 'http://insecure.example/report' },
      'Evidence link: "http://insecure.example/report" is not an https:// link',
    ],
    [{ rating: 'amber', note: 'long '.repeat(401) }, 'Note: is 2004 characters; the limit is 2000'],
    [{}, 'Rating: change the rating, or add a note or an evidence link'],
    [{ rating: 'amber' }, 'Rating: change the rating, or add a note or an evidence link'],
  ])('when the inputs are %j, then the card says "%s" and nothing is saved', async (inputs, message) => {
    const { card } = await press(OWNER, 'action.update', {
      planId: PLAN,
      actionId: '2.2',
      version: await version('2.2'),
      ...inputs,
    });
    const text = cardText(card);
    expect(text).toContain('Nothing was saved. Please check the highlighted answers.');
    expect(text).toContain(message.replace(/([[\]<>*_`~\\])/g, '\\$1'));
    expect((await harness.stores.actions.get(PLAN, '2.2'))!.value).toMatchObject({ rating: 'amber' });
    expect(await version('2.2')).toBe('0');
  });

  test('when a red action improves to amber without a note, then a note is still required', async () => {
    const { card } = await press(OWNER, 'action.update', {
      planId: PLAN,
      actionId: '2.1',
      version: await version('2.1'),
      rating: 'amber',
      note: '',
    });
    expect(cardText(card)).toContain('Note: say why the action is amber');
    expect((await harness.stores.actions.get(PLAN, '2.1'))!.value.rating).toBe('red');
  });

  test('when the same submission arrives twice (a double click), then it is recorded once', async () => {
    const data = {
      planId: PLAN,
      actionId: '2.2',
      version: await version('2.2'),
      rating: 'yellow',
      note: 'Referral route agreed',
    };
    const first = await press(OWNER, 'action.update', data);
    const second = await press(OWNER, 'action.update', data);
    expect(cardText(second.card)).toContain(
      'Updated by Chris Commissioner at 15 Jan 2025, 10:00: rating Amber → Yellow.',
    );
    expect(cardText(first.card)).toContain('rating Amber → Yellow');
    const history = await harness.stores.history.listForAction(PLAN, '2.2');
    expect(history.filter((h) => h.source === 'card')).toHaveLength(1);
  });

  test('when a rating turns red, then the plan leads are told once, however often it is pressed', async () => {
    await reachable(LEAD);
    const data = {
      planId: PLAN,
      actionId: '2.2',
      version: await version('2.2'),
      rating: 'red',
      note: 'Recruitment has failed',
    };
    await press(OWNER, 'action.update', data);
    await press(OWNER, 'action.update', data);
    await harness.whenIdle();
    const cards = sentTo(LEAD);
    expect(cards).toHaveLength(1);
    expect(cards[0]).toContain('Action 2.2 is now rated red');
  });
});

describe('completion and impact', () => {
  test('when an owner marks an action complete, then evidence of impact is required and recorded', async () => {
    const missing = await press(OWNER, 'action.complete', {
      planId: PLAN,
      actionId: '2.2',
      version: await version('2.2'),
    });
    expect(cardText(missing.card)).toContain('Note: is required');
    const { card } = await press(OWNER, 'action.complete', {
      planId: PLAN,
      actionId: '2.2',
      version: await version('2.2'),
      impactNote: 'Single route live since December',
      impactEvidence: 'https://evidence.example.org/route',
    });
    expect(cardText(card)).toContain('Updated by Chris Commissioner at 15 Jan 2025, 10:00: complete.');
    const stored = (await harness.stores.actions.get(PLAN, '2.2'))!.value;
    expect(stored).toMatchObject({
      lifecycle: 'complete',
      evidenceLinks: ['https://evidence.example.org/route'],
    });
    expect(stored.nextReminderOn).toBeUndefined();

    const notAllowed = await press(OWNER, 'impact.confirm', { planId: PLAN, actionId: '2.2' });
    expect(cardText(notAllowed.card)).toContain('Impact is confirmed by the plan’s coordinators or leads.');
    const confirmed = await press(LEAD, 'impact.confirm', {
      planId: PLAN,
      actionId: '2.2',
      impactComment: 'Seen at the executive',
    });
    expect(cardText(confirmed.card)).toContain('impact evidenced');
    expect((await harness.stores.actions.get(PLAN, '2.2'))!.value.lifecycle).toBe('impact_evidenced');
  });
});

describe('closed actions', () => {
  test('when an action is impact evidenced, then an owner cannot reopen it from a card', async () => {
    const loaded = (await harness.stores.actions.get(PLAN, '2.2'))!;
    await harness.stores.actions.update(
      { ...loaded.value, lifecycle: 'impact_evidenced' },
      loaded.etag,
      loaded.value,
    );
    const { card } = await press(OWNER, 'action.complete', {
      planId: PLAN,
      actionId: '2.2',
      version: await version('2.2'),
      impactNote: 'Reopening',
    });
    expect(cardText(card)).toContain('This action is impact evidenced, so it cannot be updated from a card.');
    expect((await harness.stores.actions.get(PLAN, '2.2'))!.value.lifecycle).toBe('impact_evidenced');
  });
});

describe('revised dates', () => {
  test('when an owner asks for a new date and a lead approves, then the due date moves, the baseline stays and the owner is told', async () => {
    await reachable(OWNER, LEAD, COORDINATOR);
    const request = await press(OWNER, 'date.request', {
      planId: PLAN,
      actionId: '2.1',
      version: await version('2.1'),
      revisedDate: '2025-02-28',
      reason: 'Board meeting moved',
    });
    expect(cardText(request.card)).toContain('new date 28 Feb 2025 requested');
    await harness.whenIdle();
    expect(sentTo(LEAD)[0]).toContain('New date requested for action 2.1: 28 Feb 2025');
    expect(sentTo(COORDINATOR)[0]).toContain('Approve new date');
    const pending = (await harness.stores.actions.get(PLAN, '2.1'))!.value.pendingDateRequest!;

    harness.clock.set('2025-01-16T11:00:00Z');
    const approved = await press(LEAD, 'date.approve', {
      planId: PLAN,
      actionId: '2.1',
      requestId: pending.id,
      comment: 'Agreed at the executive',
    });
    expect(cardText(approved.card)).toContain('new due date 28 Feb 2025 approved');
    const stored = (await harness.stores.actions.get(PLAN, '2.1'))!.value;
    expect(stored).toMatchObject({
      baselineDueDate: '2024-12-22',
      currentDueDate: '2025-02-28',
      nextReminderOn: '2025-02-14',
    });
    expect(stored.pendingDateRequest).toBeUndefined();
    await harness.whenIdle();
    expect(sentTo(OWNER).at(-1)).toContain('New due date for action 2.1 approved: 28 Feb 2025');

    const again = await press(COORDINATOR, 'date.reject', {
      planId: PLAN,
      actionId: '2.1',
      requestId: pending.id,
    });
    expect(cardText(again.card)).toContain(
      'That date request has been dealt with already. It was approved by Dana Director.',
    );
    const summary = cardText(
      cardOf(
        (
          await (async () => {
            await postActivity(
              harness.botUrl,
              teamsMessage({ user: COORDINATOR, text: 'summary', serviceUrl: harness.stub.url }),
            );
            return harness.stub.waitForActivities(harness.stub.activities.length);
          })()
        ).at(-1),
      ),
    );
    expect(summary).toMatch(/Rescheduled \(new due date\)\n1/);
  });

  test('when a lead rejects the request, then the date stays and the owner is told', async () => {
    await reachable(OWNER);
    await press(OWNER, 'date.request', {
      planId: PLAN,
      actionId: '2.1',
      version: await version('2.1'),
      revisedDate: '2025-02-28',
      reason: 'Board moved',
    });
    const pending = (await harness.stores.actions.get(PLAN, '2.1'))!.value.pendingDateRequest!;
    await press(LEAD, 'date.reject', { planId: PLAN, actionId: '2.1', requestId: pending.id });
    expect((await harness.stores.actions.get(PLAN, '2.1'))!.value).toMatchObject({
      currentDueDate: '2024-12-22',
    });
    await harness.whenIdle();
    expect(sentTo(OWNER).at(-1)).toContain('New due date for action 2.1 not approved; it stays 22 Dec 2024');
  });

  test.each([
    [{ revisedDate: '2025-01-10', reason: 'x' }, 'New date: must be in the future'],
    [
      { revisedDate: '2025-02-22', reason: 'x' },
      'New date: must be a working day, not a weekend or bank holiday',
    ],
    [{ revisedDate: '2025-02-28', reason: '' }, 'Reason: is required'],
    [{ revisedDate: '02/28/2025', reason: 'x' }, 'looks month-first'],
  ])('when a request has %j, then it is refused with "%s"', async (inputs, message) => {
    const { card } = await press(OWNER, 'date.request', {
      planId: PLAN,
      actionId: '2.1',
      version: await version('2.1'),
      ...inputs,
    });
    expect(cardText(card)).toContain(message);
    expect((await harness.stores.actions.get(PLAN, '2.1'))!.value.pendingDateRequest).toBeUndefined();
  });
});

describe('other buttons', () => {
  test('when the card refreshes, then each viewer sees the current state and only their own buttons', async () => {
    const owner = await press(OWNER, 'action.refresh', { planId: PLAN, actionId: '2.1' });
    expect(cardText(owner.card)).toContain('Update your progress');
    const lead = await press(LEAD, 'action.refresh', { planId: PLAN, actionId: '2.1' });
    expect(cardText(lead.card)).not.toContain('Update your progress');
    const other = await press(OTHER_OWNER, 'action.refresh', { planId: PLAN, actionId: '2.1' });
    expect(cardText(other.card)).toContain('This action is not yours');
  });

  test('when the snooze button is pressed, then reminders stop for that long', async () => {
    const { card } = await press(OWNER, 'action.snooze', { planId: PLAN, actionId: '2.1', days: 3 });
    expect(cardText(card)).toContain('No reminders about this action until 18 Jan 2025.');
  });

  test('when a verb or the card data is unknown, then a clear card comes back and nothing changes', async () => {
    expect(cardText((await press(OWNER, 'action.delete', { planId: PLAN, actionId: '2.1' })).card)).toContain(
      'This button is not recognised',
    );
    expect(
      cardText((await press(OWNER, 'action.update', { planId: '../etc', actionId: '2.1' })).card),
    ).toContain('This card is incomplete');
    expect(cardText((await press(OWNER, 'action.update', { planId: PLAN, actionId: '9.9' })).card)).toContain(
      'Action 9.9 is no longer in the plan',
    );
  });

  test('when a client without Universal Actions submits the fallback, then the same update is made and a new card sent', async () => {
    await postActivity(
      harness.botUrl,
      teamsCardSubmit({
        user: OWNER,
        serviceUrl: harness.stub.url,
        value: {
          verb: 'action.update',
          planId: PLAN,
          actionId: '2.1',
          version: await version('2.1'),
          rating: 'amber',
          note: 'Progressing',
        },
      }),
    );
    const [reply] = await harness.stub.waitForActivities(1);
    expect(cardText(cardOf(reply))).toContain('rating Red → Amber');
  });
});

describe('a delegate covering for an owner (issue 19: one access decision, cover included)', () => {
  /** Sid covers for Chris (owner of 2.1) from Monday 13 to Friday 17 January 2025, both days included. */
  async function coverForOwner(): Promise<void> {
    const loaded = (await harness.stores.plans.get(PLAN))!;
    await harness.stores.plans.update(
      {
        ...loaded.value,
        delegations: [
          {
            id: 'd1',
            owner: OWNER.email.toLowerCase(),
            delegate: STRANGER.email.toLowerCase(),
            delegateName: STRANGER.name,
            from: '2025-01-13',
            to: '2025-01-17',
            createdAt: '2025-01-10T09:00:00Z',
            createdBy: COORDINATOR.aadObjectId,
          },
        ],
      },
      loaded.etag,
    );
  }

  test('when the delegate presses Update inside the cover, then it is saved under their name', async () => {
    await coverForOwner();
    const { card } = await press(STRANGER, 'action.update', {
      planId: PLAN,
      actionId: '2.1',
      version: await version('2.1'),
      rating: 'amber',
      note: 'Covering while Chris is away.',
    });
    expect(cardText(card)).toContain('Updated by Sid Stranger');
    expect((await harness.stores.actions.get(PLAN, '2.1'))!.value.rating).toBe('amber');
  });

  test('when the delegate presses snooze inside the cover, then the reminders are snoozed (no error)', async () => {
    await coverForOwner();
    const { card } = await press(STRANGER, 'action.snooze', { planId: PLAN, actionId: '2.1', days: 3 });
    expect(cardText(card)).toContain('No reminders about this action until 18 Jan 2025.');
    expect((await harness.stores.actions.get(PLAN, '2.1'))!.value.snoozedUntil).toBe('2025-01-18');
  });

  test('when the delegate says "show 2.1" inside the cover, then the card comes with the update form', async () => {
    await coverForOwner();
    const card = await harness.say(STRANGER, 'show 2.1');
    expect(cardText(card)).toContain('Action 2.1');
    expect(cardText(card)).not.toContain("I can't find action 2.1");
    expect(JSON.stringify(card)).toContain('"verb":"action.update"');
  });

  test.each([
    ['the day before the cover starts', '2025-01-12T10:00:00Z'],
    ['the day after the cover ends', '2025-01-18T10:00:00Z'],
  ])('when it is %s, then update, snooze and show are refused and nothing changes', async (_when, now) => {
    await coverForOwner();
    harness.clock.set(now);
    const before = (await harness.stores.actions.get(PLAN, '2.1'))!.value;
    const update = await press(STRANGER, 'action.update', {
      planId: PLAN,
      actionId: '2.1',
      version: await version('2.1'),
      rating: 'green',
    });
    expect(cardText(update.card)).toContain('This action is not yours');
    const snooze = await press(STRANGER, 'action.snooze', { planId: PLAN, actionId: '2.1', days: 3 });
    expect(cardText(snooze.card)).toContain('This action is not yours');
    expect(cardText(await harness.say(STRANGER, 'show 2.1'))).toContain("I can't find action 2.1");
    expect((await harness.stores.actions.get(PLAN, '2.1'))!.value).toEqual(before);
  });
});
