/**
 * Report downloads from a card. A card can only open a URL, and a browser opening it carries no Teams
 * identity, so the link itself carries it: who asked, for which plan and format, until when, signed with
 * HMAC-SHA256. On use the person's role is checked again, so a link outlives no one's access. It is a
 * bearer link all the same: whoever holds it can open the report until it expires, and the card says so.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { Router as createRouter, type Router } from 'express';
import { decideForPlan } from '../domain/access-policy';
import { describeDenial } from '../domain/access-words';
import { NotAuthorisedError, NotFoundError, ValidationError } from '../domain/errors';
import type { Logger } from '../support/logger';
import type { AppLinks, Clock, Stores } from '../usecases/ports/index';
import { type ProgressReportFormat, REPORT_FORMATS } from '../usecases/reports/build-progress-report';
import { limitPerMinute, perAddress, type RateLimits, refuseAsPage } from './rate-limits';
import { sendProgressReport } from './send-report';

export const LINK_LIFETIME_MS = 24 * 60 * 60 * 1000;

interface LinkClaims {
  /** plan id */
  p: string;
  f: ProgressReportFormat;
  /** e-mail of the person the link was made for */
  e: string;
  /** round number, for a closed round's report */
  r?: number;
  /** expiry, ms since the epoch */
  x: number;
}

function sign(secret: Buffer, payload: string): string {
  return createHmac('sha256', secret).update(payload).digest('base64url');
}

export function appLinks(options: {
  secret: Buffer;
  baseUrl: string;
  clock: Clock;
  /** With an app id, the dashboard opens as the app's personal tab in Teams; without, as a web page. */
  appId?: string;
}): AppLinks {
  return {
    dashboardUrl: (planId) =>
      options.appId
        ? `https://teams.microsoft.com/l/entity/${options.appId}/dashboard?context=${encodeURIComponent(
            JSON.stringify({ subEntityId: planId }),
          )}`
        : `${options.baseUrl}/tab?plan=${encodeURIComponent(planId)}`,
    reportUrl: ({ planId, format, email, round }) => {
      const claims: LinkClaims = {
        p: planId,
        f: format,
        e: email,
        ...(round ? { r: round } : {}),
        x: options.clock.now().getTime() + LINK_LIFETIME_MS,
      };
      const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
      return `${options.baseUrl}/reports/${payload}.${sign(options.secret, payload)}`;
    },
  };
}

/** The claims of a genuine, unexpired link; undefined for anything else (never says which check failed). */
export function verifyReportLink(token: string, secret: Buffer, now: Date): LinkClaims | undefined {
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined || token.length > 2048) return undefined;
  const expected = Buffer.from(sign(secret, payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
  let claims: LinkClaims;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as LinkClaims;
  } catch {
    return undefined;
  }
  if (typeof claims.x !== 'number' || claims.x < now.getTime()) return undefined;
  if (typeof claims.p !== 'string' || typeof claims.e !== 'string') return undefined;
  if (!REPORT_FORMATS.includes(claims.f)) return undefined;
  return claims;
}

export function reportRouter(deps: {
  stores: Stores;
  clock: Clock;
  logger: Logger;
  secret: Buffer;
  /** Per address and per link (a link is one person's); unset, none (tests, bench). */
  limits?: RateLimits;
}): Router {
  const router = createRouter();
  const limiters = deps.limits
    ? [
        perAddress(deps.limits, refuseAsPage),
        limitPerMinute(
          deps.limits.perPersonPerMinute,
          (req) => createHash('sha256').update(String(req.params.token)).digest('base64url'),
          refuseAsPage,
        ),
      ]
    : [];
  router.get('/reports/:token', ...limiters, async (req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    const claims = verifyReportLink(String(req.params.token), deps.secret, deps.clock.now());
    if (!claims) {
      res
        .status(403)
        .type('text/plain')
        .send(
          'This report link has expired or is not valid. Ask Action Tracker for the report again ("report").',
        );
      return;
    }
    // The link was made for someone who could see the whole plan; the policy is asked again on use.
    const plan = await deps.stores.plans.get(claims.p);
    const decision = plan
      ? decideForPlan(plan.value, claims.e, 'see-whole-plan')
      : { allowed: false as const, reason: 'no-plan-role' as const };
    if (!decision.allowed) {
      res
        .status(403)
        .type('text/plain')
        .send(
          `You no longer have a role in this plan, so the report is not available. ${describeDenial(decision.reason, 'see-whole-plan').text}`,
        );
      return;
    }
    try {
      // The report is self-contained: inline styles only, no scripts, nothing fetched.
      res.setHeader(
        'Content-Security-Policy',
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
      );
      await sendProgressReport(res, deps.stores, {
        planId: claims.p,
        actor: claims.e,
        at: deps.clock.now(),
        format: claims.f,
        ...(claims.r ? { round: claims.r } : {}),
        disposition: claims.f === 'html' ? 'inline' : 'attachment',
      });
    } catch (error) {
      if (error instanceof NotFoundError || error instanceof ValidationError) {
        res.status(404).type('text/plain').send(error.message);
        return;
      }
      // The role went between the check above and the build: the same refusal.
      if (error instanceof NotAuthorisedError) {
        res.status(403).type('text/plain').send(error.message);
        return;
      }
      throw error;
    }
  });
  return router;
}
