/**
 * Graceful shutdown on SIGINT/SIGTERM: stop accepting, give the work in flight a few seconds between
 * them and no more, close what is open, exit 0.
 */
import type { Server } from 'node:http';
import type { Logger } from '../support/logger';
import { stopTelemetry } from './telemetry';

/** App Service waits 30 s after SIGTERM before killing; requests in flight get a third of it. */
export const SHUTDOWN_GRACE_MS = 10_000;

export interface ShutdownPlan {
  server: Server;
  logger: Logger;
  /** Called first, once: readiness turns "stopping" and scheduled runs stop taking new work. */
  begin(): void;
  /** Work to wait for (requests, the scheduled run and its lease hand-over, sends under way). */
  inFlight(): Promise<unknown>[];
  /** After the work is done or cut off: storage and the like. */
  close(): Promise<void>;
  graceMs?: number;
}

export function shutDownOnSignals(plan: ShutdownPlan): void {
  let started = false;
  const shutdown = async (signal: string) => {
    if (started) return;
    started = true;
    plan.begin();
    plan.logger.info({ signal }, 'shutting down: no new work; finishing requests and sends in flight');
    // A send Teams never answers must not keep the process alive. What is cut off keeps its ledger claim,
    // which goes stale and is sent by the next instance.
    const graceMs = plan.graceMs ?? SHUTDOWN_GRACE_MS;
    const drained = new Promise<void>((resolve) => plan.server.close(() => resolve()));
    plan.server.closeIdleConnections();
    const finished = Promise.all([drained, ...plan.inFlight()]);
    const cutOff = await Promise.race([
      finished.then(() => false),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(true), graceMs).unref()),
    ]);
    if (cutOff) plan.logger.warn({ graceMs }, 'shutdown: work still running was cut off');
    plan.server.closeAllConnections();
    await plan.close();
    await stopTelemetry().catch(() => undefined);
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}
