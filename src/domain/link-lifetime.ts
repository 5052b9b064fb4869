/**
 * How long an e-mail's update link lives. Issue 20: a round opened on 6 Dec with responses due 13 Jan sent
 * links that died on 27 Dec, three weeks before the work they asked for was due. A link now lives at least
 * as long as its purpose: until the end of the later of the round's response date and the action's due
 * date plus seven days, in the plan's time zone. Never less than the 21 days every link always had (an
 * overdue action's reminder must not carry a link that is already dead), never more than 60 days from when
 * it was made (a link is a key: a forwarded mail should not open the action for a season), and never after
 * the plan closes.
 */
import { addDays, type IsoDate, instantAt } from './dates';

const DAY_MS = 24 * 60 * 60 * 1000;
/** What every link had before it knew its purpose, and still has when it has none. */
export const DEFAULT_LINK_DAYS = 21;
/** The longest any link lives, whatever it is for. */
export const MAX_LINK_DAYS = 60;
/** Time after the action's due date to send an update about it. */
export const DUE_DATE_GRACE_DAYS = 7;

export interface LinkPurpose {
  /** When the link is made. */
  made: Date;
  /** The plan's time zone: "the end of 13 Jan" is the end of that day where the plan's people are. */
  timeZone: string;
  /** The round's response date, when the message asks for a round's update. */
  respondBy?: IsoDate;
  /** The action's current due date, if it has one. */
  dueDate?: IsoDate;
  /** When the plan's monitoring closed, if it has. */
  closedAt?: Date;
}

/** The instant the link stops working. */
export function linkExpiry(purpose: LinkPurpose): Date {
  const made = purpose.made.getTime();
  const ends = [
    purpose.respondBy,
    purpose.dueDate ? addDays(purpose.dueDate, DUE_DATE_GRACE_DAYS) : undefined,
  ].filter((date): date is IsoDate => date !== undefined);
  const wanted = Math.max(
    made + DEFAULT_LINK_DAYS * DAY_MS,
    ...ends.map((date) => endOfDayIn(purpose.timeZone, date).getTime()),
  );
  return new Date(
    Math.min(
      wanted,
      made + MAX_LINK_DAYS * DAY_MS,
      purpose.closedAt ? purpose.closedAt.getTime() : Number.POSITIVE_INFINITY,
    ),
  );
}

/** The first instant after `date` ends in `timeZone` (midnight starting the next day there). */
export function endOfDayIn(timeZone: string, date: IsoDate): Date {
  return instantAt(addDays(date, 1), '00:00', timeZone);
}
