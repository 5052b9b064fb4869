import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Express, type NextFunction, type Request, type Response, type Router } from 'express';
import { correlationIdFrom, withCorrelation } from '../support/correlation';
import type { Logger } from '../support/logger';
import { isLoopbackHostHeader } from '../support/loopback';
import { redactedSignedLink } from '../support/signed-link-path';
import type { Stores } from '../usecases/ports/index';
import { aboutPages } from './about-pages';
import { sameMachineWritesOnly } from './cross-site';
import { livenessHandler, type Readiness, readinessHandler } from './health';

export interface HttpDeps {
  stores: Stores;
  logger: Logger;
  /** Routers mounted by other adapters, such as the bot's /api/messages. */
  routers?: Router[];
  /** What /readyz reports besides storage; absent in tests that run no scheduler. */
  readiness?: Readiness;
  /** No app id: nothing is authenticated, so only requests addressed to a loopback name are answered. */
  localMode?: boolean;
  /** An app id is set: served over HTTPS only, so browsers are told never to use plain HTTP. */
  production?: boolean;
}

export function createApp(deps: HttpDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  // Behind App Service's front end the client's address is the last hop it adds to X-Forwarded-For;
  // trusting that one hop gives rate limits the real address. Locally nothing is in front, and a
  // header a caller sets must never change who they appear to be.
  app.set('trust proxy', deps.production ? 1 : false);
  app.use(correlate(deps.logger));
  // Every answer, JSON errors included (404, 413, 500): a browser must never guess another type.
  app.use((_req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    next();
  });
  if (deps.localMode) app.use(loopbackHostOnly(), sameMachineWritesOnly());
  if (deps.production) {
    app.use((_req, res, next) => {
      res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
      next();
    });
  }
  app.get('/healthz', livenessHandler());
  app.get('/readyz', readinessHandler(deps.stores, deps.readiness));
  app.use(aboutPages());
  for (const router of deps.routers ?? []) app.use(router);
  app.use((_req, res) => {
    res.status(404).json({ error: 'Not found' });
  });
  // Last resort. A body that cannot be read (its charset, its compression) is the client's 4xx, said
  // plainly; anything else is a 500 without internals, and the route that failed has already logged
  // what it safely can.
  app.use((error: Error & { status?: number }, _req: Request, res: Response, _next: NextFunction) => {
    const unreadable = unreadableBody(error);
    if (unreadable) {
      deps.logger.warn(
        { err: { name: error.name, type: unreadable.type } },
        'request body could not be read',
      );
      if (!res.headersSent) res.status(unreadable.status).json({ error: unreadable.message });
      return;
    }
    deps.logger.error({ err: { name: error.name } }, 'unhandled HTTP error');
    if (!res.headersSent)
      res
        .status(error.status && error.status < 500 ? error.status : 500)
        .json({ error: 'Something went wrong' });
  });
  return app;
}

/**
 * body-parser's client errors, by their `type`; a failed decompression has none, only zlib's code
 * (Z_DATA_ERROR, or brotli's ERR__…). Express's 400 for an address it cannot decode is a URIError.
 */
function unreadableBody(
  error: Error & { status?: number; type?: string; code?: unknown },
): { status: number; type: string; message: string } | undefined {
  switch (error.type) {
    case 'charset.unsupported':
      return { status: 415, type: error.type, message: 'The body must be sent as UTF-8.' };
    case 'encoding.unsupported':
      return {
        status: 415,
        type: error.type,
        message: 'The body must be sent uncompressed, or compressed with gzip, deflate or br.',
      };
    case 'request.aborted':
    case 'request.size.invalid':
      return { status: 400, type: error.type, message: 'The body ended before its stated length.' };
  }
  if (error.status !== 400) return undefined;
  if (typeof error.code === 'string' && /^(Z_|ERR__)/.test(error.code))
    return { status: 400, type: 'decompression', message: 'The body could not be decompressed.' };
  if (error.name === 'URIError')
    return { status: 400, type: 'address', message: 'The address could not be decoded (a stray % sign?).' };
  return undefined;
}

/**
 * DNS rebinding lets a web page the developer visits point its own host name at 127.0.0.1 and then call
 * this server as "same origin"; the browser still sends the page's Host, so anything else is refused.
 */
function loopbackHostOnly() {
  return (req: Request, res: Response, next: NextFunction) => {
    if (isLoopbackHostHeader(req.headers.host)) return next();
    res.status(403).json({
      error:
        'Action Tracker in local mode only answers requests addressed to this machine (127.0.0.1, localhost or [::1]).',
    });
  };
}

/** Paths whose later segments are secrets (signed report and update links): logged without them. */
function loggablePath(path: string): string {
  return redactedSignedLink(path) ?? path.slice(0, 200);
}

/**
 * Gives each request a correlation id (the caller's X-Correlation-Id if sane, else a new one), echoes it,
 * and logs one line when it finishes: method, path (no query string, no link tokens), status, duration.
 */
function correlate(logger: Logger) {
  return (req: Request, res: Response, next: NextFunction) => {
    const correlationId = correlationIdFrom(req.headers['x-correlation-id'] ?? req.headers['x-request-id']);
    res.setHeader('X-Correlation-Id', correlationId);
    const started = process.hrtime.bigint();
    const correlation = { correlationId };
    res.on('finish', () => {
      withCorrelation(correlation, () => {
        const fields = {
          method: req.method,
          path: loggablePath(req.path),
          status: res.statusCode,
          durationMs: Number((process.hrtime.bigint() - started) / 1_000_000n),
        };
        if (res.statusCode >= 500) logger.error(fields, 'request failed');
        else if (req.path === '/healthz' || req.path === '/readyz') logger.debug(fields, 'request');
        else logger.info(fields, 'request');
      });
    });
    withCorrelation(correlation, next);
  };
}

export async function listen(
  app: Express,
  port: number,
  host: string,
): Promise<{ server: Server; url: string }> {
  const server = app.listen(port, host);
  await once(server, 'listening');
  const address = server.address() as AddressInfo;
  return { server, url: `http://${host.includes(':') ? `[${host}]` : host}:${address.port}` };
}
