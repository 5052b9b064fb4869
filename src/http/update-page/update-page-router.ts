/**
 * GET /update/:token shows an action and the card's forms; POST /update/:token records what a form sent.
 *
 * - Opening a link changes nothing: mail scanners (Defender Safe Links and the like) open every link in
 *   every e-mail. Only a form's POST records anything.
 * - A link that is forged, altered or expired is refused before storage is touched.
 * - Each form carries a CSRF token bound to the link and to a random value in a SameSite=Strict cookie.
 * - A genuine link made before the person's links were withdrawn (their link version moved on: by a
 *   coordinator, or by their removal as an owner) is refused on opening and on every save.
 * - At POST time the access policy decides again, so an owner who was replaced is refused.
 * - "Mark complete", a date request and a decision on one from a link more than a day old wait for a
 *   one-time code sent to the link's address (./link-code.ts); every other save goes through as before.
 * - A lead or coordinator (the "Please decide" e-mail's link) sees the pending request with Approve and
 *   Reject; the decision goes through the same use case as the Teams card's buttons and the dashboard's.
 * - Everything else (validation, stale versions, double submits, history, audit, announcements) is the
 *   card's use case, through ./submit-update.ts.
 */
import { createHash, randomBytes } from 'node:crypto';
import express, {
  Router as createRouter,
  type NextFunction,
  type Request,
  type Response,
  type Router,
} from 'express';
import { rateLimit } from 'express-rate-limit';
import type { Action } from '../../domain/action';
import { contactOf } from '../../domain/contributing-contacts';
import { formatUkDate } from '../../domain/dates';
import { endedCoverFor } from '../../domain/delegation';
import { UnavailableError } from '../../domain/errors';
import type { Plan } from '../../domain/plan';
import type { Logger } from '../../support/logger';
import {
  coverToday,
  type DenialReason,
  decideOnAction,
  planToday,
  type RequestTime,
  rightsOn,
} from '../../usecases/access/access';
import {
  answerMeasureCard,
  type MeasureCardOutcome,
  measureRequestView,
} from '../../usecases/measures/measure-card-action';
import type { MeasureRequestView } from '../../usecases/shared/measure-request-view';
import { PAGE_FORM_FIELDS } from '../../usecases/updates/update-form-inputs';
import { addressOf, limitPerMinute } from '../rate-limits';
import { type CodeCheck, type CodeSender, checkCode, codePurposeOf, needsCode } from './link-code';
import { type MeasureLinkClaims, measurePagePath, verifyMeasureToken } from './measure-link';
import { UPDATE_PAGE_CSS } from './page-styles';
import { renderMeasurePage } from './render-measure-page';
import {
  renderCodePage,
  renderExpiredLink,
  renderFreshLinkAsked,
  renderRefusal,
  renderUpdatePage,
} from './render-page';
import {
  actorIdOf,
  isDecisionVerb,
  isPageVerb,
  type LinkPerson,
  type PageVerb,
  type SubmitDeps,
  submitThroughCardUseCase,
  type UpdatePageOutcome,
} from './submit-update';
import {
  formToken,
  formTokenMatches,
  openUpdateToken,
  type UpdateLinkClaims,
  type UpdatePageKeys,
  verifyUpdateToken,
} from './update-link';

const COOKIE = 'at_update_form';
/** The decision form's own fields, beside the update forms' PAGE_FORM_FIELDS. */
const DECISION_FIELDS = ['requestId', 'comment'] as const;

export interface UpdatePageDeps extends SubmitDeps {
  logger: Logger;
  keys: UpdatePageKeys;
  /** Set the cookie Secure (https deployments); off for http://localhost. */
  secureCookies: boolean;
  /** Escalations and date requests to send once the answer is out, as the card and the tab do. */
  afterSave?: (planId: string, outcome: Extract<UpdatePageOutcome, { kind: 'page' }>) => void;
  /** Requests per link per 10 minutes; default 30. */
  perLinkLimit?: number;
  /** Requests a minute from one client address; unset, no address limit (tests). */
  perAddressPerMinute?: number;
  /** Sends a one-time code to the link's address (the e-mail channel); unset, such saves cannot be confirmed. */
  sendCode?: CodeSender;
  /** E-mails a fresh link to an expired link's own address (the e-mail channel); unset, none is sent. */
  sendFreshLink?: FreshLinkSender;
  /** Fresh links one e-mail address may be sent in an hour; default 3. */
  freshLinksPerEmailPerHour?: number;
  /** Fresh links one client address may ask for in an hour; default 20. */
  freshLinksPerAddressPerHour?: number;
}

