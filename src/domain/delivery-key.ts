/**
 * The delivery ledger's keys: one per message and person, whatever channel carries it, so a message
 * that fails in one channel and goes by another is still sent once. Built and read back only here.
 *
 * The stored strings are the ones written since the ledger began (`|`-separated, the recipient's e-mail
 * last), so ledgers already written still deduplicate. Reminder keys alone have no leading tag: they were
 * the first kind, and changing them would send every reminder of the current step again.
 */
import type { IsoDate } from './dates';
import { assertNever } from './never';
import type { ReminderStepName } from './reminder-policy';

/** The escalations that have a key: 14 days overdue, three unanswered reminders, newly rated red. */
export type EscalationKey =
  | { trigger: 'overdue-14'; dueDate: IsoDate }
  | { trigger: 'unanswered'; revision: number }
  | { trigger: 'red'; entryId: string };

export type DeliveryKey =
  /** A reminder step for the action's current due date (a new date starts the steps afresh). */
  | { kind: 'reminder'; actionId: string; dueDate: IsoDate; step: ReminderStepName; recipient: string }
  /** A monitoring round's opening request ('request') or one of its chases ('before-7', 'due'…). */
  | { kind: 'round'; round: number; step: string; actionId: string; recipient: string }
  | { kind: 'digest'; weekStart: IsoDate; recipient: string }
  | ({ kind: 'escalation'; actionId: string; recipient: string } & EscalationKey)
  /** `entryId`: the history entry that made the request. */
  | { kind: 'date-request'; actionId: string; entryId: string; recipient: string }
  | { kind: 'date-decision'; actionId: string; requestId: string; recipient: string }
  /** A coordinator's list of what could not be delivered; `listId` names its contents. */
  | { kind: 'undelivered'; date: IsoDate; listId: string; recipient: string }
  /**
   * A measure's reporter asked for a period's value (period: its first month, YYYY-MM): by round `round`,
   * or by the reminder schedule (`round` 0) when no round has asked for that period.
   */
  | { kind: 'measure'; round: number; measureId: string; period: string; recipient: string }
  /**
   * A chase for a measure's value still missing, on a reminder step ('before-7', 'due', 'overdue-1'…): of
   * round `round`'s request, counted back from its response date, or (`round` 0) of the schedule's, counted
   * from the period's end. A tag of its own, so the request prefix (`measure|`) never reads chases.
   */
  | {
      kind: 'measure-chase';
      round: number;
      step: string;
      measureId: string;
      period: string;
      recipient: string;
    };

export type DeliveryKind = DeliveryKey['kind'];

/** The ranges the ledger is read by: an action's reminders for one due date; one step of a round. */
export type DeliveryKeyPrefix =
  | { kind: 'reminder'; actionId: string; dueDate: IsoDate }
  | { kind: 'round'; round: number; step: string }
  /** Every measure request of the plan, rounds and schedule alike. */
  | { kind: 'measure' }
  /** Every chase for a measure's value, rounds and schedule alike. */
  | { kind: 'measure-chase' };

const SEPARATOR = '|';
/** Kept out of every field, so a field can never be read as two. E-mail addresses may in theory hold one. */
const ESCAPED = '%7C';

const escapeField = (field: string | number): string => String(field).replaceAll(SEPARATOR, ESCAPED);
const unescapeField = (field: string): string => field.replaceAll(ESCAPED, SEPARATOR);
const join = (fields: (string | number)[]): string => fields.map(escapeField).join(SEPARATOR);

export function formatDeliveryKey(key: DeliveryKey): string {
  switch (key.kind) {
    case 'reminder':
      return join([key.actionId, key.dueDate, key.step, key.recipient]);
    case 'round':
      return join(['round', key.round, key.step, key.actionId, key.recipient]);
    case 'digest':
      return join(['digest', key.weekStart, key.recipient]);
    case 'escalation':
      switch (key.trigger) {
        case 'overdue-14':
          return join(['escalation', key.actionId, key.dueDate, 'overdue-14', key.recipient]);
        case 'unanswered':
          return join(['escalation', key.actionId, 'unanswered', key.revision, key.recipient]);
        case 'red':
          return join(['escalation', key.actionId, 'red', key.entryId, key.recipient]);
        default:
          return assertNever(key);
      }
    case 'date-request':
      return join(['date-request', key.actionId, key.entryId, key.recipient]);
    case 'date-decision':
      return join(['date-decision', key.actionId, key.requestId, key.recipient]);
    case 'undelivered':
      return join(['undelivered', key.date, key.listId, key.recipient]);
    case 'measure':
      return join(['measure', key.round, key.measureId, key.period, key.recipient]);
    case 'measure-chase':
      return join(['measure-chase', key.round, key.step, key.measureId, key.period, key.recipient]);
    default:
      return assertNever(key);
  }
}

