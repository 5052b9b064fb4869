/**
 * A coordinator's changes to the plan's actions from the dashboard: add one, edit what it says and who
 * holds it, reschedule it (the current due date moves with a reason; the baseline never does), withdraw
 * it with a reason. Pure: each reads and checks its input, then returns the changed action and the
 * history entry that records it (what changed, by whom, why).
 */
import type { Action, Owner } from './action';
import { importedText, TEXT_FIELDS } from './action-field-rules';
import type { TextFieldName } from './action-fields';
import { daysBetween, type IsoDate, parseUkDate } from './dates';
import { ValidationError } from './errors';
import { isOpen } from './lifecycle';
import type { Applied } from './status-change';
import { changeStamp, type EditContext } from './status-change';
import { Checker, LIMITS } from './validation';
import { type HolidayCalendar, type HolidayRegion, isWorkingDay } from './working-days';

/**
 * What the edit form sets. The free-text fields (success measure, …) come from action-fields.ts, named
 * after their fields; one the form does not send is left as it is, so a form drawn before a field
 * existed cannot blank it.
 */
export interface ActionText extends Partial<Record<TextFieldName, string>> {
  description: string;
  areaId: string;
  leadAgency: string;
  contributingAgencies: string[];
  owners: Owner[];
}

export const EDITABLE_FIELDS: readonly (keyof ActionText)[] = [
  'description',
  'areaId',
  'leadAgency',
  'contributingAgencies',
  'owners',
  ...TEXT_FIELDS.map((f) => f.name),
];

/**
 * Owners as a form writes them, one a line: "Name, address" or "Name <address>" or just the address; or
 * already as a list of { name, email }.
 */
export function readOwners(value: unknown, check: Checker): Owner[] {
  const lines: { name: string; email: string }[] = [];
  if (Array.isArray(value)) {
    for (const item of value) {
      const record = (item ?? {}) as Record<string, unknown>;
      lines.push({ name: String(record.name ?? ''), email: String(record.email ?? '') });
    }
  } else if (typeof value === 'string') {
    for (const line of value
      .split(/\r?\n|;/)
      .map((l) => l.trim())
      .filter(Boolean)) {
      const angle = /^(.*)<([^>]+)>\s*$/.exec(line);
      const comma = line.lastIndexOf(',');
      if (angle) lines.push({ name: angle[1]!.trim(), email: angle[2]!.trim() });
      else if (comma >= 0)
        lines.push({ name: line.slice(0, comma).trim(), email: line.slice(comma + 1).trim() });
      else lines.push({ name: '', email: line });
    }
  }
  if (lines.length === 0) check.add('owners', 'name at least one owner, with their e-mail address');
  if (lines.length > LIMITS.owners) check.add('owners', `at most ${LIMITS.owners} owners`);
  const owners: Owner[] = [];
  for (const line of lines.slice(0, LIMITS.owners)) {
    const email = check.email('owners', line.email);
    const name = check.text('owners', line.name, LIMITS.personName) || email;
    if (!owners.some((o) => o.email === email)) owners.push({ name, email });
  }
  return owners;
}

function readAgencies(value: unknown): string[] {
  const items = Array.isArray(value)
    ? value.map(String)
    : typeof value === 'string'
      ? value.split(/[,;\n]/)
      : [];
  return [...new Set(items.map((item) => item.trim()).filter(Boolean))];
}

/** Reads and checks the edit form; `areaIds` are the plan's areas (an action belongs to one of them). */
export function readActionText(input: Record<string, unknown>, areaIds: readonly string[]): ActionText {
  const check = new Checker();
  const str = (field: string) => (typeof input[field] === 'string' ? (input[field] as string) : '');
  const description = check.text('description', str('description'), LIMITS.actionDescription, {
    required: true,
  });
  const areaId = str('areaId').trim();
  if (areaId === '') check.add('areaId', 'choose the area for improvement');
  else if (!areaIds.includes(areaId)) check.add('areaId', `the plan has no area ${areaId.slice(0, 32)}`);
  const leadAgency = check.text('leadAgency', str('leadAgency'), LIMITS.agency, { required: true });
  const contributingAgencies = readAgencies(input.contributingAgencies);
  if (contributingAgencies.length > LIMITS.contributingAgencies)
    check.add('contributingAgencies', `at most ${LIMITS.contributingAgencies} agencies`);
  for (const agency of contributingAgencies) check.text('contributingAgencies', agency, LIMITS.agency);
  const owners = readOwners(input.owners, check);
  const texts = Object.fromEntries(
    TEXT_FIELDS.flatMap((f) =>
      typeof input[f.name] === 'string'
        ? [[f.name, check.text(f.name, input[f.name] as string, f.limit)]]
        : [],
    ),
  );
  if (!check.ok) throw new ValidationError(check.issues);
  return { description, areaId, leadAgency, contributingAgencies, owners, ...texts };
}

