import type { DateRequest } from '../../domain/action';

/**
 * Who else must hear about a change, sent after the person's own card is answered. Each has a key for
 * the delivery ledger, so it goes once per trigger however often the button is pressed.
 */
export type Announcement =
  | { kind: 'escalation'; trigger: 'red' | 'overdue-14' | 'unanswered'; key: string }
  | { kind: 'date-request'; key: string }
  | { kind: 'date-decision'; decision: 'approved' | 'rejected'; request: DateRequest; key: string };
