/**
 * The governance of a closed round: who agreed its ratings when it closed, and the oversight body's
 * endorsement recorded afterwards (a committee meets weeks later). A report of the round says both:
 * "Agreed by the S&CE subgroup on 12 May 2025; endorsed by the NSCC on 3 Jun 2025". Pure.
 */
import { formatUkDate, type IsoDate, isValidIsoDate } from './dates';
import { ValidationError, type ValidationIssue } from './errors';
import type { Endorsement, Round, RoundPerson } from './monitoring-round';

export const MAX_MEETING = 200;

export function endorseRound(
  round: Round,
  input: { meeting: string; date: string; by: RoundPerson },
  today: IsoDate,
  now: Date,
): Round {
  const issues: ValidationIssue[] = [];
  const meeting = input.meeting.trim();
  if (meeting === '') issues.push({ field: 'meeting', reason: 'is required: say which body endorsed it' });
  if (meeting.length > MAX_MEETING)
    issues.push({ field: 'meeting', reason: `must be at most ${MAX_MEETING} characters` });
  const date = input.date.trim();
  if (!isValidIsoDate(date))
    issues.push({ field: 'date', reason: `"${date.slice(0, 40)}" is not a date like 2025-06-03` });
  else if (date > today)
    issues.push({
      field: 'date',
      reason: `is after today (${formatUkDate(today)}): record an endorsement once it is given`,
    });
  else if (round.closedOn && date < round.closedOn)
    issues.push({
      field: 'date',
      reason: `is before round ${round.number} closed (${formatUkDate(round.closedOn)}): a round is endorsed after it closes`,
    });
  if (round.status !== 'closed')
    issues.push({
      field: 'round',
      reason: `round ${round.number} is still open; close it before it is endorsed`,
    });
  if (issues.length > 0) throw new ValidationError(issues);
  const endorsement: Endorsement = { meeting, date, recordedBy: input.by, recordedAt: now.toISOString() };
  return { ...round, endorsement };
}

/** "the S&CE subgroup", but "The NSCC" stays as typed and a person's name takes no article. */
function body(name: string): string {
  return /^the\s/i.test(name) ? name : `the ${name}`;
}

/** The sentence a report of the round prints, or nothing for a round closed before this was recorded. */
export function describeGovernance(round: Round): string | undefined {
  const parts: string[] = [];
  const agreement = round.agreement;
  if (agreement)
    parts.push(
      `Agreed by ${agreement.group ? body(agreement.group) : agreement.by.name} on ${formatUkDate(agreement.on)}`,
    );
  if (round.endorsement)
    parts.push(`endorsed by ${body(round.endorsement.meeting)} on ${formatUkDate(round.endorsement.date)}`);
  if (parts.length === 0) return undefined;
  const text = parts.join('; ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}
