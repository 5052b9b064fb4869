import { UnavailableError } from '../../domain/errors';
import type { Clock, DeliveryLedger, SendOutcome } from '../ports/index';

/**
 * How long to keep trying to record a message Teams has accepted while storage is down: just under the
 * 10 minutes after which another sender takes over the claim (and would send it again).
 */
export const RECORD_SENT_FOR_MS = 9 * 60 * 1000;

/**
 * Settles a ledger claim with how the send went: sent; failed (a later run may try again); or skipped
 * for good (unreachable). The outcome's detail is a short code, never message text.
 *
 * A message Teams accepted must be recorded, or its claim would go stale and it would be sent twice, so
 * "sent" is retried through a storage outage; anything else may be lost, as the claim then goes stale
 * and the send is simply tried again.
 */
export async function recordDelivery(
  deps: { stores: { ledger: DeliveryLedger }; clock: Clock },
  scope: string,
  key: string,
  outcome: SendOutcome,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
): Promise<void> {
  const state = outcome.status === 'sent' ? 'sent' : outcome.status === 'failed' ? 'failed' : 'skipped';
  const detail = outcome.status === 'sent' ? 'sent' : outcome.detail;
  // Real elapsed time, not the plan's clock (which a test or CLOCK_START may hold still or move).
  const giveUpAt = Date.now() + RECORD_SENT_FOR_MS;
  for (let attempt = 0; ; attempt++) {
    try {
      await deps.stores.ledger.complete(scope, key, state, detail, deps.clock.now());
      return;
    } catch (error) {
      const retry = state === 'sent' && error instanceof UnavailableError && Date.now() < giveUpAt;
      if (!retry) throw error;
      await sleep(Math.min(10_000, 500 * 2 ** attempt));
    }
  }
}
