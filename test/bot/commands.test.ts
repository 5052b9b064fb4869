import { COMMANDS } from '../../src/domain/commands/registry';
import { groupChat, type TestUser, teamsCardSubmit, teamsMentionMessage } from '../support/activities';
import {
  type BotHarness,
  COORDINATOR,
  LEAD,
  OTHER_OWNER,
  OWNER,
  STRANGER,
  startBotHarness,
} from '../support/bot-harness';
import { type Card, cardButtons, cardOf, cardText } from '../support/cards';
import { postActivity } from '../support/post-activity';

let harness: BotHarness;

beforeEach(async () => {
  harness = await startBotHarness({ now: '2025-01-15T10:00:00Z' });
});

afterEach(async () => {
  await harness.close();
});

const say = (user: TestUser, text: string) => harness.say(user, text);

async function press(user: TestUser, value: Record<string, unknown>): Promise<Card> {
  const before = harness.stub.activities.length;
  await postActivity(harness.botUrl, teamsCardSubmit({ user, value, serviceUrl: harness.stub.url }));
  return cardOf((await harness.stub.waitForActivities(before + 1))[before]);
}

describe('coordinator commands', () => {
  test('when a coordinator asks for the summary, then the counts by rating, lifecycle and deadline are right', async () => {
    const card = await say(COORDINATOR, 'summary');
    const text = cardText(card);
    expect(text).toContain('Leeds JTAI: serious youth violence (demo)');
    expect(text).toContain('Summary on 15 Jan 2025: 11 actions, 10 open');
    // Demo ratings: green 1.1 3.1 4.3; yellow 1.2 2.3 4.1; amber 1.3 2.2; red 2.1 4.2; 3.2 unrated.
    const counts = Object.fromEntries(
      (card.body as { $data?: unknown; type: string; columns?: { items: { text: string }[] }[] }[])
        .filter((b) => b.type === 'ColumnSet')
        .map((b) => [b.columns![1]!.items[0]!.text, b.columns![2]!.items[0]!.text]),
    );
    expect(counts).toEqual({
      '**Green**': '3',
      '**Yellow**': '3',
      '**Amber**': '2',
      '**Red**': '2',
      '**Not rated**': '1',
    });
    expect(text).toMatch(/Overdue\n2\n/);
    expect(text).toMatch(/Due in the next 30 days\n1\n/);
    expect(text).toMatch(/Complete\n1/);
    expect(cardButtons(card).map((b) => b.title)).toEqual(['Overdue', 'Due soon', 'Owners']);
  });

  test('when a coordinator asks what is overdue, then the most overdue comes first with how late it is', async () => {
    const text = cardText(await say(COORDINATOR, 'Overdue'));
    expect(text).toContain('Overdue actions');
    const first = text.indexOf('**4.2**');
    const second = text.indexOf('**2.1**');
    expect(first).toBeGreaterThan(-1);
    expect(second).toBeGreaterThan(first);
    expect(text).toContain('22 Nov 2024 (54 days overdue)');
    expect(text).toContain('22 Dec 2024 (24 days overdue)');
  });

  test('when a coordinator asks what is due, then only open actions due in that window are listed', async () => {
    const text = cardText(await say(COORDINATOR, 'due 7'));
    expect(text).toContain('Due in the next 7 days');
    expect(text).toContain('**3.1**');
    expect(text).not.toContain('**1.1**'); // complete, though due in 7 days
    expect(text).not.toContain('**2.1**');
  });

  test('when a coordinator filters the list, then only matching actions come back', async () => {
    expect(cardText(await say(COORDINATOR, 'list agency police'))).toMatch(/\*\*1\.1\*\*[\s\S]*\*\*1\.2\*\*/);
    const red = cardText(await say(COORDINATOR, 'list rating red'));
    expect(red).toContain('**2.1**');
    expect(red).toContain('**4.2**');
    expect(red).not.toContain('**1.1**');
    const byOwner = cardText(await say(COORDINATOR, 'list owner icb.camhs'));
    expect(byOwner.match(/\*\*2\.\d\*\*/g)).toEqual(['**2.1**', '**2.2**']);
    expect(cardText(await say(COORDINATOR, 'list rating purple'))).toContain('"purple" is not a rating');
  });

  test('when the full list is longer than a page, then "Show more" brings the next page', async () => {
    const first = await say(COORDINATOR, 'list');
    expect(cardText(first)).toContain('Page 1 of 2 (11 in all)');
    const [more] = cardButtons(first);
    expect(more).toEqual({ title: 'Show more', data: { command: 'list', page: 2 } });
    const second = await press(COORDINATOR, more!.data as Record<string, unknown>);
    expect(cardText(second)).toContain('Page 2 of 2 (11 in all)');
    expect(cardText(second)).toContain('**4.3**');
    expect(cardButtons(second)).toEqual([]);
  });

  test('when a coordinator asks to show or see the history of an action, then they get it in full', async () => {
    const detail = cardText(await say(COORDINATOR, 'show action 2.1'));
    expect(detail).toContain('Action 2.1');
    expect(detail).toContain('Publish a waiting list trajectory');
    expect(detail).toContain('Integrated Care Board');
    expect(detail).toContain("Owner\nICB Children's Mental Health Commissioner");
    expect(detail).toContain('Success measure: Trajectory published and reported monthly');
    expect(detail).toContain('🟥 Red');
    const history = cardText(await say(COORDINATOR, 'history 2.1'));
    expect(history).toContain('History of action 2.1');
    expect(history).toContain('demo set-up');
    expect(history).toContain('Created as in progress');
  });

  test('when a coordinator asks who is reachable, then owners who have talked to the bot are reachable', async () => {
    await say(OWNER, 'mine');
    const text = cardText(await say(COORDINATOR, 'owners'));
    expect(text).toContain('1 of 10 owners can be reached in Teams');
    expect(text).toContain(
      "**ICB Children's Mental Health Commissioner** (icb.camhs@example.org), 2 open actions",
    );
    expect(text).toMatch(/\*\*Designated Nurse Safeguarding Children\*\*.*has not installed Action Tracker/);
  });
});

