import type { IsoDate } from '../../domain/dates';
import type { DeliveryKey } from '../../domain/delivery-key';
import type { Escalation } from '../../domain/escalation-policy';
import { assertNever } from '../../domain/never';

/**
 * Who else must hear about a change, sent after the person's own card is answered (or by the sweep, for
 * escalations it finds). Facts only: each recipient's delivery key is made from them, so it goes once per
 * trigger and person however often the button is pressed.
 */
export type Announcement =
  | { kind: 'escalation'; escalation: Escalation }
  /** `entryId`: the history entry that made the request. */
  | { kind: 'date-request'; entryId: string }
  | { kind: 'date-decision'; decision: 'approved' | 'rejected'; requestId: string; date: IsoDate };

export function announcementKey(
  actionId: string,
  announcement: Announcement,
  recipient: string,
): DeliveryKey {
  switch (announcement.kind) {
    case 'escalation':
      return { kind: 'escalation', actionId, recipient, ...announcement.escalation };
    case 'date-request':
      return { kind: 'date-request', actionId, entryId: announcement.entryId, recipient };
    case 'date-decision':
      return { kind: 'date-decision', actionId, requestId: announcement.requestId, recipient };
    default:
      return assertNever(announcement);
  }
}