/** Sends a fresh update link for the action to `email`; false when it could not be sent. */
export type FreshLinkSender = (email: string, found: { plan: Plan; action: Action }) => Promise<boolean>;

const SECURITY_HEADERS: Record<string, string> = {
  'Cache-Control': 'no-store',
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Content-Security-Policy':
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
};

// Said to someone who did nothing wrong: their links were withdrawn (a forwarded mail, a change of owner).
const WITHDRAWN = {
  title: 'This link has been withdrawn',
  text: 'The update links sent to your address before a certain date have been withdrawn, so this one no longer works. Nothing was saved. Please ask for a new one: the plan’s coordinators can send it, and your next reminder e-mail will have a working link.',
};

const BAD_LINK = {
  title: 'This link has expired or is not valid',
  text: 'Update links work only as they were sent. Use the button in your latest reminder e-mail, or ask the plan’s coordinators to send a new one.',
};

export function updatePageRouter(deps: UpdatePageDeps): Router {
  const router = createRouter();
  const limiter = rateLimit({
    windowMs: 10 * 60 * 1000,
    limit: deps.perLinkLimit ?? 30,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    // Per link, not per address: people behind one council proxy share an address.
    keyGenerator: (req) => createHash('sha256').update(String(req.params.token)).digest('base64url'),
    handler: (_req, res) => {
      secure(res);
      res
        .status(429)
        .type('html')
        .send(
          renderRefusal(
            'Too many attempts',
            'Please wait ten minutes, then open the link from your e-mail again.',
          ),
        );
    },
  });

  // Per address as well: one address trying many links (guessing, or a scanner gone wild) is stopped too.
  const addressLimiter =
    deps.perAddressPerMinute === undefined
      ? []
      : [
          limitPerMinute(deps.perAddressPerMinute, addressOf, (res, seconds) => {
            secure(res);
            res
              .status(429)
              .type('html')
              .send(renderRefusal('Too many requests', `Please try again in ${seconds} seconds.`));
          }),
        ];

  // A measure request's link (./measure-link.ts): its own routes, behind the same limits.
  measurePageRoutes(router, deps, [...addressLimiter, limiter]);

  router.get('/update-page.css', (_req, res) => {
    res.setHeader('Cache-Control', 'public, max-age=3600');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.type('text/css').send(UPDATE_PAGE_CSS);
  });

  router.get(
    '/update/:token',
    ...addressLimiter,
    limiter,
    guarded(async (req, res) => {
      secure(res);
      const token = String(req.params.token);
      const claims = verifyUpdateToken(deps.keys, token, deps.clock.now());
      if (!claims) return notValid(req, res, token);
      if (await withdrawn(deps, claims)) return refuse(res, 403, WITHDRAWN.title, WITHDRAWN.text);
      const found = await load(deps, claims);
      if (!found)
        return refuse(res, 404, `Action ${claims.a} is no longer in the plan`, askCoordinators(undefined));
      const decision = decideOnAction(deps.clock, { email: claims.e }, found.plan, found.action, 'see');
      if (!decision.allowed)
        return refuse(res, 403, ...denial(decision.reason, found.plan, found.action, claims.e, deps.clock));
      const outcome = await submitThroughCardUseCase(
        deps,
        personOf(deps.clock, found, claims.e),
        'action.refresh',
        {
          planId: claims.p,
          actionId: claims.a,
        },
      );
      page(req, res, token, claims.e, found, outcome);
    }),
  );

  router.post(
    '/update/:token',
    ...addressLimiter,
    limiter,
    express.urlencoded({ extended: false, limit: '32kb', parameterLimit: 20 }),
    guarded(async (req, res) => {
      secure(res);
      const token = String(req.params.token);
      const claims = verifyUpdateToken(deps.keys, token, deps.clock.now());
      if (!claims) return notValid(req, res, token);
      const body = (req.body ?? {}) as Record<string, unknown>;
      if (!formTokenMatches(deps.keys, token, cookieOf(req), body.csrf)) {
        return refuse(
          res,
          403,
          'This form has expired',
          'Nothing was saved. Open the link from your e-mail again and resubmit the form.',
        );
      }
      const verb = body.verb;
      if (!isPageVerb(verb) || verb === 'action.refresh')
        return refuse(
          res,
          400,
          'This form is not recognised',
          'Nothing was saved. Open the link from your e-mail again.',
        );
      if (await withdrawn(deps, claims)) return refuse(res, 403, WITHDRAWN.title, WITHDRAWN.text);
      const found = await load(deps, claims);
      if (!found)
        return refuse(res, 404, `Action ${claims.a} is no longer in the plan`, askCoordinators(undefined));
      const deciding = isDecisionVerb(verb);
      const decision = decideOnAction(
        deps.clock,
        { email: claims.e },
        found.plan,
        found.action,
        verb === 'action.snooze'
          ? 'snooze'
          : deciding
            ? 'decide-date'
            : verb === 'action.note'
              ? 'add-note'
              : 'update',
      );
      if (!decision.allowed)
        return refuse(
          res,
          403,
          ...(deciding && decision.reason !== 'plan-closed' && decision.reason !== 'action-closed'
            ? decisionDenial(found.plan, found.action)
            : denial(decision.reason, found.plan, found.action, claims.e, deps.clock)),
        );
      const data: Record<string, unknown> = {
        planId: claims.p,
        actionId: claims.a,
        version: String(body.version ?? ''),
      };
      for (const name of PAGE_FORM_FIELDS) if (typeof body[name] === 'string') data[name] = body[name];
      // A decision names the request it was drawn for (so a second decision is told of the first) and
      // may carry a comment for the requester.
      if (deciding)
        for (const name of DECISION_FIELDS) if (typeof body[name] === 'string') data[name] = body[name];
      // A contributing agency's contact's note (the only form their page shows).
      if (verb === 'action.note' && typeof body.contributionNote === 'string')
        data.contributionNote = body.contributionNote;
      if (needsCode(verb, claims, deps.clock.now())) {
        const check = await checkCode(
          { keys: deps.keys, contacts: deps.stores.contacts, sendCode: deps.sendCode },
          {
            token,
            claims,
            plan: found.plan,
            verb,
            given: typeof body.code === 'string' ? body.code : undefined,
            resend: body.resend === '1',
            now: deps.clock.now(),
          },
        );
        // What happened, never the code.
        deps.logger.info(
          { planId: claims.p, actionId: claims.a, verb, code: check.kind },
          'update page code',
        );
        if (check.kind !== 'confirmed')
          return askForCode(req, res, token, found.plan, claims.a, verb, data, check);
      }
      const outcome = await submitThroughCardUseCase(deps, personOf(deps.clock, found, claims.e), verb, data);
      if (outcome.kind === 'page' && outcome.saved && outcome.announcements.length > 0)
        deps.afterSave?.(claims.p, outcome);
      deps.logger.info(
        { planId: claims.p, actionId: claims.a, verb, saved: outcome.kind === 'page' && outcome.saved },
        'update page submitted',
      );
      page(req, res, token, claims.e, found, outcome, verb);
    }),
  );

  // Issue 20: an expired link offers a fresh one, sent to its own address.
  router.post(
    '/update/:token/renew',
    ...addressLimiter,
    limiter,
    ...freshLinkLimiters(deps),
    express.urlencoded({ extended: false, limit: '4kb', parameterLimit: 5 }),
    guarded(async (req, res) => {
      secure(res);
      const token = String(req.params.token);
      const claims = openUpdateToken(deps.keys, token);
      if (!claims) return refuse(res, 403, BAD_LINK.title, BAD_LINK.text);
      const body = (req.body ?? {}) as Record<string, unknown>;
      if (!formTokenMatches(deps.keys, token, cookieOf(req), body.csrf))
        return refuse(
          res,
          403,
          'This form has expired',
          'No link was sent. Open the link from your e-mail again and press "Send me a new link".',
        );
      // A withdrawn link never brings a working one: that is what withdrawing it was for.
      if (await withdrawn(deps, claims)) return refuse(res, 403, WITHDRAWN.title, WITHDRAWN.text);
      const sent = await sendFreshLink(deps, claims);
      deps.logger.info({ planId: claims.p, actionId: claims.a, freshLink: sent }, 'update page fresh link');
      res.status(200).type('html').send(renderFreshLinkAsked());
    }),
  );

  /** Forged, altered or malformed: refused as ever. Genuine but expired: the offer of a fresh one. */
  function notValid(req: Request, res: Response, token: string): void {
    if (!openUpdateToken(deps.keys, token)) {
      refuse(res, 403, BAD_LINK.title, BAD_LINK.text);
      return;
    }
    // Nothing read from storage: the address and whether it may still act are checked when asked.
    const nonce = formNonce(req, res, deps.secureCookies);
    res
      .status(403)
      .type('html')
      .send(
        renderExpiredLink({
          postPath: `/update/${token}/renew`,
          csrf: formToken(deps.keys, token, nonce),
        }),
      );
  }

  function askForCode(
    req: Request,
    res: Response,
    token: string,
    plan: Plan,
    actionId: string,
    verb: PageVerb,
    data: Record<string, unknown>,
    check: Exclude<CodeCheck, { kind: 'confirmed' }>,
  ): void {
    if (check.kind === 'not-sent') {
      refuse(
        res,
        503,
        'We could not send your code',
        'Nothing was saved. Please try again in a few minutes, from the same link.',
      );
      return;
    }
    const carried: Record<string, string> = { verb };
    for (const [name, value] of Object.entries(data))
      if (name !== 'planId' && name !== 'actionId' && typeof value === 'string') carried[name] = value;
    const said = codeWords(check);
    res
      .status(said.status)
      .type('html')
      .send(
        renderCodePage({
          actionId,
          planTitle: plan.title,
          what: codePurposeOf(verb) ?? 'complete',
          postPath: `/update/${token}`,
          // The POST that got here had the cookie: the code's form is bound to it as every form is.
          csrf: formToken(deps.keys, token, cookieOf(req) ?? ''),
          carried,
          message: said.message,
          ...(said.error ? { error: said.error } : {}),
        }),
      );
  }

  function page(
    req: Request,
    res: Response,
    token: string,
    email: string,
    found: { plan: Plan; action: Action },
    outcome: UpdatePageOutcome,
    submitted?: PageVerb,
  ): void {
    if (outcome.kind === 'refused') {
      refuse(res, 403, outcome.title, outcome.text);
      return;
    }
    const nonce = formNonce(req, res, deps.secureCookies);
    const { view } = outcome;
    const rights = rightsOn(deps.clock, { email }, view.plan, view.action);
    const status = submitted && view.errors && view.errors.length > 0 ? 422 : 200;
    res
      .status(status)
      .type('html')
      .send(
        renderUpdatePage({
          view,
          actingAs: actingAs(found.plan, found.action, email, deps.clock),
          postPath: `/update/${token}`,
          csrf: formToken(deps.keys, token, nonce),
          canUpdate: rights.update,
          canSnooze: rights.snooze,
          canDecide: rights['decide-date'],
          ...(submitted ? { submitted } : {}),
        }),
      );
  }

  return router;
}

