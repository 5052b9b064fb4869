import { channelsFor } from '../../src/app/compose';
import { teamsChannel } from '../../src/bot/proactive-notifier';
import { CHANNEL_NAMES, type ChannelPreference } from '../../src/domain/contact-channel';
import type { Digest } from '../../src/domain/digest';
import type { Plan } from '../../src/domain/plan';
import { emailChannel } from '../../src/email/email-notifier';
import {
  type ChannelRegistry,
  channelOf,
  type Message,
  type MessageSender,
  type Recipient,
} from '../../src/usecases/delivery/channel';
import { reachabilityOf, reachabilityOfMany } from '../../src/usecases/delivery/reachability';
import { routingChannel } from '../../src/usecases/delivery/routing-channel';
import type { SendOutcome, Stores, TeamsUser } from '../../src/usecases/ports/index';
import { fixedClock, freshStores } from '../support/test-stores';

/** Records what each channel was asked to carry, and answers as the row says. */
class Recorder<Address> implements MessageSender<Address> {
  constructor(
    private readonly name: string,
    private readonly log: string[],
    private readonly answer: () => SendOutcome,
  ) {}
  private record(): Promise<SendOutcome> {
    this.log.push(this.name);
    return Promise.resolve(this.answer());
  }
  sendNudge = () => this.record();
  sendActionCard = () => this.record();
  sendDigest = () => this.record();
  sendUndelivered = () => this.record();
  sendMeasureRequest = () => this.record();
}

type Answer = 'sent' | 'never' | 'failed';
type Name = 'teams' | 'email' | 'sms';

const NEVER: Record<Name, string> = { teams: 'http-403', email: 'smtp-550', sms: 'sms-gone' };

function outcome(name: Name, answer: Answer): SendOutcome {
  if (answer === 'sent') return { status: 'sent' };
  if (answer === 'failed') return { status: 'failed', detail: 'timeout' };
  return { status: 'unreachable', detail: NEVER[name] };
}

const MESSAGE: Message = {
  kind: 'digest',
  plan: { id: 'p', title: 'Plan' } as Plan,
  digest: {} as Digest,
  today: '2025-03-03',
};

const EMAIL = 'jo@police.example.uk';
const CHAT = { conversation: { id: 'a:1' } };

interface World {
  stores: Stores;
  sent: string[];
  route: (registry: 'app' | 'with sms') => ReturnType<typeof routingChannel>;
  registry: (registry: 'app' | 'with sms') => ChannelRegistry<Name>;
}

/**
 * The app's registry, as the composition builds it (Teams and e-mail over recording senders, with their
 * storage-bound `forget`), and the same with a third channel registered beside them: an SMS channel that
 * reaches anyone whose Teams record has a name (the test's stand-in for "has a phone number").
 */
async function world(answers: Partial<Record<Name, Answer>>, teamsUser?: Partial<TeamsUser>): Promise<World> {
  const { stores } = await freshStores();
  const clock = fixedClock('2025-03-03T09:00:00Z');
  const sent: string[] = [];
  const answerOf = (name: Name) => () => outcome(name, answers[name] ?? 'sent');
  if (teamsUser)
    await stores.users.put({
      aadObjectId: 'aad-jo',
      name: 'Jo',
      email: EMAIL,
      updatedAt: '2025-03-01T00:00:00Z',
      ...teamsUser,
    });
  const app = channelsFor(
    { stores, clock },
    teamsChannel(new Recorder<TeamsUser>('teams', sent, answerOf('teams'))),
    emailChannel(new Recorder('email', sent, answerOf('email'))),
  );
  const sms = channelOf(
    new Recorder<string>('sms', sent, answerOf('sms')),
    { label: 'SMS', where: 'by SMS' },
    (to: Recipient) =>
      to.teams?.name
        ? { address: '+44 7700 900000' }
        : { reachable: false as const, reason: 'no-address' as const },
  );
  const registries = { app, 'with sms': { ...app, sms } } as Record<
    'app' | 'with sms',
    ChannelRegistry<Name>
  >;
  return {
    stores,
    sent,
    registry: (which) => registries[which],
    route: (which) => routingChannel({ channels: registries[which], stores }),
  };
}

async function recipient(stores: Stores): Promise<Recipient> {
  const [teams] = await stores.users.findByEmails([EMAIL]);
  return { email: EMAIL, teams };
}

type Row = [
  registry: 'app' | 'with sms',
  preference: ChannelPreference | 'sms',
  inTeams: boolean,
  answers: Partial<Record<Name, Answer>>,
  expected: { sentBy: Name[]; status: SendOutcome['status'] },
];

