/**
 * When a measure's reporter who has not given the period's value is chased. In a round the chase follows
 * the round's own steps, counted back from its response date (roundChaseDue), as owners' chases do.
 * Between rounds a value is due when its period ends, so the schedule chases on the plan's overdue rhythm
 * after that (every 7 days by default) for as long as the period is the one owed. Either way a chase comes
 * on a later day than the request it follows: nobody is asked and chased for the same value in one day.
 * Pure: today, the settings and the calendar come in.
 */
import type { IsoDate } from './dates';
import type { ReportingPeriod } from './measures';
import { type Round, roundChaseDue } from './monitoring-round';
import { type ReminderSettings, type ReminderStep, reminderSteps } from './reminder-policy';
import { type HolidayCalendar, isWorkingDay } from './working-days';

export interface MeasureAsk {
  /** The round that asked; none for the schedule's request between rounds. */
  round?: Round;
  /** The period asked for. */
  period: ReportingPeriod;
  /** The plan's calendar date the request went. */
  askedOn: IsoDate;
}

/** Today's chase step for a value still missing, if one falls due. */
export function measureChaseDue(
  ask: MeasureAsk,
  today: IsoDate,
  settings: ReminderSettings,
  calendar: HolidayCalendar,
): ReminderStep | undefined {
  const step = ask.round
    ? roundChaseDue(ask.round, today, settings, calendar)
    : scheduleChaseDue(ask.period, today, settings, calendar);
  return step && step.date > ask.askedOn ? step : undefined;
}

function scheduleChaseDue(
  period: ReportingPeriod,
  today: IsoDate,
  settings: ReminderSettings,
  calendar: HolidayCalendar,
): ReminderStep | undefined {
  if (today <= period.end || !isWorkingDay(today, settings.region, calendar)) return undefined;
  // The period's end is the value's due date: only the steps after it (overdue-1, overdue-2…) chase.
  return reminderSteps(period.end, settings, calendar, today)
    .filter((step) => step.date > period.end)
    .at(-1);
}