/**
 * GET and POST /update/measure/:token: a measure request's page. As the action page: opening changes
 * nothing, a forged, altered or expired link is refused before storage is read, a withdrawn link is
 * refused, the form carries the CSRF token bound to the link and the cookie, and the use case decides
 * access again on every post (recordMeasureValue, the one behind the card and the dashboard too).
 */
function measurePageRoutes(
  router: Router,
  deps: UpdatePageDeps,
  limits: ((req: Request, res: Response, next: NextFunction) => void)[],
): void {
  const badLink = (res: Response) =>
    refuse(
      res,
      403,
      'This link has expired or is not valid',
      'Measure links work only as they were sent. Use the button in your latest e-mail asking for the value, or ask the plan’s coordinators.',
    );
  const actorOf = (claims: MeasureLinkClaims) => ({
    aadObjectId: actorIdOf(claims.e),
    name: claims.e,
    email: claims.e,
  });

  router.get(
    '/update/measure/:token',
    ...limits,
    guarded(async (req, res) => {
      secure(res);
      const token = String(req.params.token);
      const claims = verifyMeasureToken(deps.keys, token, deps.clock.now());
      if (!claims) return badLink(res);
      if (await withdrawn(deps, claims)) return refuse(res, 403, WITHDRAWN.title, WITHDRAWN.text);
      const view = await measureRequestView(deps, actorOf(claims), claims.p, claims.m);
      if (!view) return refuse(res, 404, `Measure ${claims.m} is not there`, askCoordinators(undefined));
      measurePage(req, res, token, claims, 200, view);
    }),
  );

  router.post(
    '/update/measure/:token',
    ...limits,
    express.urlencoded({ extended: false, limit: '8kb', parameterLimit: 10 }),
    guarded(async (req, res) => {
      secure(res);
      const token = String(req.params.token);
      const claims = verifyMeasureToken(deps.keys, token, deps.clock.now());
      if (!claims) return badLink(res);
      const body = (req.body ?? {}) as Record<string, unknown>;
      if (!formTokenMatches(deps.keys, token, cookieOf(req), body.csrf))
        return refuse(
          res,
          403,
          'This form has expired',
          'Nothing was saved. Open the link from your e-mail again and resubmit the form.',
        );
      if (await withdrawn(deps, claims)) return refuse(res, 403, WITHDRAWN.title, WITHDRAWN.text);
      const data: Record<string, unknown> = { planId: claims.p, measureId: claims.m };
      for (const name of ['value', 'period', 'note'])
        if (typeof body[name] === 'string') data[name] = body[name];
      const outcome = await answerMeasureCard(deps, actorOf(claims), 'measure.value', data);
      deps.logger.info(
        { planId: claims.p, measureId: claims.m, saved: outcome.kind === 'saved' },
        'measure page submitted',
      );
      measureAnswer(req, res, token, claims, outcome);
    }),
  );

  function measureAnswer(
    req: Request,
    res: Response,
    token: string,
    claims: MeasureLinkClaims,
    outcome: MeasureCardOutcome,
  ): void {
    switch (outcome.kind) {
      case 'incomplete':
      case 'not-found':
        refuse(res, 404, `Measure ${claims.m} is not there`, askCoordinators(undefined));
        return;
      case 'saved':
        measurePage(req, res, token, claims, 200, outcome.view);
        return;
      case 'invalid':
        measurePage(req, res, token, claims, 422, outcome.view);
        return;
      case 'forbidden':
        measurePage(req, res, token, claims, 403, {
          ...outcome.view,
          refusal:
            outcome.reason === 'plan-closed'
              ? 'Monitoring of this plan has ended, so values are no longer recorded. Nothing was saved.'
              : 'This link was sent to you as the measure’s reporter, but its reporter has changed since, so it no longer lets you record values. Nothing was saved.',
        });
        return;
      default: {
        const never: never = outcome;
        throw new Error(`Unknown outcome ${String(never)}`);
      }
    }
  }

  function measurePage(
    req: Request,
    res: Response,
    token: string,
    claims: MeasureLinkClaims,
    status: number,
    view: MeasureRequestView,
  ): void {
    const nonce = formNonce(req, res, deps.secureCookies);
    const reporter = view.measure.reporter === claims.e;
    res
      .status(status)
      .type('html')
      .send(
        renderMeasurePage({
          view,
          actingAs: reporter ? `${claims.e}, its reporter` : claims.e,
          postPath: measurePagePath(token),
          csrf: formToken(deps.keys, token, nonce),
        }),
      );
  }
}

