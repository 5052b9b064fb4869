import type { Clock, DeliveryLedger, SendOutcome } from './ports';

/**
 * Settles a ledger claim with how the send went: sent; failed (a later run may try again); or skipped
 * for good (unreachable). The outcome's detail is a short code, never message text.
 */
export async function recordDelivery(
  deps: { stores: { ledger: DeliveryLedger }; clock: Clock },
  scope: string,
  key: string,
  outcome: SendOutcome,
): Promise<void> {
  const state = outcome.status === 'sent' ? 'sent' : outcome.status === 'failed' ? 'failed' : 'skipped';
  await deps.stores.ledger.complete(
    scope,
    key,
    state,
    outcome.status === 'sent' ? 'sent' : outcome.detail,
    deps.clock.now(),
  );
}