/** A new action: its id (unused in the plan), its text and its due date (baseline and current). */
export function newAction(
  planId: string,
  input: Record<string, unknown>,
  context: EditContext & { areaIds: readonly string[]; takenIds: readonly string[]; today: IsoDate },
): Applied {
  const check = new Checker();
  const id = check.itemId('id', typeof input.id === 'string' ? input.id : '');
  if (id && context.takenIds.some((taken) => taken.toLowerCase() === id.toLowerCase()))
    check.add('id', `the plan has an action ${id} already`);
  const due = parseUkDate(typeof input.dueDate === 'string' ? input.dueDate : '');
  if (!due.ok) check.add('dueDate', due.reason === 'is empty' ? 'choose the due date' : due.reason);
  let text: ActionText | undefined;
  try {
    text = readActionText(input, context.areaIds);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    for (const issue of error.issues) check.add(issue.field, issue.reason);
  }
  if (!check.ok || !text || !due.ok) throw new ValidationError(check.issues);
  const action: Action = {
    planId,
    id,
    ...text,
    ...importedText(text),
    baselineDueDate: due.value,
    currentDueDate: due.value,
    lifecycle: 'not_started',
    evidenceLinks: [],
    lastUpdatedAt: context.at,
    revision: 1,
  };
  return {
    after: action,
    entry: {
      ...entryBase(action, context),
      newLifecycle: 'not_started',
      changedFields: ['created'],
    },
  };
}

/** The action with the form's text; `changedFields` names what moved (nothing: no entry is needed). */
export function applyActionText(action: Action, text: ActionText, context: EditContext): Applied | undefined {
  const changed = EDITABLE_FIELDS.filter(
    (key) => key in text && JSON.stringify(action[key]) !== JSON.stringify(text[key]),
  );
  if (changed.length === 0) return undefined;
  const after: Action = { ...action, ...text, ...changeStamp(action, context.at) };
  return {
    after,
    entry: {
      ...entryBase(after, context),
      ...ratings(action),
      oldLifecycle: action.lifecycle,
      newLifecycle: action.lifecycle,
      changedFields: changed,
    },
  };
}

/**
 * A recorded change of the current due date, with a reason: a working day, not the current date, within
 * three years. The baseline (the date first agreed) never moves; a pending request from an owner is
 * settled by it, so it is cleared.
 */
export function applyReschedule(
  action: Action,
  input: { date?: string; reason?: string },
  context: EditContext & { today: IsoDate; region: HolidayRegion; calendar: HolidayCalendar },
): Applied {
  const check = new Checker();
  if (!isOpen(action.lifecycle)) check.add('date', 'only an open action can be rescheduled');
  const reason = check.text('reason', input.reason ?? '', LIMITS.note, { required: true });
  const parsed = parseUkDate(input.date ?? '');
  let date = '';
  if (!parsed.ok) check.add('date', parsed.reason === 'is empty' ? 'choose the new due date' : parsed.reason);
  else {
    date = parsed.value;
    if (date === action.currentDueDate) check.add('date', 'is the current due date already');
    else if (!isWorkingDay(date, context.region, context.calendar))
      check.add('date', 'must be a working day, not a weekend or bank holiday');
    else if (Math.abs(daysBetween(context.today, date)) > 3 * 366)
      check.add('date', 'must be within three years');
  }
  if (!check.ok) throw new ValidationError(check.issues);
  const { pendingDateRequest: _settled, ...rest } = action;
  const after: Action = {
    ...rest,
    currentDueDate: date,
    ...changeStamp(action, context.at),
  };
  return {
    after,
    entry: {
      ...entryBase(after, context),
      ...ratings(action),
      oldLifecycle: action.lifecycle,
      newLifecycle: action.lifecycle,
      note: reason,
      changedFields: ['currentDueDate'],
      dueDateMovedTo: date,
    },
  };
}

/** Withdrawn: no longer part of the plan's work (kept, with its history), for a reason. */
export function applyWithdraw(action: Action, input: { reason?: string }, context: EditContext): Applied {
  const check = new Checker();
  if (action.lifecycle === 'withdrawn') check.add('reason', 'this action is withdrawn already');
  const reason = check.text('reason', input.reason ?? '', LIMITS.note, { required: true });
  if (!check.ok) throw new ValidationError(check.issues);
  const { pendingDateRequest: _dropped, ...rest } = action;
  const after: Action = {
    ...rest,
    lifecycle: 'withdrawn',
    ...changeStamp(action, context.at),
  };
  return {
    after,
    entry: {
      ...entryBase(after, context),
      ...ratings(action),
      oldLifecycle: action.lifecycle,
      newLifecycle: 'withdrawn',
      note: reason,
    },
  };
}

function entryBase(action: Action, context: EditContext) {
  return {
    planId: action.planId,
    actionId: action.id,
    id: context.entryId,
    at: context.at,
    author: context.author,
    source: context.source,
  };
}

function ratings(action: Action) {
  return action.rating ? { oldRating: action.rating, newRating: action.rating } : {};
}
