/**
 * A plan's monitoring groups as a coordinator manages them: add, find, give meetings, remove, and which
 * group each action belongs to. Pure: the plan (and its actions and rounds) in, a new plan or a reason out.
 * A plan without groups is monitored as one, exactly as before groups existed.
 */
import type { Action } from './action';
import { type IsoDate, parseUkDate } from './dates';
import { periodStartOf } from './digest';
import { ValidationError, type ValidationIssue } from './errors';
import {
  createMonitoringGroup,
  type MonitoringGroup,
  type NewMonitoringGroup,
  nextRoundFor,
  periodOf,
} from './monitoring-group';
import type { Round } from './monitoring-round';
import type { Plan } from './plan';
import type { HolidayCalendar, HolidayRegion } from './working-days';

/** Enough for a council's management team, a partnership executive and a few subgroups. */
export const MAX_GROUPS = 12;

export function groupsOf(plan: Plan): readonly MonitoringGroup[] {
  return plan.monitoringGroups ?? [];
}

/** "Partnership actions" → "partnership-actions": a stable id to keep on actions and rounds. */
export function groupIdFrom(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
}

/** A group by its id or its name, case-insensitively. */
export function findGroup(plan: Plan, reference: string): MonitoringGroup | undefined {
  const wanted = reference.trim().toLowerCase();
  return groupsOf(plan).find((g) => g.id === wanted || g.name.toLowerCase() === wanted);
}

/** As `findGroup`, or a refusal that lists the groups there are. */
export function requireGroup(plan: Plan, reference: string, field = 'group'): MonitoringGroup {
  const group = findGroup(plan, reference);
  if (group) return group;
  const names = groupsOf(plan).map((g) => `"${g.name}"`);
  throw new ValidationError([
    {
      field,
      reason:
        names.length === 0
          ? `plan ${plan.id} has no monitoring groups; add one first ("group add")`
          : `"${reference.trim()}" is not a monitoring group of plan ${plan.id} (its groups: ${names.join(', ')})`,
    },
  ]);
}

export function addMonitoringGroup(plan: Plan, input: Omit<NewMonitoringGroup, 'id'>, now: Date): Plan {
  const id = groupIdFrom(input.name);
  const meetings = input.meetings.length > 0 ? meetingDates(input.meetings) : [];
  const group = createMonitoringGroup({ ...input, meetings, id: id || 'group' });
  if (id === '') throw new ValidationError([{ field: 'name', reason: 'needs at least one letter or digit' }]);
  const clash = groupsOf(plan).find((g) => g.id === id || g.name.toLowerCase() === group.name.toLowerCase());
  if (clash)
    throw new ValidationError([
      { field: 'name', reason: `plan ${plan.id} has a group "${clash.name}" already` },
    ]);
  if (groupsOf(plan).length >= MAX_GROUPS)
    throw new ValidationError([
      { field: 'group', reason: `a plan has at most ${MAX_GROUPS} monitoring groups` },
    ]);
  return { ...plan, monitoringGroups: [...groupsOf(plan), group], updatedAt: now.toISOString() };
}

/** Adds meeting dates (31/03/2025 or 2025-03-31) to a group; dates it has already are ignored. */
export function addGroupMeetings(plan: Plan, reference: string, dates: readonly string[], now: Date): Plan {
  const group = requireGroup(plan, reference);
  return replaceGroup(
    plan,
    createMonitoringGroup({ ...group, meetings: [...group.meetings, ...meetingDates(dates)] }),
    now,
  );
}

/** Takes meeting dates off a group (a meeting cancelled); dates it does not have are ignored. */
export function removeGroupMeetings(
  plan: Plan,
  reference: string,
  dates: readonly string[],
  now: Date,
): Plan {
  const group = requireGroup(plan, reference);
  const gone = new Set(meetingDates(dates));
  return replaceGroup(plan, { ...group, meetings: group.meetings.filter((m) => !gone.has(m)) }, now);
}

/**
 * A group's name, cadence, oversight body and timings changed. Its id stays (actions and rounds keep it),
 * and so do its meetings, which change one by one (a meeting added or cancelled).
 */
export function editMonitoringGroup(
  plan: Plan,
  reference: string,
  changes: Omit<NewMonitoringGroup, 'id' | 'meetings'>,
  now: Date,
): Plan {
  const group = requireGroup(plan, reference);
  const edited = createMonitoringGroup({ ...changes, id: group.id, meetings: group.meetings });
  const clash = groupsOf(plan).find(
    (g) =>
      g.id !== group.id &&
      (g.name.toLowerCase() === edited.name.toLowerCase() || g.id === groupIdFrom(edited.name)),
  );
  if (clash)
    throw new ValidationError([
      { field: 'name', reason: `plan ${plan.id} has a group "${clash.name}" already` },
    ]);
  return replaceGroup(plan, edited, now);
}