/** The start every key in the range shares (a separator at the end, so `1.1` never matches `1.10`). */
export function formatDeliveryKeyPrefix(prefix: DeliveryKeyPrefix): string {
  switch (prefix.kind) {
    case 'reminder':
      return `${join([prefix.actionId, prefix.dueDate])}${SEPARATOR}`;
    case 'round':
      return `${join(['round', prefix.round, prefix.step])}${SEPARATOR}`;
    case 'measure':
      return `measure${SEPARATOR}`;
    case 'measure-chase':
      return `measure-chase${SEPARATOR}`;
    default:
      return assertNever(prefix);
  }
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const STEP = /^(before-\d+|due|overdue-\d+)$/;
const ROUND_STEP = /^(request|before-\d+|due|overdue-\d+)$/;
const WHOLE = /^\d+$/;
/** newestFirstId: inverted milliseconds, a dash, six base-36 characters. */
const ENTRY_ID = /^\d{13}-[0-9a-z]{6}$/;
const ACTION_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/;
const LIST_ID = /^[0-9a-f]{8,64}$/;
const MONTH = /^\d{4}-\d{2}$/;

/** A stored key read back, or undefined when it is not one this version writes. */
export function parseDeliveryKey(stored: string): DeliveryKey | undefined {
  const f = stored.split(SEPARATOR).map(unescapeField);
  const recipient = f.at(-1) ?? '';
  if (!recipient.includes('@')) return undefined;
  const tagged = parseTagged(f, recipient);
  if (tagged) return tagged;
  const [actionId = '', dueDate = '', step = ''] = f;
  if (f.length === 4 && ACTION_ID.test(actionId) && ISO_DATE.test(dueDate) && STEP.test(step))
    return { kind: 'reminder', actionId, dueDate, step: step as ReminderStepName, recipient };
  return undefined;
}

function parseTagged(f: string[], recipient: string): DeliveryKey | undefined {
  const [tag, a = '', b = '', c = '', d = ''] = f;
  if (f.length === 6 && tag === 'measure-chase')
    return WHOLE.test(a) && STEP.test(b) && ACTION_ID.test(c) && MONTH.test(d)
      ? { kind: 'measure-chase', round: Number(a), step: b, measureId: c, period: d, recipient }
      : undefined;
  switch (f.length === 5 ? tag : undefined) {
    case 'round':
      return WHOLE.test(a) && ROUND_STEP.test(b) && ACTION_ID.test(c)
        ? { kind: 'round', round: Number(a), step: b, actionId: c, recipient }
        : undefined;
    case 'measure':
      return WHOLE.test(a) && ACTION_ID.test(b) && MONTH.test(c)
        ? { kind: 'measure', round: Number(a), measureId: b, period: c, recipient }
        : undefined;
    case 'escalation':
      if (!ACTION_ID.test(a)) return undefined;
      if (ISO_DATE.test(b) && c === 'overdue-14')
        return { kind: 'escalation', trigger: 'overdue-14', actionId: a, dueDate: b, recipient };
      if (b === 'unanswered' && WHOLE.test(c))
        return { kind: 'escalation', trigger: 'unanswered', actionId: a, revision: Number(c), recipient };
      if (b === 'red' && ENTRY_ID.test(c))
        return { kind: 'escalation', trigger: 'red', actionId: a, entryId: c, recipient };
      return undefined;
  }
  switch (f.length === 4 ? tag : undefined) {
    case 'date-request':
      return ACTION_ID.test(a) && ENTRY_ID.test(b)
        ? { kind: 'date-request', actionId: a, entryId: b, recipient }
        : undefined;
    case 'date-decision':
      return ACTION_ID.test(a) && ENTRY_ID.test(b)
        ? { kind: 'date-decision', actionId: a, requestId: b, recipient }
        : undefined;
    case 'undelivered':
      return ISO_DATE.test(a) && LIST_ID.test(b)
        ? { kind: 'undelivered', date: a, listId: b, recipient }
        : undefined;
  }
  if (f.length === 3 && tag === 'digest' && ISO_DATE.test(a))
    return { kind: 'digest', weekStart: a, recipient };
  return undefined;
}

/**
 * Reminders and chases (a round's, a measure's) wait while the person has paused their reminders (leave);
 * a round's opening request, a measure's request, digests, escalations and date requests and decisions
 * still go.
 */
export function quietWhilePaused(key: DeliveryKey): boolean {
  return (
    key.kind === 'reminder' ||
    key.kind === 'measure-chase' ||
    (key.kind === 'round' && key.step !== 'request')
  );
}

/** The action a key is about, if it is about one. */
export function actionOfKey(key: DeliveryKey): string | undefined {
  return 'actionId' in key ? key.actionId : undefined;
}
