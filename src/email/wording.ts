/** Words every e-mail shares: dates with their weekday, and who sent it and whom to ask. */
import { formatUkDate, type IsoDate } from '../domain/dates';
import type { Plan } from '../domain/plan';

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** "Fri 14 Mar 2025": the weekday helps someone planning their week from a subject line. */
export function ukDayDate(date: IsoDate): string {
  const weekday = WEEKDAYS[new Date(`${date}T12:00:00Z`).getUTCDay()] ?? '';
  return `${weekday} ${formatUkDate(date)}`;
}

export function senderFooter(plan: Plan): string[] {
  const ask =
    plan.coordinators.length > 0
      ? `Questions about this plan: ask its coordinator${plan.coordinators.length === 1 ? '' : 's'}, ${plan.coordinators.join(', ')}.`
      : 'Questions about this plan: ask your partnership business manager.';
  return [
    `Sent by Action Tracker for ${plan.title}, on behalf of ${plan.principalAuthority || 'the partnership'} and its partners.`,
    ask,
    'You get this e-mail because you have a part in this plan.',
  ];
}
