/**
 * "Chase now" from the dashboard: the chase a coordinator sends by hand, ahead of the schedule. It brings
 * the next scheduled chase forward (that step's ledger key is then settled, so the schedule does not send
 * it again), and after the response date it is a one-off "overdue" chase for the day. Pure.
 */
import { daysBetween, type IsoDate } from './dates';
import type { Round } from './monitoring-round';
import { type ReminderSettings, type ReminderStepName, reminderSteps } from './reminder-policy';
import type { HolidayCalendar } from './working-days';

export function chaseNowStep(
  round: Round,
  today: IsoDate,
  settings: ReminderSettings,
  calendar: HolidayCalendar,
): ReminderStepName {
  if (today > round.responseDue) return `overdue-${daysBetween(round.responseDue, today)}`;
  // The steps up to the response day; the first still to come (or today's) is the one brought forward.
  const next = reminderSteps(round.responseDue, settings, calendar, round.responseDue).find(
    (step) => step.date >= today,
  );
  return next?.name ?? 'due';
}