/** Storage that does not answer becomes a page saying so; nothing is half-written (the use case's promise). */
function guarded(handler: (req: Request, res: Response) => Promise<void>) {
  return (req: Request, res: Response, next: NextFunction) => {
    handler(req, res).catch((error: unknown) => {
      if (error instanceof UnavailableError && !res.headersSent) {
        refuse(
          res,
          503,
          'Action Tracker is temporarily unavailable',
          'Nothing was saved. Please try again in a few minutes, from the same link.',
        );
        return;
      }
      next(error);
    });
  };
}

function secure(res: Response): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
}

function refuse(res: Response, status: number, title: string, text: string): void {
  res.status(status).type('html').send(renderRefusal(title, text));
}

/** What the code step says: that a code was sent, or why the one given was not taken. */
function codeWords(check: Exclude<CodeCheck, { kind: 'confirmed' | 'not-sent' }>): {
  status: number;
  message: string;
  error?: string;
} {
  switch (check.kind) {
    case 'asked':
      return {
        status: 200,
        message: check.resent
          ? 'We have sent a 6-digit code to the address this link was made for.'
          : 'We have already sent a 6-digit code to the address this link was made for; it still works.',
      };
    case 'wrong':
      return {
        status: 422,
        message: 'Nothing was saved.',
        error: `That code is not right. ${check.triesLeft} ${check.triesLeft === 1 ? 'try' : 'tries'} left.`,
      };
    case 'spent':
      return {
        status: 422,
        message: 'Nothing was saved.',
        error: 'That code has expired or has been used up. Send a new code and enter that one.',
      };
    default: {
      const never: never = check;
      throw new Error(`Unknown code check ${String(never)}`);
    }
  }
}

