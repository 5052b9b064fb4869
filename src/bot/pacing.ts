/**
 * Keeps outbound traffic under Teams' limits (50 requests/s per app per tenant, 7/s per conversation):
 * each key may have at most `limit` sends in any `windowMs`; callers over it wait their turn.
 */
export class SlidingWindowLimiter {
  private readonly sent = new Map<string, number[]>();

  /** How many keys are remembered (for tests: idle keys are forgotten). */
  get size(): number {
    return Math.max(this.sent.size, this.queues.size);
  }
  private readonly queues = new Map<string, Promise<void>>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  /** Resolves when a send for `key` may go; callers for one key are served in order. */
  acquire(key: string): Promise<void> {
    const previous = this.queues.get(key) ?? Promise.resolve();
    const turn = previous.then(() => this.waitForRoom(key));
    const settled = turn.catch(() => undefined);
    this.queues.set(key, settled);
    // Forget a key once its queue is empty and its window has passed, so memory does not grow with
    // every conversation ever contacted.
    void settled.then(() => {
      if (this.queues.get(key) !== settled) return;
      this.queues.delete(key);
      const timer = setTimeout(() => {
        const recent = (this.sent.get(key) ?? []).filter((t) => this.now() - t < this.windowMs);
        if (recent.length === 0 && !this.queues.has(key)) this.sent.delete(key);
      }, this.windowMs);
      timer.unref?.();
    });
    return turn;
  }

  private async waitForRoom(key: string): Promise<void> {
    for (;;) {
      const now = this.now();
      const recent = (this.sent.get(key) ?? []).filter((t) => now - t < this.windowMs);
      if (recent.length < this.limit) {
        recent.push(now);
        this.sent.set(key, recent);
        return;
      }
      await this.sleep(this.windowMs - (now - recent[0]!) + 1);
    }
  }
}

export interface RetryPolicy {
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, baseDelayMs: 500, maxDelayMs: 30_000 };

const RETRYABLE_STATUS = new Set([412, 429, 502, 503, 504]);
const RETRYABLE_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN']);

export function statusOf(error: unknown): number | undefined {
  return (error as { statusCode?: number } | undefined)?.statusCode;
}

export function isRetryable(error: unknown): boolean {
  const status = statusOf(error);
  if (status !== undefined) return RETRYABLE_STATUS.has(status);
  const code = (error as { code?: string } | undefined)?.code;
  return code !== undefined && RETRYABLE_CODES.has(code);
}

/** Seconds (or an HTTP date) from a Retry-After header, as milliseconds. */
export function retryAfterMs(error: unknown, now: number): number | undefined {
  const headers = (error as { response?: { headers?: { get(name: string): string | undefined } } })?.response
    ?.headers;
  const value = headers?.get('retry-after');
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Exponential back-off with jitter, or the server's Retry-After when it gives one. */
export function backoffMs(
  attempt: number,
  policy: RetryPolicy,
  error: unknown,
  random: () => number,
  now: number,
): number {
  const told = retryAfterMs(error, now);
  if (told !== undefined) return Math.min(told, policy.maxDelayMs);
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
