/**
 * Report links from a card. A card can only open a URL, so the link carries what was asked: for whom
 * (their e-mail), which plan and format, until when, signed with HMAC-SHA256. On its own that would be a
 * bearer link, readable by anyone it is forwarded to, so with an app id it is only half of what is needed:
 *
 * - The card's button is a Teams deep link into the app's personal tab (the same kind of link as the
 *   digest's "Open the dashboard"), with the signed link as the tab's sub-page. Teams opens it inside
 *   Teams on desktop, web and mobile, so the page gets Teams SSO (teams-js `getAuthToken`) silently, with
 *   no sign-in prompt and no second app registration. A plain https link would open a browser, where no
 *   Teams identity exists; Stage View could carry SSO too, but not on every client.
 * - The page (/tab/report) sends both to `POST /api/tab/report-link`: the Entra ID access token says who
 *   is asking, the signed link says what they asked for in chat, and the report is given only when the
 *   two name the same person and that person still has a role in the plan. The link stays the second
 *   factor: it expires after 24 hours, cannot be altered, and the role is asked again on every use, so
 *   taking someone's role away revokes every link they hold; changing LINK_SIGNING_SECRET revokes all.
 * - `/reports/<link>` then answers, with an app id, only that the link opens in Teams: a link alone, in a
 *   browser, gives nothing.
 *
 * Locally (no app id, loopback only) nobody is signed in anywhere, so the link downloads directly, as the
 * demo and the Agents Playground need; the card says so.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { Router as createRouter, type Response, type Router } from 'express';
import { describeDenial } from '../domain/access-words';
import { emailAddress } from '../domain/email-address';
import { NotAuthorisedError, NotFoundError, ValidationError } from '../domain/errors';
import type { Logger } from '../support/logger';
import { mayDoInPlan } from '../usecases/access/access';
import type { AppLinks, Clock, Stores } from '../usecases/ports/index';
import { type ProgressReportFormat, REPORT_FORMATS } from '../usecases/reports/build-progress-report';
import { limitPerMinute, perAddress, type RateLimits, refuseAsPage } from './rate-limits';
import { sendProgressReport } from './send-report';

export const LINK_LIFETIME_MS = 24 * 60 * 60 * 1000;

/**
 * The personal tab's sub-page that names a report link: the dashboard page hands it to /tab/report.
 * The page has its own copy of this prefix (browser code imports no server module); a test holds them together.
 */
export const REPORT_SUB_PAGE_PREFIX = 'report:';

export interface LinkClaims {
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
  /** With an app id, links open the app's personal tab in Teams; without, this server's pages. */
  appId?: string;
}): AppLinks {
  const { appId } = options;
  const personalTab = (appId: string, subEntityId: string) =>
    `https://teams.microsoft.com/l/entity/${appId}/dashboard?context=${encodeURIComponent(
      JSON.stringify({ subEntityId }),
    )}`;
  return {
    reportAccess: appId ? 'teams-sign-in' : 'local-direct',
    dashboardUrl: (planId) =>
      appId ? personalTab(appId, planId) : `${options.baseUrl}/tab?plan=${encodeURIComponent(planId)}`,
    reportUrl: ({ planId, format, email, round }) => {
      const claims: LinkClaims = {
        p: planId,
        f: format,
        e: email,
        ...(round ? { r: round } : {}),
        x: options.clock.now().getTime() + LINK_LIFETIME_MS,
      };
      const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
      const link = `${payload}.${sign(options.secret, payload)}`;
      return appId
        ? personalTab(appId, `${REPORT_SUB_PAGE_PREFIX}${link}`)
        : `${options.baseUrl}/reports/${link}`;
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

/** Why a report link gave nothing; each has one wording, the same on every surface. */
export type ReportLinkRefusal = 'invalid' | 'someone-else' | 'no-role';

export const REPORT_LINK_REFUSALS: Record<ReportLinkRefusal, string> = {
  invalid:
    'This report link has expired or is not valid. Ask Action Tracker for the report again ("report").',
  'someone-else':
    'This report link was made for someone else, so it does not open the report for you. If you need the report, ask Action Tracker for it yourself ("report").',
  // The same words whether the plan is gone or the role is: a refusal never tells which plans exist.
  'no-role': `You no longer have a role in this plan, so the report is not available. ${describeDenial('no-plan-role', 'see-whole-plan').text}`,
};

/** What /reports/<link> says with an app id, where a link alone gives nothing. */
export const OPEN_IN_TEAMS =
  'This report link opens only in Microsoft Teams, where you are signed in: press the button on Action Tracker’s report card in Teams, or ask Action Tracker for the report again ("report").';

/**
 * Whether `link` gives its report to `holder` (an e-mail): genuine and unexpired, made for them, and
 * they still see the whole plan (the access policy decides). Only then are the claims returned; nothing
 * is read for a link that is not genuine.
 */
export async function checkReportLink(
  stores: Stores,
  secret: Buffer,
  now: Date,
  link: string,
  holder: string,
): Promise<{ ok: true; claims: LinkClaims } | { ok: false; refusal: ReportLinkRefusal }> {
  const claims = verifyReportLink(link, secret, now);
  if (!claims) return { ok: false, refusal: 'invalid' };
  if (emailAddress(claims.e) !== emailAddress(holder)) return { ok: false, refusal: 'someone-else' };
  const plan = await stores.plans.get(claims.p);
  if (!plan || !mayDoInPlan({ email: claims.e }, plan.value, 'see-whole-plan'))
    return { ok: false, refusal: 'no-role' };
  return { ok: true, claims };
}

/** Security headers every report-link answer carries, the refusals too. */
function reportLinkHeaders(res: Response): void {
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Content-Type-Options', 'nosniff');
}

export function reportRouter(deps: {
  stores: Stores;
  clock: Clock;
  logger: Logger;
  secret: Buffer;
  /**
   * With an app id: a link opens the report only in Teams (see the top of this file), so here it is
   * refused, before anything is read. Without: it opens the report directly (local mode, loopback only).
   */
  teamsSignIn?: boolean;
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
  const refuse = (res: Response, text: string) => {
    res.setHeader('Content-Security-Policy', "default-src 'none'; base-uri 'none'; frame-ancestors 'none'");
    res.status(403).type('text/plain').send(text);
  };
  router.get('/reports/:token', ...limiters, async (req, res) => {
    reportLinkHeaders(res);
    if (deps.teamsSignIn) return refuse(res, OPEN_IN_TEAMS);
    const link = String(req.params.token);
    // Locally nobody is signed in: whoever opens the link stands for the person it was made for.
    const holder = verifyReportLink(link, deps.secret, deps.clock.now())?.e ?? '';
    const checked = await checkReportLink(deps.stores, deps.secret, deps.clock.now(), link, holder);
    if (!checked.ok) return refuse(res, REPORT_LINK_REFUSALS[checked.refusal]);
    const { claims } = checked;
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
      if (error instanceof NotAuthorisedError) return refuse(res, REPORT_LINK_REFUSALS['no-role']);
      throw error;
    }
  });
  return router;
}
