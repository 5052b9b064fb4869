/**
 * A reminder carries what its recipient may do on the action, from the access entry: the owner, or the
 * delegate covering for them today, is offered the update form because the entry says they may update,
 * and the card and the e-mail render the form from those rights, never from a hand-set `true`.
 */
import { UkHolidayCalendar } from '../../src/calendar/uk-holidays';
import { nudgeCard } from '../../src/cards/nudge-card';
import { renderNudgeEmail } from '../../src/email/render-action';
import { cardRights } from '../../src/usecases/access/access';
import type { Channel, Message, Nudge } from '../../src/usecases/delivery/channel';
import { addDelegationAs } from '../../src/usecases/people/people-service';
import { importPlan } from '../../src/usecases/plans/import-plan';
import { operatorActor } from '../../src/usecases/shared/actor';
import { runSweep } from '../../src/usecases/sweep/run-sweep';
import { cardButtons, cardText } from '../support/cards';
import { fixedClock, freshStores, seededRandom } from '../support/test-stores';

const OWNER = 'owner@example.org';
const DELEGATE = 'sam.cover@example.org';

async function sweepWithCover(cover: boolean) {
  const clock = fixedClock('2025-03-03T09:30:00Z');
  const { stores } = await freshStores();
  const calendar = new UkHolidayCalendar();
  const rows = [
    ['area_id', 'area', 'action_id', 'action', 'lead_agency', 'owner_name', 'owner_email', 'due_date'],
    ['A1', 'Area', '1.1', 'Action one', 'Police', 'Owner', OWNER, '2025-03-10'],
  ];
  const deps = { stores, clock, random: seededRandom(), calendar };
  await importPlan(deps, {
    planId: 'rights',
    title: 'Rights',
    rows,
    dryRun: false,
    actor: 'test',
    sourceName: 'test',
  });
  if (cover)
    expect(
      await addDelegationAs(deps, operatorActor('test'), {
        planId: 'rights',
        owner: OWNER,
        delegate: DELEGATE,
        delegateName: 'Sam Cover',
        from: '2025-03-01',
        to: '2025-03-20',
      }),
    ).toMatchObject({ kind: 'saved' });
  const sent: { to: string; message: Message }[] = [];
  const channel: Channel = {
    reach: () => ({ reachable: true }),
    send: async (to, message) => {
      sent.push({ to: to.email, message });
      return { status: 'sent' };
    },
  };
  await runSweep({ stores, channel, calendar, clock, claimant: 'test' }, { dryRun: false });
  const plan = (await stores.plans.get('rights'))!.value;
  const action = (await stores.actions.get('rights', '1.1'))!.value;
  return { sent, plan, action, clock };
}

const LINKS = { updateUrl: 'https://at.example/u/1', dashboardUrl: 'https://at.example/d' };

describe('a reminder’s rights', () => {
  test.each([
    ['the owner', false, OWNER],
    ['the delegate covering today', true, DELEGATE],
  ])(
    'when the reminder is for %s, then it carries their rights from the access entry',
    async (_who, cover, to) => {
      const { sent, plan, action, clock } = await sweepWithCover(cover);
      const reminders = sent.filter((s) => s.message.kind === 'reminder');
      expect(reminders.map((s) => s.to)).toEqual([to]);
      const nudge = reminders[0]!.message as Nudge;
      expect(nudge.rights).toEqual(cardRights(clock, { email: to }, plan, action));
      expect(nudge.rights.canUpdate).toBe(true);
    },
  );

  test('when the rights say the recipient may not update, then neither the card nor the e-mail offers the form', async () => {
    const { sent } = await sweepWithCover(false);
    const nudge = sent.find((s) => s.message.kind === 'reminder')!.message as Nudge;
    const may = nudgeCard(nudge, 'aad-owner');
    const mayNot = nudgeCard({ ...nudge, rights: { ...nudge.rights, canUpdate: false } }, 'aad-owner');
    const titles = (card: typeof may) => cardButtons(card as never).map((b) => b.title);
    expect(titles(may)).not.toEqual(titles(mayNot));
    expect(cardText(may)).not.toBe(cardText(mayNot));

    const mail = renderNudgeEmail(nudge, LINKS);
    const mailNot = renderNudgeEmail({ ...nudge, rights: { ...nudge.rights, canUpdate: false } }, LINKS);
    expect(mail.text).toContain('https://at.example/u/1');
    expect(mailNot.text).not.toContain('https://at.example/u/1');
  });
});
