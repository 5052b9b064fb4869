/**
 * The correlation id of the request (or scheduled job) being handled, carried through every await by
 * AsyncLocalStorage, so each log line of a request or a bot turn can be found together.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

export interface Correlation {
  correlationId: string;
  /** The Bot Framework activity being handled, once known. */
  activityId?: string;
  activityType?: string;
}

const storage = new AsyncLocalStorage<Correlation>();

export function currentCorrelation(): Correlation | undefined {
  return storage.getStore();
}

export function withCorrelation<T>(correlation: Correlation, work: () => T): T {
  return storage.run(correlation, work);
}

/** A caller's id if it is safe to echo and log (short, plain characters); otherwise a new one. */
export function correlationIdFrom(header: unknown): string {
  return typeof header === 'string' && /^[A-Za-z0-9._:-]{1,64}$/.test(header) ? header : randomUUID();
}
