/**
 * What "every person is reached exactly once per step on the right channel" means, checked on the
 * outbox: each expected message arrived exactly once, to that person, on their channel; and nothing else
 * was sent in the step (a digest may be allowed where the week's digest may fall). And "nothing is sent
 * outside the plan's send window": every message the plan sent of its own accord went on a working day
 * between 09:00 and 17:00 in Europe/London.
 */
import { UkHolidayCalendar } from '../../src/calendar/uk-holidays';
import { calendarDateIn, localTimeIn } from '../../src/domain/dates';
import { isWorkingDay } from '../../src/domain/working-days';
import { describe as describeMessages, type Message } from './outbox';
import { type Channel, PEOPLE, type PersonKey } from './people';

export interface Expected {
  who: PersonKey;
  /** What the message must say (subject or card text). */
  about: RegExp;
  /** Default: the person's own channel. */
  channel?: Channel;
  /** May arrive at most once rather than exactly once (a digest whose week may already be done). */
  optional?: boolean;
}

/** Problems with a step's messages against what was expected; empty when it went as it should. */
/** Every message some step expected, across the journey: what is left over nobody expected. */
export const accountedFor = new Set<Message>();

export function reachedProblems(messages: readonly Message[], expected: readonly Expected[]): string[] {
  const problems: string[] = [];
  const claimed = new Set<Message>();
  for (const e of expected) {
    const channel = e.channel ?? PEOPLE[e.who].channel;
    const matching = messages.filter((m) => m.to === e.who && e.about.test(`${m.subject}\n${m.text}`));
    for (const m of matching) claimed.add(m);
    const right = matching.filter((m) => m.channel === channel);
    const wrong = matching.filter((m) => m.channel !== channel);
    if (wrong.length > 0)
      problems.push(
        `${e.who} got "${e.about.source}" by ${wrong.map((m) => m.channel).join(', ')}, not ${channel}`,
      );
    if (right.length > 1)
      problems.push(`${e.who} got "${e.about.source}" ${right.length} times by ${channel}`);
    if (right.length === 0 && !e.optional)
      problems.push(`${e.who} never got "${e.about.source}" by ${channel}`);
  }
  for (const m of claimed) accountedFor.add(m);
  const strays = messages.filter((m) => !claimed.has(m));
  if (strays.length > 0) problems.push(`messages nobody expected:\n${describeMessages(strays)}`);
  if (problems.length > 0) problems.push(`all messages of the step:\n${describeMessages(messages)}`);
  return problems;
}

/** Whether everything expected (not optional) has arrived: for polling before the check. */
export function allArrived(messages: readonly Message[], expected: readonly Expected[]): boolean {
  return expected.every(
    (e) =>
      e.optional ||
      messages.some(
        (m) =>
          m.to === e.who &&
          m.channel === (e.channel ?? PEOPLE[e.who].channel) &&
          e.about.test(`${m.subject}\n${m.text}`),
      ),
  );
}

const calendar = new UkHolidayCalendar();
const ZONE = 'Europe/London';

/** Messages sent outside 09:00–17:00 London on a working day in England. */
export function outsideWindow(messages: readonly Message[]): Message[] {
  return messages.filter((m) => {
    if (m.reply) return false;
    const day = calendarDateIn(ZONE, m.at);
    const hhmm = localTimeIn(ZONE, m.at);
    return !isWorkingDay(day, 'ENG', calendar) || hhmm < '09:00' || hhmm >= '17:00';
  });
}

/** The Monday (ISO week) a message's day falls in, in London. */
function weekOf(message: Message): string {
  const day = new Date(`${calendarDateIn(ZONE, message.at)}T12:00:00Z`);
  day.setUTCDate(day.getUTCDate() - ((day.getUTCDay() + 6) % 7));
  return day.toISOString().slice(0, 10);
}

/**
 * Across the whole journey: every message the plan sent was one a step expected, except weekly digests,
 * which may go on any working day of a week the server was up; those reach each person at most once a
 * week, on their channel.
 */
export function yearProblems(messages: readonly Message[], isDigest: RegExp): string[] {
  const problems: string[] = [];
  const sent = messages.filter((m) => !m.reply);
  const unexpected = sent.filter((m) => !accountedFor.has(m) && !isDigest.test(m.subject));
  if (unexpected.length > 0)
    problems.push(`sent though no step expected it:\n${describeMessages(unexpected)}`);
  const digests = new Map<string, Message[]>();
  for (const m of sent.filter((m) => isDigest.test(m.subject))) {
    const key = `${m.to} in the week of ${weekOf(m)}`;
    digests.set(key, [...(digests.get(key) ?? []), m]);
    const person = PEOPLE[m.to as PersonKey];
    if (!person)
      problems.push(`a digest reached someone outside the plan's people:\n${describeMessages([m])}`);
    else if (person.channel !== m.channel)
      problems.push(
        `${m.to}'s digest went by ${m.channel}, not ${person.channel}:\n${describeMessages([m])}`,
      );
  }
  for (const [key, list] of digests)
    if (list.length > 1) problems.push(`${list.length} digests to ${key}:\n${describeMessages(list)}`);
  return problems;
}
