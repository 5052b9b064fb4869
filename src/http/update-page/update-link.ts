/**
 * The link an e-mail's "Update action 2.1" button opens. A mail client carries no Teams identity, so the
 * link carries it: whose it is (e-mail), which plan and action, and until when, signed with HMAC-SHA256.
 * The key is derived from LINK_SIGNING_SECRET for this one purpose, so a report link's signature can
 * never pass as an update link's. Checking a link touches no storage: a forged, altered or expired one
 * is refused before anything is read.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { ITEM_ID_PATTERN, PLAN_ID_PATTERN } from '../../domain/validation';
import { normaliseEmail } from '../../usecases/access/access';

export const UPDATE_LINK_LIFETIME_MS = 21 * 24 * 60 * 60 * 1000;
const MAX_TOKEN_LENGTH = 1024;

export interface UpdateLinkClaims {
  /** e-mail address of the person the link was made for, lower case */
  e: string;
  /** plan id */
  p: string;
  /** action id */
  a: string;
  /** expiry, ms since the epoch */
  x: number;
}

/** Keys for this page only, derived from the app's link secret. */
export interface UpdatePageKeys {
  link: Buffer;
  form: Buffer;
}

export function updatePageKeys(linkSigningSecret: Buffer): UpdatePageKeys {
  const derive = (purpose: string) => createHmac('sha256', linkSigningSecret).update(purpose).digest();
  return {
    link: derive('action-tracker/email-update-link/v1'),
    form: derive('action-tracker/email-update-form/v1'),
  };
}

const sign = (key: Buffer, payload: string) => createHmac('sha256', key).update(payload).digest('base64url');

export function makeUpdateToken(
  keys: UpdatePageKeys,
  input: { email: string; planId: string; actionId: string },
  now: Date,
  /** The link never outlives the plan's monitoring: pass its closing instant when it has one. */
  notAfter?: Date,
): string {
  const expiry = Math.min(
    now.getTime() + UPDATE_LINK_LIFETIME_MS,
    notAfter ? notAfter.getTime() : Number.POSITIVE_INFINITY,
  );
  const claims: UpdateLinkClaims = {
    e: normaliseEmail(input.email),
    p: input.planId,
    a: input.actionId,
    x: expiry,
  };
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${payload}.${sign(keys.link, payload)}`;
}

export function updatePageUrl(baseUrl: string, token: string): string {
  return `${baseUrl}/update/${token}`;
}

/** The claims of a genuine, unexpired link; undefined for anything else (never says which check failed). */
export function verifyUpdateToken(
  keys: UpdatePageKeys,
  token: string,
  now: Date,
): UpdateLinkClaims | undefined {
  if (token.length > MAX_TOKEN_LENGTH) return undefined;
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined) return undefined;
  const expected = Buffer.from(sign(keys.link, payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
  let claims: Partial<UpdateLinkClaims>;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Partial<UpdateLinkClaims>;
  } catch {
    return undefined;
  }
  if (typeof claims.x !== 'number' || claims.x <= now.getTime()) return undefined;
  if (typeof claims.e !== 'string' || claims.e === '') return undefined;
  if (typeof claims.p !== 'string' || !PLAN_ID_PATTERN.test(claims.p)) return undefined;
  if (typeof claims.a !== 'string' || !ITEM_ID_PATTERN.test(claims.a)) return undefined;
  return claims as UpdateLinkClaims;
}

/**
 * The form's CSRF token: bound to this link and to a random value kept in a SameSite=Strict cookie, so
 * a page on another site can neither read nor forge it, and one link's form cannot post to another.
 */
export function formToken(keys: UpdatePageKeys, linkToken: string, cookieNonce: string): string {
  return sign(keys.form, `${linkToken}|${cookieNonce}`);
}

export function formTokenMatches(
  keys: UpdatePageKeys,
  linkToken: string,
  cookieNonce: string | undefined,
  given: unknown,
): boolean {
  if (!cookieNonce || typeof given !== 'string' || !/^[A-Za-z0-9_-]{16,64}$/.test(cookieNonce)) return false;
  const expected = Buffer.from(formToken(keys, linkToken, cookieNonce));
  const received = Buffer.from(given);
  return expected.length === received.length && timingSafeEqual(expected, received);
}