function meetingDates(dates: readonly string[]): IsoDate[] {
  if (dates.length === 0)
    throw new ValidationError([{ field: 'meetings', reason: 'give at least one meeting date' }]);
  const issues: { field: string; reason: string }[] = [];
  const parsed = dates.map((text) => {
    const date = parseUkDate(text);
    if (!date.ok) issues.push({ field: 'meetings', reason: date.reason });
    return date.ok ? date.value : '';
  });
  if (issues.length > 0) throw new ValidationError(issues);
  return parsed;
}

function replaceGroup(plan: Plan, group: MonitoringGroup, now: Date): Plan {
  return {
    ...plan,
    monitoringGroups: groupsOf(plan).map((g) => (g.id === group.id ? group : g)),
    updatedAt: now.toISOString(),
  };
}

/**
 * Removes a group. Refused while actions belong to it or it has an open round: those would lose their
 * monitoring without anyone deciding where they go.
 */
export function removeMonitoringGroup(
  plan: Plan,
  reference: string,
  actions: readonly Action[],
  rounds: readonly Round[],
  now: Date,
): Plan {
  const group = requireGroup(plan, reference);
  const members = actions.filter((a) => a.monitoringGroupId === group.id).map((a) => a.id);
  if (members.length > 0) {
    throw new ValidationError([
      {
        field: 'group',
        reason: `"${group.name}" still has ${members.length} action${members.length === 1 ? '' : 's'} (${members.slice(0, 5).join(', ')}${members.length > 5 ? '…' : ''}); move them to another group first ("action group")`,
      },
    ]);
  }
  const open = rounds.find((r) => r.status === 'open' && r.groupId === group.id);
  if (open) {
    throw new ValidationError([
      { field: 'group', reason: `"${group.name}" has round ${open.number} open; close it first` },
    ]);
  }
  return {
    ...plan,
    monitoringGroups: groupsOf(plan).filter((g) => g.id !== group.id),
    updatedAt: now.toISOString(),
  };
}

/**
 * An import's "Monitoring group" cells resolved against the plan's groups (by name or id): every cell that
 * names no group of the plan is reported with its row, and nothing is imported.
 */
export function resolveImportedGroups<
  T extends { row: number; monitoringGroup?: string; monitoringGroupId?: string },
>(plan: Plan, actions: readonly T[]): T[] {
  const issues: ValidationIssue[] = [];
  const resolved = actions.map((action) => {
    if (action.monitoringGroup === undefined) return action;
    try {
      return {
        ...action,
        monitoringGroupId: requireGroup(plan, action.monitoringGroup, 'monitoring_group').id,
      };
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      issues.push(...error.issues.map((issue) => ({ ...issue, row: action.row })));
      return action;
    }
  });
  if (issues.length > 0) throw new ValidationError(issues);
  return resolved;
}

/** The action in `group` (a reference), or in no group with `undefined`. */
export function withGroup(plan: Plan, action: Action, reference: string | undefined): Action {
  if (reference === undefined || reference.trim() === '' || reference.trim().toLowerCase() === 'none') {
    const { monitoringGroupId: _none, ...rest } = action;
    return rest;
  }
  return { ...action, monitoringGroupId: requireGroup(plan, reference).id };
}

/** The group an action is monitored in, if the plan still has it. */
export function groupOfAction(
  plan: Plan,
  action: Pick<Action, 'monitoringGroupId'>,
): MonitoringGroup | undefined {
  if (action.monitoringGroupId === undefined) return undefined;
  return groupsOf(plan).find((g) => g.id === action.monitoringGroupId);
}

/**
 * Which actions a round for `groupId` asks: the group's own, or (no group) those in no group of the
 * plan, so that a plan without groups asks every action as it always has.
 */
export function inRoundScope(plan: Plan, action: Action, groupId: string | undefined): boolean {
  const group = groupOfAction(plan, action);
  return groupId === undefined ? group === undefined : group?.id === groupId;
}

/** The label a round's scope goes by: the group's name, or "the whole plan". */
export function scopeName(plan: Plan, groupId: string | undefined): string {
  if (groupId === undefined) return groupsOf(plan).length > 0 ? 'actions in no group' : 'the whole plan';
  return groupsOf(plan).find((g) => g.id === groupId)?.name ?? groupId;
}

/**
 * The first day of the monitoring period an action is in: after its group's last meeting when the group
 * has meetings, else by its group's (or the plan's) cadence from the calendar.
 */
export function periodStartForAction(plan: Plan, action: Action, today: IsoDate): IsoDate {
  const group = groupOfAction(plan, action);
  if (!group) return periodStartOf(today, plan.cadence);
  const period = periodOf(group, today);
  return period.from ?? periodStartOf(today, group.cadence);
}

/**
 * The response date a group's next round asks for: `responseWorkingDaysBefore` its next meeting,
 * or undefined when no meeting ahead leaves time to answer (the round then takes the usual default).
 */
export function groupResponseDate(
  group: MonitoringGroup,
  today: IsoDate,
  region: HolidayRegion,
  calendar: HolidayCalendar,
): { responseDue: IsoDate; meeting: IsoDate } | undefined {
  const next = nextRoundFor(group, today, region, calendar);
  return next ? { responseDue: next.responseDue, meeting: next.meeting } : undefined;
}