/**
 * Fresh links are mail sent at a stranger's request: a few an hour per e-mail address (so nobody's inbox
 * is flooded through a link they were sent) and per client address (so nobody works through many links).
 */
function freshLinkLimiters(deps: UpdatePageDeps) {
  const tooMany = (_req: Request, res: Response) => {
    secure(res);
    res
      .status(429)
      .type('html')
      .send(renderRefusal('Too many new links asked for', 'Please wait an hour, then ask again.'));
  };
  const hourly = (limit: number, key: (req: Request) => string | undefined) =>
    rateLimit({
      windowMs: 60 * 60 * 1000,
      limit,
      standardHeaders: 'draft-7',
      legacyHeaders: false,
      skip: (req) => key(req) === undefined,
      keyGenerator: (req) => key(req) ?? '',
      validate: { keyGeneratorIpFallback: false },
      handler: tooMany,
    });
  return [
    hourly(deps.freshLinksPerEmailPerHour ?? 3, (req) => {
      const claims = openUpdateToken(deps.keys, String(req.params.token));
      return claims ? createHash('sha256').update(claims.e).digest('base64url') : undefined;
    }),
    hourly(deps.freshLinksPerAddressPerHour ?? 20, addressOf),
  ];
}

/**
 * Sends the fresh link when the action is still there and the person may still see it; whatever happens,
 * the page says the same, so it tells nobody whether the address can still act.
 */
