import type { Request, Response } from 'express';
import type { Stores } from '../usecases/ports/index';

const PING_TIMEOUT_MS = 3_000;

export interface SchedulerState {
  /** 'off' when this instance does not run sweeps (SCHEDULER=off): ready all the same. */
  state: 'running' | 'stopped' | 'stuck' | 'off';
  lastSweepAt?: string;
}

export interface Readiness {
  scheduler(): SchedulerState;
  /** Set once shutdown has begun: the load balancer should stop sending work here. */
  stopping(): boolean;
}

/** Liveness: the process answers. Storage trouble is readiness's business, not a reason to restart. */
export function livenessHandler(started: number = Date.now()) {
  return (_req: Request, res: Response) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json({ status: 'ok', uptimeSeconds: Math.round((Date.now() - started) / 1000) });
  };
}

/** Readiness: storage answers promptly, the scheduler (if this instance runs one) is running, not stopping. */
export function readinessHandler(stores: Stores, readiness?: Readiness) {
  return async (_req: Request, res: Response) => {
    res.setHeader('Cache-Control', 'no-store');
    const started = Date.now();
    let storage: { reachable: boolean; latencyMs?: number };
    try {
      // The SDK retries a refused connection for a while; the probe must answer promptly.
      await stores.ping(AbortSignal.timeout(PING_TIMEOUT_MS));
      storage = { reachable: true, latencyMs: Date.now() - started };
    } catch {
      storage = { reachable: false };
    }
    const scheduler = readiness?.scheduler() ?? { state: 'off' as const };
    const stopping = readiness?.stopping() ?? false;
    const ready =
      storage.reachable && (scheduler.state === 'running' || scheduler.state === 'off') && !stopping;
    res.status(ready ? 200 : 503).json({
      status: ready ? 'ready' : stopping ? 'stopping' : 'not ready',
      storage,
      scheduler,
    });
  };
}