describe('owner commands', () => {
  test('when an owner asks for their actions, then they get their open ones, most urgent first', async () => {
    const text = cardText(await say(OWNER, 'my actions'));
    expect(text).toContain('Your open actions');
    expect(text).toContain('2 open, most urgent first');
    expect(text.indexOf('**2.1**')).toBeLessThan(text.indexOf('**2.2**'));
  });

  test('when an owner asks for plan-wide figures, then they are refused clearly', async () => {
    const text = cardText(await say(OWNER, 'summary'));
    expect(text).toContain('That is for coordinators and leads');
  });

  test('when someone asks for an action they neither own nor oversee, then it is as if it did not exist', async () => {
    expect(cardText(await say(OTHER_OWNER, 'show 2.1'))).toContain("I can't find action 2.1");
    expect(cardText(await say(STRANGER, 'history 2.1'))).toContain("I can't find action 2.1");
    expect(cardText(await say(OTHER_OWNER, 'show 4.2'))).toContain('Action 4.2');
  });

  test('when a lead asks to update an action that is not theirs, then they are refused but may view it', async () => {
    const card = await say(LEAD, 'update 2.1');
    expect(cardText(card)).toContain('Action 2.1 is not yours to update');
    expect(cardButtons(card)[0]!.title).toBe('Show 2.1');
    expect(cardText(await say(OWNER, 'update 2.1'))).toContain('Update your progress');
  });
});