const CASES: Row[] = [
  ['app', 'auto', true, {}, { sentBy: ['teams'], status: 'sent' }],
  ['app', 'auto', false, {}, { sentBy: ['email'], status: 'sent' }],
  ['app', 'email', true, {}, { sentBy: ['email'], status: 'sent' }],
  ['app', 'both', true, {}, { sentBy: ['teams', 'email'], status: 'sent' }],
  ['app', 'both', true, { teams: 'never' }, { sentBy: ['teams', 'email'], status: 'sent' }],
  ['app', 'auto', true, { teams: 'never' }, { sentBy: ['teams', 'email'], status: 'sent' }],
  ['app', 'email', true, { email: 'never' }, { sentBy: ['email', 'teams'], status: 'sent' }],
  ['app', 'auto', true, { teams: 'failed' }, { sentBy: ['teams'], status: 'failed' }],
  ['app', 'auto', false, { email: 'never' }, { sentBy: ['email'], status: 'unreachable' }],
  // A third channel is an addition: registered beside the others, routing asks it like them.
  ['with sms', 'auto', true, {}, { sentBy: ['teams'], status: 'sent' }],
  ['with sms', 'sms', true, {}, { sentBy: ['sms'], status: 'sent' }],
  ['with sms', 'sms', true, { sms: 'never' }, { sentBy: ['sms', 'teams'], status: 'sent' }],
  [
    'with sms',
    'auto',
    true,
    { teams: 'never', email: 'never' },
    { sentBy: ['teams', 'email', 'sms'], status: 'sent' },
  ],
  // "Both" named Teams and e-mail when it was chosen; a new channel does not join it.
  ['with sms', 'both', true, {}, { sentBy: ['teams', 'email'], status: 'sent' }],
];

describe('routing over the channel registry', () => {
  test.each(CASES)(
    'when the registry is %s, they chose %s (in Teams: %s) and the channels answer %j, then %j',
    async (...[registry, preference, inTeams, answers, expected]: Row) => {
      const w = await world(answers, inTeams ? { conversationReference: CHAT } : { name: 'Jo' });
      await w.stores.contacts.put({
        email: EMAIL,
        // A stored choice of the third channel, as it would be once "sms" is one of CHANNEL_NAMES.
        preference: preference as ChannelPreference,
        updatedAt: '2025-03-01T00:00:00Z',
      });
      const result = await w.route(registry).send(await recipient(w.stores), MESSAGE);
      expect(w.sent).toEqual(expected.sentBy);
      expect(result.status).toBe(expected.status);
    },
  );

  test('when Teams answers 403, then the chat is forgotten and the next message goes by e-mail', async () => {
    const w = await world({ teams: 'never' }, { conversationReference: CHAT });
    await w.route('app').send(await recipient(w.stores), MESSAGE);
    const [jo] = await w.stores.users.findByEmails([EMAIL]);
    expect(jo?.conversationReference).toBeUndefined();
    expect(jo?.unreachableSince).toBe('2025-03-03T09:00:00.000Z');
    w.sent.length = 0;
    await w.route('app').send(await recipient(w.stores), MESSAGE);
    expect(w.sent).toEqual(['email']);
  });

  test('when a mail server refuses for good, then the address is marked and e-mail no longer tried', async () => {
    const w = await world({ email: 'never' });
    await w.route('app').send({ email: EMAIL }, MESSAGE);
    const contact = await w.stores.contacts.get(EMAIL);
    expect(contact).toMatchObject({
      undeliverableSince: '2025-03-03T09:00:00.000Z',
      undeliverableCode: '550',
    });
    expect(await w.route('app').reach({ email: EMAIL })).toEqual({
      reachable: false,
      reason: 'undeliverable',
    });
    const reach = reachabilityOf(w.registry('app'), { email: EMAIL, contact });
    expect(reach.label).toBe('E-mail undeliverable');
    expect(reach.detail).toBe('a mail server refused the address on 3 Mar 2025 (550)');
  });

  test('when a third channel is registered, then its own words make the state', async () => {
    const w = await world({}, { name: 'Jo' });
    const teams = (await recipient(w.stores)).teams;
    const contact = {
      email: EMAIL,
      preference: 'sms' as ChannelPreference,
      updatedAt: '2025-03-01T00:00:00Z',
    };
    const reach = reachabilityOf(w.registry('with sms'), { email: EMAIL, teams, contact });
    expect(reach).toMatchObject({ sendBy: ['sms'], label: 'SMS', detail: 'chose SMS' });
    expect(Object.keys(reach.channels)).toEqual([...CHANNEL_NAMES, 'sms']);
  });

  test('when someone removed the app and then installed it again, then every reader says Teams, as the router sends', async () => {
    const w = await world({}, { conversationReference: CHAT, unreachableSince: '2025-02-01T00:00:00Z' });
    const to = await recipient(w.stores);
    const [reach] = (await reachabilityOfMany(w.stores, w.registry('app'), [EMAIL])).values();
    expect(reach).toMatchObject({
      sendBy: ['teams'],
      label: 'Teams',
      channels: { teams: { reachable: true } },
    });
    await w.route('app').send(to, MESSAGE);
    expect(w.sent).toEqual(['teams']);
  });
});
