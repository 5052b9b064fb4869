/**
 * Why a sweep sent nothing, in words, from what its jobs found: "Nothing due." alone leaves someone
 * checking a plan at the terminal unsure whether the sweep is broken or the day is simply quiet.
 */
import { formatUkDate, type IsoDate } from './dates';

/** What a sweep that found nothing to send saw, and what lies ahead of it. */
export interface QuietSweep {
  /** Reminders filed for today or the catch-up days whose action had moved on (completed, re-dated, closed). */
  movedOn: number;
  /** The next day reminders are filed for after today, and how many. */
  next?: { date: IsoDate; count: number };
  /** The send window of the plan the next reminders belong to, when the sweep ran outside it. */
  outsideWindow?: { start: string; end: string };
  /**
   * Held back for later by the jobs (a non-working day, a queue for the next send window), with the
   * reason they give, for the send-window gating to fill in.
   */
  held?: { count: number; reason: string };
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** "Mon 7 Dec 2026": the weekday tells at a glance whether it is tomorrow or after a weekend. */
function dayDate(date: IsoDate): string {
  return `${WEEKDAYS[new Date(`${date}T12:00:00Z`).getUTCDay()] ?? ''} ${formatUkDate(date)}`;
}

function reminders(count: number): string {
  return `${count} reminder${count === 1 ? '' : 's'}`;
}

/**
 * "Nothing due: no reminders fall due today (next: 3 reminders on Mon 7 Dec 2026); outside the send
 * window 09:00–17:00". Each clause is said only when it is true of this sweep.
 */
export function whyNothingDue(quiet: QuietSweep): string {
  const next = quiet.next
    ? ` (next: ${reminders(quiet.next.count)} on ${dayDate(quiet.next.date)})`
    : ' and none are filed for the next two months';
  const reasons = [`no reminders fall due today${next}`];
  if (quiet.movedOn > 0) {
    reasons.push(
      `${reminders(quiet.movedOn)} filed for today ${quiet.movedOn === 1 ? 'was' : 'were'} no longer wanted (the action was completed, re-dated or its plan closed)`,
    );
  }
  if (quiet.held && quiet.held.count > 0)
    reasons.push(`${reminders(quiet.held.count)} held: ${quiet.held.reason}`);
  if (quiet.outsideWindow) {
    reasons.push(`outside the send window ${quiet.outsideWindow.start}–${quiet.outsideWindow.end}`);
  }
  return `Nothing due: ${reasons.join('; ')}.`;
}
