import { teamsChannel } from '../../src/bot/proactive-notifier';
import { UkHolidayCalendar } from '../../src/calendar/uk-holidays';
import type { MessageSender, Nudge } from '../../src/usecases/delivery/channel';
import { importPlan } from '../../src/usecases/plans/import-plan';
import type { SendOutcome, TeamsUser } from '../../src/usecases/ports/index';
import { runSweep } from '../../src/usecases/sweep/run-sweep';
import { fixedClock, freshStores, seededRandom } from '../support/test-stores';

/** Records what would reach Teams, and when: the point here is timing, not transport. */
class RecordingNotifier implements MessageSender<TeamsUser> {
  readonly sent: { at: string; actionId: string; step: string }[] = [];
  constructor(private readonly clock: { now(): Date }) {}
  async sendNudge(_to: TeamsUser, nudge: Nudge): Promise<SendOutcome> {
    this.sent.push({ at: this.clock.now().toISOString(), actionId: nudge.action.id, step: nudge.step });
    return { status: 'sent' };
  }
  async sendUndelivered(): Promise<SendOutcome> {
    return { status: 'sent' };
  }
  async sendActionCard(): Promise<SendOutcome> {
    return { status: 'sent' };
  }
  async sendDigest(): Promise<SendOutcome> {
    return { status: 'sent' };
  }
  async sendMeasureRequest(): Promise<SendOutcome> {
    return { status: 'sent' };
  }
}

const HEADER = [
  'area_id',
  'area',
  'action_id',
  'action',
  'lead_agency',
  'owner_name',
  'owner_email',
  'due_date',
];

/** Sweeps every `stepMinutes` from `from` to `to`, as the scheduler would. */
async function sweepAcross(from: string, to: string, dueDates: string[], stepMinutes = 5) {
  const clock = fixedClock('2025-01-02T10:00:00Z');
  const { stores } = await freshStores();
  const calendar = new UkHolidayCalendar();
  const rows = [
    HEADER,
    ...dueDates.map((due, i) => [
      'A1',
      'Area',
      `1.${i + 1}`,
      `Action ${i + 1}`,
      'Police',
      'Owner',
      'owner@example.org',
      due,
    ]),
  ];
  await importPlan(
    { stores, clock, random: seededRandom(), calendar },
    { planId: 'dst', title: 'DST', rows, dryRun: false, actor: 'test', sourceName: 'test' },
  );
  await stores.users.put({
    aadObjectId: '66666666-6666-4666-8666-666666666666',
    name: 'Owner',
    email: 'owner@example.org',
    conversationReference: { conversation: { id: 'a:1owner' }, serviceUrl: 'http://127.0.0.1:9/' },
    updatedAt: clock.now().toISOString(),
  });
  const notifier = new RecordingNotifier(clock);
  for (let t = Date.parse(from); t <= Date.parse(to); t += stepMinutes * 60_000) {
    clock.set(new Date(t).toISOString());
    await runSweep(
      { stores, channel: teamsChannel(notifier), calendar, clock, claimant: 'dst' },
      { dryRun: false },
    );
  }
  return notifier.sent;
}

describe('clock changes', () => {
  test('when the clocks go forward (30 Mar 2025), then each reminder is sent once, at 09:00 London time', async () => {
    // 1.1 due Mon 31 Mar: the day-before reminder moves to Fri 28 Mar (GMT), the due-day one is Mon 31 Mar (BST).
    const sent = await sweepAcross('2025-03-28T07:00:00Z', '2025-03-31T10:00:00Z', ['2025-03-31'], 10);
    expect(sent).toEqual([
      { at: '2025-03-28T09:00:00.000Z', actionId: '1.1', step: 'before-1' },
      { at: '2025-03-31T08:00:00.000Z', actionId: '1.1', step: 'due' },
    ]);
  }, 120_000);

  test('when the clocks go back (26 Oct 2025), then each reminder is sent once, at 09:00 London time', async () => {
    const sent = await sweepAcross('2025-10-24T07:00:00Z', '2025-10-27T10:00:00Z', ['2025-10-27'], 10);
    expect(sent).toEqual([
      { at: '2025-10-24T08:00:00.000Z', actionId: '1.1', step: 'before-1' },
      { at: '2025-10-27T09:00:00.000Z', actionId: '1.1', step: 'due' },
    ]);
  }, 120_000);
});
