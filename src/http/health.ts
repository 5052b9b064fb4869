import type { Request, Response } from 'express';
import type { Stores } from '../usecases/ports';

const PING_TIMEOUT_MS = 3_000;

/** Liveness plus storage reachability: 503 when storage does not answer in time. */
export function healthHandler(stores: Stores) {
  return async (_req: Request, res: Response) => {
    const started = Date.now();
    try {
      await withTimeout(stores.ping(), PING_TIMEOUT_MS);
      res.json({ status: 'ok', storage: { reachable: true, latencyMs: Date.now() - started } });
    } catch {
      res.status(503).json({ status: 'degraded', storage: { reachable: false } });
    }
  };
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timed out')), ms);
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
