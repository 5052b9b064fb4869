import type { Request, Response } from 'express';
import type { Stores } from '../usecases/ports';

const PING_TIMEOUT_MS = 3_000;

/** Liveness plus storage reachability: 503 when storage does not answer in time. */
export function healthHandler(stores: Stores) {
  return async (_req: Request, res: Response) => {
    const started = Date.now();
    try {
      // The SDK retries a refused connection for a long while; the probe must answer promptly.
      await stores.ping(AbortSignal.timeout(PING_TIMEOUT_MS));
      res.json({ status: 'ok', storage: { reachable: true, latencyMs: Date.now() - started } });
    } catch {
      res.status(503).json({ status: 'degraded', storage: { reachable: false } });
    }
  };
}
