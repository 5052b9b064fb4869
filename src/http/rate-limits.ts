/**
 * Limits on how often one address, or one person, may call the app in a minute. Past the limit the
 * answer is a 429 with Retry-After, in the surface's own form: JSON for APIs, a short page for links.
 * Counters live in the process's memory: with two instances a caller gets at most twice the limit,
 * which is still a limit; the point is to stop a loop or a flood, not to meter anyone.
 */
import { isIP } from 'node:net';
import {
  Router as createRouter,
  type Request,
  type RequestHandler,
  type Response,
  type Router,
} from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';

export interface RateLimits {
  /** Requests a minute one person (Teams user, signed-in caller, report link) may make. */
  perPersonPerMinute: number;
  /** Requests a minute one client address may make to one surface. */
  perAddressPerMinute: number;
}

export type Refusal = (res: Response, retryAfterSeconds: number) => void;

export const refuseAsJson: Refusal = (res, seconds) => {
  res.status(429).json({ error: `Too many requests: try again in ${seconds} seconds.` });
};

export const refuseAsPage: Refusal = (res, seconds) => {
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Content-Security-Policy', "default-src 'none'; base-uri 'none'; frame-ancestors 'none'");
  res
    .status(429)
    .type('html')
    .send(
      `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>Too many requests</title></head><body><h1>Too many requests</h1><p>Please try again in ${seconds} seconds.</p></body></html>`,
    );
};

/**
 * A limiter keyed by `keyOf`; a request it gives no key (no person named) is not counted. Each limiter
 * has its own counters, so the same address is counted separately on each surface.
 */
export function limitPerMinute(
  limit: number,
  keyOf: (req: Request, res: Response) => string | undefined,
  refuse: Refusal,
): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    skip: (req, res) => keyOf(req, res) === undefined,
    keyGenerator: (req, res) => keyOf(req, res) ?? '',
    // Keys here are ours (addresses as express reports them, ids, link digests): no IPv6 subnet check.
    validate: { keyGeneratorIpFallback: false },
    handler: (req, res) => {
      const reset = (req as Request & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
      const seconds = Math.max(1, Math.ceil(((reset?.getTime() ?? Date.now() + 60_000) - Date.now()) / 1000));
      res.setHeader('Retry-After', String(seconds));
      refuse(res, seconds);
    },
  });
}

/**
 * The client's address: with `trust proxy` set (production, behind App Service) from X-Forwarded-For.
 * App Service writes the client's address with its source port (`203.0.113.5:40000`, `[2001:db8::5]:443`),
 * and the port changes with every connection: counted with it, no client would ever reach a limit. So
 * the port goes, and what is left must be an IP address; anything else is counted together as one.
 */
export function addressOf(req: Request): string {
  const ip = ipWithoutPort(req.ip ?? req.socket.remoteAddress ?? '');
  if (ip === undefined) return 'not-an-address';
  // An IPv6 client usually holds a whole /64 or more: counted as one address, as ipKeyGenerator does.
  return ipKeyGenerator(ip);
}

function ipWithoutPort(value: string): string | undefined {
  const text = value.trim();
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(text);
  const withPort = /^([^:]+):\d{1,5}$/.exec(text);
  const ip = bracketed?.[1] ?? withPort?.[1] ?? text;
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip)?.[1];
  if (mapped && isIP(mapped) === 4) return mapped;
  return isIP(ip) === 0 ? undefined : ip.toLowerCase();
}

/** Limits one address on a surface, answering as `refuse`. */
export function perAddress(limits: RateLimits, refuse: Refusal): RequestHandler {
  return limitPerMinute(limits.perAddressPerMinute, addressOf, refuse);
}

/**
 * /api/messages per address, before anything is parsed; the per-sender limit (`perTeamsSender`) runs
 * inside the bot's own route once it has parsed the activity, so the body is read and judged once.
 */
export function messagesLimits(limits: RateLimits): Router {
  return createRouter().post('/api/messages', perAddress(limits, refuseAsJson));
}

/** Per Teams user (`from.id`) on a parsed activity. */
export function perTeamsSender(limits: RateLimits): RequestHandler {
  return limitPerMinute(limits.perPersonPerMinute, (req) => teamsUserOf(req.body), refuseAsJson);
}

function teamsUserOf(body: unknown): string | undefined {
  const from = (body as { from?: { id?: unknown } } | undefined)?.from;
  return typeof from?.id === 'string' && from.id !== '' ? `teams:${from.id.slice(0, 256)}` : undefined;
}
