/**
 * The link an e-mail's "Update action 2.1" button opens. A mail client carries no Teams identity, so the
 * link carries it: whose it is (e-mail), which plan and action, until when, when it was made, and the
 * person's link version at that moment (so a coordinator can withdraw every link sent to one address).
 *
 * Why an encrypted token and not a random id kept in storage: a forged, altered or expired link must be
 * refused before anything is read (a stored id needs a read for every guess), the e-mail channel makes
 * links in bulk during a sweep without a write per link, and issue 20's "send a fresh one to the address
 * it was made for" needs the address back from an expired link, which only the server can read. So the
 * claims are sealed with AES-256-GCM (authenticated encryption: the tag refuses any altered byte) under a
 * key derived by HKDF from LINK_SIGNING_SECRET for this one purpose: a report link's key never opens an
 * update link, and the token shows neither the address nor the action to whoever holds the mail. One
 * base64url part of about 180 characters: URL-safe and short enough for every mail client.
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { DEFAULT_LINK_DAYS } from '../../domain/link-lifetime';
import { ITEM_ID_PATTERN, PLAN_ID_PATTERN } from '../../domain/validation';
import { normaliseEmail } from '../../usecases/access/access';

/** A link made without a purpose (domain/link-lifetime.ts says how long one with a purpose lives). */
export const UPDATE_LINK_LIFETIME_MS = DEFAULT_LINK_DAYS * 24 * 60 * 60 * 1000;
const MAX_TOKEN_LENGTH = 1024;
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** Bound into every token, so a token of another format or purpose never opens. */
const TOKEN_AAD = Buffer.from('action-tracker/email-update-link/v2');

export interface UpdateLinkClaims {
  /** e-mail address of the person the link was made for, lower case */
  e: string;
  /** plan id */
  p: string;
  /** action id */
  a: string;
  /** expiry, ms since the epoch */
  x: number;
  /** when the link was made, ms since the epoch (a link older than a day asks for a code to complete) */
  i: number;
  /** the person's link version when it was made; a coordinator's revocation moves it on */
  v: number;
}

/** Keys for this page only, derived from the app's link secret. */
export interface UpdatePageKeys {
  link: Buffer;
  /** Makes each token's nonce from its claims (see makeUpdateToken). */
  nonce: Buffer;
  form: Buffer;
  code: Buffer;
  /** A measure link's own key and nonce key (./measure-link.ts): neither link kind ever opens as the other. */
  measureLink: Buffer;
  measureNonce: Buffer;
}

export function updatePageKeys(linkSigningSecret: Buffer): UpdatePageKeys {
  const derive = (purpose: string) => createHmac('sha256', linkSigningSecret).update(purpose).digest();
  const hkdf = (purpose: string) =>
    Buffer.from(
      hkdfSync('sha256', linkSigningSecret, Buffer.from('action-tracker'), Buffer.from(purpose), 32),
    );
  return {
    link: hkdf('action-tracker/email-update-link/aes-256-gcm/v2'),
    nonce: hkdf('action-tracker/email-update-link/nonce/v2'),
    form: derive('action-tracker/email-update-form/v1'),
    code: derive('action-tracker/email-update-code/v1'),
    measureLink: hkdf('action-tracker/email-measure-link/aes-256-gcm/v1'),
    measureNonce: hkdf('action-tracker/email-measure-link/nonce/v1'),
  };
}

const sign = (key: Buffer, payload: string) => createHmac('sha256', key).update(payload).digest('base64url');

export function makeUpdateToken(
  keys: UpdatePageKeys,
  input: { email: string; planId: string; actionId: string; linkVersion?: number },
  now: Date,
  /** When it stops working (domain/link-lifetime.ts's linkExpiry); unset, 21 days from now. */
  expiresAt?: Date,
): string {
  const expiry = expiresAt ? expiresAt.getTime() : now.getTime() + UPDATE_LINK_LIFETIME_MS;
  const claims: UpdateLinkClaims = {
    e: normaliseEmail(input.email),
    p: input.planId,
    a: input.actionId,
    x: expiry,
    i: now.getTime(),
    v: input.linkVersion ?? 0,
  };
  // A synthetic nonce (a keyed hash of the claims, as in SIV): the same claims make the same link, as
  // they always have, and two different claims share a nonce only by a 96-bit collision, so GCM's
  // one rule (never one nonce for two messages) holds without a counter kept anywhere.
  const plain = JSON.stringify(claims);
  const iv = createHmac('sha256', keys.nonce).update(plain).digest().subarray(0, IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', keys.link, iv);
  cipher.setAAD(TOKEN_AAD);
  const sealed = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, sealed, cipher.getAuthTag()]).toString('base64url');
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
  const claims = openUpdateToken(keys, token);
  return claims && claims.x > now.getTime() ? claims : undefined;
}

/**
 * The claims of a genuine link, expired or not: only the server can read them, so an expired link can
 * still say whom it was made for, and a fresh one goes to that address and no other. Undefined for a
 * forged, altered or malformed token.
 */
export function openUpdateToken(keys: UpdatePageKeys, token: string): UpdateLinkClaims | undefined {
  if (token.length > MAX_TOKEN_LENGTH || !/^[A-Za-z0-9_-]+$/.test(token)) return undefined;
  const bytes = Buffer.from(token, 'base64url');
  if (bytes.length <= IV_BYTES + TAG_BYTES) return undefined;
  let claims: Partial<UpdateLinkClaims>;
  try {
    const decipher = createDecipheriv('aes-256-gcm', keys.link, bytes.subarray(0, IV_BYTES));
    decipher.setAAD(TOKEN_AAD);
    decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
    const plain = Buffer.concat([
      decipher.update(bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES)),
      decipher.final(),
    ]);
    claims = JSON.parse(plain.toString('utf8')) as Partial<UpdateLinkClaims>;
  } catch {
    return undefined;
  }
  if (typeof claims.x !== 'number' || !Number.isFinite(claims.x)) return undefined;
  if (typeof claims.i !== 'number' || !Number.isFinite(claims.i)) return undefined;
  if (typeof claims.v !== 'number' || !Number.isInteger(claims.v) || claims.v < 0) return undefined;
  if (typeof claims.e !== 'string' || claims.e === '') return undefined;
  if (typeof claims.p !== 'string' || !PLAN_ID_PATTERN.test(claims.p)) return undefined;
  if (typeof claims.a !== 'string' || !ITEM_ID_PATTERN.test(claims.a)) return undefined;
  return claims as UpdateLinkClaims;
}

/**
 * A one-time code as stored: keyed HMAC of the link and the code, so the stored value reveals neither
 * and a code sent for one link never confirms a save through another.
 */
export function codeHash(keys: UpdatePageKeys, linkToken: string, code: string): string {
  return sign(keys.code, `${linkToken}|${code}`);
}

/** Which link a stored code belongs to, without keeping the link itself. */
export function linkFingerprint(keys: UpdatePageKeys, linkToken: string): string {
  return sign(keys.code, `link|${linkToken}`);
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