async function sendFreshLink(deps: UpdatePageDeps, claims: UpdateLinkClaims): Promise<string> {
  if (!deps.sendFreshLink) return 'no-channel';
  const found = await load(deps, claims);
  if (!found) return 'no-action';
  if (!decideOnAction(deps.clock, { email: claims.e }, found.plan, found.action, 'see').allowed)
    return 'not-allowed';
  return (await deps.sendFreshLink(claims.e, found)) ? 'sent' : 'not-sent';
}

/** A genuine link made before the person's links were last withdrawn. */
async function withdrawn(deps: SubmitDeps, claims: Pick<UpdateLinkClaims, 'e' | 'v'>): Promise<boolean> {
  const { version } = await deps.stores.contacts.linkState(claims.e);
  return version !== claims.v;
}

async function load(
  deps: SubmitDeps,
  claims: UpdateLinkClaims,
): Promise<{ plan: Plan; action: Action } | undefined> {
  const plan = (await deps.stores.plans.get(claims.p))?.value;
  const action = plan ? (await deps.stores.actions.get(claims.p, claims.a))?.value : undefined;
  return plan && action ? { plan, action } : undefined;
}

function cookieOf(req: Request): string | undefined {
  const header = req.headers.cookie ?? '';
  for (const part of header.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === COOKIE) return rest.join('=') || undefined;
  }
  return undefined;
}

function personOf(at: RequestTime, found: { plan: Plan; action: Action }, email: string): LinkPerson {
  const owner = found.action.owners.find((o) => o.email.toLowerCase() === email);
  const cover = owner ? undefined : coverToday(at, { email }, found.plan, found.action);
  const contact = owner || cover ? undefined : contactOf(found.action, email);
  return { email, name: owner?.name ?? cover?.delegateName ?? contact?.name ?? email };
}