describe('understanding people', () => {
  test('when the text is not a command, then the closest command is suggested', async () => {
    const card = await say(COORDINATOR, 'sumary');
    expect(cardText(card)).toContain('Did you mean "summary"?');
    expect(cardButtons(card).map((b) => b.data)).toEqual([{ command: 'summary' }, { command: 'help' }]);
  });

  test('when an owner mistypes a newer command, then the whole command is suggested as a button', async () => {
    const card = await say(OWNER, 'snoze 2.1 3 days');
    expect(cardText(card)).toContain('Did you mean "snooze 2.1 3 days"?');
    expect(cardButtons(card).map((b) => b.data)).toEqual([
      { command: 'snooze 2.1 3 days' },
      { command: 'help' },
    ]);
    expect(cardText(await say(OWNER, 'digst'))).toContain('Did you mean "digest"?');
  });

  test('when a coordinator asks for help, then every command in the registry but help is on the card', async () => {
    const text = cardText(await say(COORDINATOR, 'help')).replace(/\\/g, '');
    const missing = COMMANDS.filter((c) => c.name !== 'help' && !text.includes(c.usage)).map((c) => c.usage);
    expect(missing).toEqual([]);
    expect(text).toContain('Coordinators: ask every owner of an open action for an update by a date');
  });

  test('when help is asked for, then coordinators see their commands and owners only theirs', async () => {
    const coordinator = cardText(await say(COORDINATOR, 'help'));
    expect(coordinator).toContain('You are coordinator of Leeds JTAI');
    expect(coordinator).toContain('For coordinators and leads');
    const owner = cardText(await say(OWNER, 'help'));
    expect(owner).toContain('You own 2 open actions.');
    expect(owner).not.toContain('For coordinators and leads');
  });

  test('when the bot is mentioned in a group chat, then the mention is ignored and the command answered', async () => {
    const before = harness.stub.activities.length;
    await postActivity(
      harness.botUrl,
      teamsMentionMessage({
        user: COORDINATOR,
        text: 'summary',
        serviceUrl: harness.stub.url,
        scope: groupChat(),
      }),
    );
    const [reply] = (await harness.stub.waitForActivities(before + 1)).slice(before);
    expect(cardText(cardOf(reply))).toContain('Summary on 15 Jan 2025');
  });

  test('when details are asked for in a group chat, then the bot answers only in one-to-one chat', async () => {
    const before = harness.stub.activities.length;
    await postActivity(
      harness.botUrl,
      teamsMentionMessage({
        user: COORDINATOR,
        text: 'show 2.1',
        serviceUrl: harness.stub.url,
        scope: groupChat(),
      }),
    );
    const [reply] = (await harness.stub.waitForActivities(before + 1)).slice(before);
    const text = cardText(cardOf(reply));
    expect(text).toContain('I answer that in our one-to-one chat');
    expect(text).not.toContain('icb.camhs@example.org');
  });

  test('when someone has roles in two plans, then they are asked which, and the choice is remembered', async () => {
    const { stores, clock } = harness;
    const demo = (await stores.plans.get('demo-leeds-syv'))!.value;
    await stores.plans.create({ ...demo, id: 'second-plan', title: 'Second plan' });
    const ask = await say(COORDINATOR, 'overdue');
    expect(cardText(ask)).toContain('Which plan?');
    const buttons = cardButtons(ask);
    expect(buttons.map((b) => b.title)).toEqual(['Leeds JTAI: serious youth violence (demo)', 'Second plan']);
    expect(buttons[1]!.data).toEqual({ command: 'plan', planId: 'second-plan', afterChoice: 'overdue' });
    const answer = await press(COORDINATOR, buttons[0]!.data as Record<string, unknown>);
    expect(cardText(answer)).toContain('Overdue actions');
    expect(cardText(await say(COORDINATOR, 'summary'))).toContain('Leeds JTAI');
    expect((await stores.users.get(COORDINATOR.aadObjectId))!.value.preferredPlanId).toBe('demo-leeds-syv');
    void clock;
  });
});

describe('text from plans cannot change the card', () => {
  test('when an action description holds markdown and template syntax, then it shows as plain text', async () => {
    const { stores } = harness;
    const loaded = (await stores.actions.get('demo-leeds-syv', '3.2'))!;
    // biome-ignore lint/suspicious/noTemplateCurlyInString: template syntax is the attack being tested
    const description = '[Click here](https://evil.example) **now** ${1+1} ${$root.planTitle}';
    await stores.actions.update({ ...loaded.value, description }, loaded.etag, loaded.value);
    const text = cardText(await say(COORDINATOR, 'show 3.2'));
    expect(text).toContain(
      String.raw`\[Click here\](https://evil.example) \*\*now\*\* ${'$'}{1+1} ${'$'}{$root.planTitle}`,
    );
    expect(text).not.toContain('[Click here](');
  });
});
