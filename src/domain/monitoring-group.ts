/**
 * Monitoring groups: the bodies that monitor part of a plan at their own cadence. Lewisham's plan is
 * monitored monthly at the council's management team for council actions and every two months at the
 * LSCP Executive for partnership actions; each group's rounds follow its own meetings, not the calendar.
 *
 * A round's responses are due a set number of working days before the meeting that will look at them
 * (10 by default: time for the subgroup to sense-check before papers go out), and a round can open by
 * itself a set number of working days before that. A monitoring period runs from the day after one
 * meeting to the next meeting.
 */

import type { Cadence } from './cadence';
import { addDays, formatUkDate, type IsoDate, isValidIsoDate } from './dates';
import { ValidationError } from './errors';
import { type HolidayCalendar, type HolidayRegion, isWorkingDay } from './working-days';

export const DEFAULT_RESPONSE_WORKING_DAYS_BEFORE = 10;
/** A working-day count larger than this is a typing slip, not a plan (three months of working days). */
export const MAX_WORKING_DAYS_BEFORE = 65;

export interface MonitoringGroup {
  id: string;
  name: string;
  cadence: Cadence;
  /** The meeting that monitors it: "DMT", "LSCP Executive". */
  oversightBody: string;
  /** The oversight body's meeting dates, sorted and distinct. */
  meetings: IsoDate[];
  /** Responses are due this many working days before the meeting (default 10). */
  responseWorkingDaysBefore: number;
  /** When set, a round opens by itself this many working days before its response date. */
  autoOpenWorkingDaysBefore?: number;
}

export type NewMonitoringGroup = Pick<MonitoringGroup, 'id' | 'name' | 'cadence' | 'oversightBody'> & {
  meetings: readonly string[];
  responseWorkingDaysBefore?: number;
  autoOpenWorkingDaysBefore?: number;
};

/** Checks a group as a coordinator or an import gives it, reporting every problem at once. */
export function createMonitoringGroup(input: NewMonitoringGroup): MonitoringGroup {
  const issues: { field: string; reason: string }[] = [];
  const name = input.name.trim();
  if (name === '') issues.push({ field: 'name', reason: 'is required' });
  if (name.length > 120) issues.push({ field: 'name', reason: 'must be at most 120 characters' });
  const oversightBody = input.oversightBody.trim();
  if (oversightBody.length > 120)
    issues.push({ field: 'oversight body', reason: 'must be at most 120 characters' });
  const meetings = [...new Set(input.meetings.map((m) => m.trim()))].sort();
  for (const meeting of meetings) {
    if (!isValidIsoDate(meeting)) issues.push({ field: 'meetings', reason: `"${meeting}" is not a date` });
  }
  if (meetings.length > 120) issues.push({ field: 'meetings', reason: 'at most 120 meeting dates' });
  const response = input.responseWorkingDaysBefore ?? DEFAULT_RESPONSE_WORKING_DAYS_BEFORE;
  const workingDays = (field: string, value: number) => {
    if (!Number.isInteger(value) || value < 0 || value > MAX_WORKING_DAYS_BEFORE)
      issues.push({
        field,
        reason: `must be a whole number of working days from 0 to ${MAX_WORKING_DAYS_BEFORE}`,
      });
  };
  workingDays('response working days before', response);
  if (input.autoOpenWorkingDaysBefore !== undefined)
    workingDays('open working days before', input.autoOpenWorkingDaysBefore);
  if (issues.length > 0) throw new ValidationError(issues);
  return {
    id: input.id,
    name,
    cadence: input.cadence,
    oversightBody,
    meetings,
    responseWorkingDaysBefore: response,
    ...(input.autoOpenWorkingDaysBefore !== undefined
      ? { autoOpenWorkingDaysBefore: input.autoOpenWorkingDaysBefore }
      : {}),
  };
}

/** `n` working days before `date` (0: `date` itself if it is a working day, else the one before). */
export function workingDaysBefore(
  date: IsoDate,
  n: number,
  region: HolidayRegion,
  calendar: HolidayCalendar,
): IsoDate {
  let day = date;
  while (!isWorkingDay(day, region, calendar)) day = addDays(day, -1);
  for (let counted = 0; counted < n; ) {
    day = addDays(day, -1);
    if (isWorkingDay(day, region, calendar)) counted++;
  }
  return day;
}

export interface GroupRoundDates {
  meeting: IsoDate;
  responseDue: IsoDate;
  /** Absent when rounds are opened by hand. */
  opensOn?: IsoDate;
}

export function roundDatesFor(
  group: MonitoringGroup,
  meeting: IsoDate,
  region: HolidayRegion,
  calendar: HolidayCalendar,
): GroupRoundDates {
  const responseDue = workingDaysBefore(meeting, group.responseWorkingDaysBefore, region, calendar);
  return {
    meeting,
    responseDue,
    ...(group.autoOpenWorkingDaysBefore !== undefined
      ? { opensOn: workingDaysBefore(responseDue, group.autoOpenWorkingDaysBefore, region, calendar) }
      : {}),
  };
}

/** The next meeting whose responses are not yet past due: the one a round opened today is for. */
export function nextRoundFor(
  group: MonitoringGroup,
  today: IsoDate,
  region: HolidayRegion,
  calendar: HolidayCalendar,
): GroupRoundDates | undefined {
  for (const meeting of group.meetings) {
    const dates = roundDatesFor(group, meeting, region, calendar);
    if (dates.responseDue > today) return dates;
  }
  return undefined;
}

/**
 * The round that should open by itself today, if any: its opening day has come, its response date has
 * not passed, and no round was opened for that meeting yet (`openedFor`: meetings with a round).
 */
export function roundToOpenToday(
  group: MonitoringGroup,
  today: IsoDate,
  openedFor: ReadonlySet<IsoDate>,
  region: HolidayRegion,
  calendar: HolidayCalendar,
): GroupRoundDates | undefined {
  if (group.autoOpenWorkingDaysBefore === undefined) return undefined;
  const next = nextRoundFor(group, today, region, calendar);
  if (!next || openedFor.has(next.meeting)) return undefined;
  return next.opensOn !== undefined && next.opensOn <= today ? next : undefined;
}

export interface MonitoringPeriod {
  /** The day after the previous meeting (or undefined before the first). */
  from?: IsoDate;
  /** The meeting that closes the period (or undefined after the last). */
  to?: IsoDate;
  label: string;
}

/** The period `date` falls in, bounded by the group's meetings. */
export function periodOf(group: MonitoringGroup, date: IsoDate): MonitoringPeriod {
  const nextIndex = group.meetings.findIndex((meeting) => meeting >= date);
  const to = nextIndex >= 0 ? group.meetings[nextIndex] : undefined;
  const previous = nextIndex === -1 ? group.meetings.at(-1) : group.meetings[nextIndex - 1];
  const from = previous !== undefined ? addDays(previous, 1) : undefined;
  const label =
    to !== undefined
      ? `for the ${group.oversightBody || group.name} meeting on ${formatUkDate(to)}`
      : `since the ${group.oversightBody || group.name} meeting on ${formatUkDate(previous!)}`;
  return { ...(from ? { from } : {}), ...(to ? { to } : {}), label };
}