/**
 * "Jo Bloggs, Police" for an owner; "Sam Cover, covering for Jo Bloggs" for their delegate while the
 * cover lasts; the address and the role for a coordinator.
 */
export function actingAs(plan: Plan, action: Action, email: string, at: RequestTime): string {
  const owner = action.owners.find((o) => o.email.toLowerCase() === email);
  if (owner) return `${owner.name}, ${action.leadAgency}`;
  const cover = coverToday(at, { email }, plan, action);
  if (cover) return `${cover.delegateName}, covering for ${cover.owner.name}`;
  const contact = contactOf(action, email);
  if (contact) return `${contact.name}, contributing for ${contact.agency}`;
  if (plan.coordinators.includes(email)) return `${email}, coordinator of ${plan.title}`;
  if (plan.leads.includes(email)) return `${email}, lead for ${plan.title}`;
  return email;
}

function askCoordinators(plan: Plan | undefined): string {
  return plan && plan.coordinators.length > 0
    ? `If you think this is wrong, ask the plan’s coordinators: ${plan.coordinators.join(', ')}.`
    : 'If you think this is wrong, ask your partnership business manager.';
}

/** A link whose holder may see the action but not decide on its dates (an owner's link, a lead no more). */
function decisionDenial(plan: Plan, action: Action): [string, string] {
  return [
    `You cannot decide on a new date for action ${action.id}`,
    `Only the plan’s leads and coordinators approve or reject new due dates, and this link’s address is not one of them now. Nothing was saved. ${askCoordinators(plan)}`,
  ];
}

function denial(
  reason: DenialReason,
  plan: Plan,
  action: Action,
  email: string,
  clock: RequestTime,
): [string, string] {
  // A delegate's link outlives their cover: say that it was the cover that ended, and whose it was.
  const ended =
    reason === 'not-involved' || reason === 'not-owner-or-coordinator'
      ? endedCoverFor(plan.delegations, action.owners, email, planToday(plan, clock))
      : undefined;
  if (ended) {
    const owner = action.owners.find((o) => o.email === ended.owner)?.name ?? ended.owner;
    return [
      `Your cover for ${owner} has ended`,
      `You covered for ${owner} until ${formatUkDate(ended.to)}, so this link no longer lets you update action ${action.id}: it is theirs again. Nothing was saved. ${askCoordinators(plan)}`,
    ];
  }
  switch (reason) {
    case 'not-involved':
    case 'not-owner-or-coordinator':
    case 'contributor-notes-only':
    case 'not-lead-or-coordinator':
    case 'no-plan-role':
    case 'not-coordinator':
    case 'not-plan-creator':
    case 'not-reporter-or-coordinator':
    case 'not-moderator-or-coordinator':
      return [
        `You are no longer an owner of action ${action.id}`,
        `This link was sent to you as an owner, but the action’s owners have changed since, so it no longer lets you update the action. Nothing was saved. ${askCoordinators(plan)}`,
      ];
    case 'plan-closed':
      return [
        'This plan is closed',
        `Monitoring of ${plan.title} has ended, so its actions can no longer be changed. Nothing was saved.`,
      ];
    case 'action-closed':
      return [
        `Action ${action.id} is closed`,
        `It is no longer open, so it is not updated from here. Nothing was saved. ${askCoordinators(plan)}`,
      ];
    default: {
      const never: never = reason;
      throw new Error(`Unknown reason ${String(never)}`);
    }
  }
}

/**
 * The browser's half of the form protection: the SameSite=Strict cookie the page's forms are bound to,
 * kept if the browser has one already (so two open pages stay valid), made otherwise.
 */
function formNonce(req: Request, res: Response, secure: boolean): string {
  const nonce = cookieOf(req) ?? randomBytes(18).toString('base64url');
  res.cookie(COOKIE, nonce, {
    httpOnly: true,
    sameSite: 'strict',
    secure,
    path: '/update',
    maxAge: 12 * 60 * 60 * 1000,
  });
  return nonce;
}
