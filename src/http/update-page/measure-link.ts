/**
 * The link a measure request's e-mail carries: it opens the page where the reporter types the period's
 * value (GET /update/measure/:token). Sealed as the action links are (./update-link.ts: AES-256-GCM, a
 * synthetic nonce, the person's link version inside), but under a key and an associated-data label of its
 * own, derived for this one purpose.
 *
 * Why a token kind of its own rather than an action link whose action id reads "measure:M1": that form
 * cannot collide with a real action id (ids never hold a colon), but every action-link path (the page,
 * its forms, the fresh-link offer, the one-time code) would then have to remember to refuse it, and one
 * that forgot would treat a measure link as an action one. With its own key, a measure token fails its
 * authentication tag on every action path and an action token on the measure path, before anything is
 * read; two kinds of claims never share a key, so the synthetic nonces of the two can never meet.
 */
import { createCipheriv, createDecipheriv, createHmac } from 'node:crypto';
import type { IsoDate } from '../../domain/dates';
import { linkExpiry } from '../../domain/link-lifetime';
import type { Measure } from '../../domain/measures';
import type { Plan } from '../../domain/plan';
import { ITEM_ID_PATTERN, PLAN_ID_PATTERN } from '../../domain/validation';
import { normaliseEmail } from '../../usecases/access/access';
import type { ContactStore } from '../../usecases/ports/contacts';
import type { Clock } from '../../usecases/ports/index';
import type { UpdatePageKeys } from './update-link';

const MAX_TOKEN_LENGTH = 1024;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const TOKEN_AAD = Buffer.from('action-tracker/email-measure-link/v1');

export interface MeasureLinkClaims {
  /** e-mail address of the reporter (or their cover) the link was made for, lower case */
  e: string;
  /** plan id */
  p: string;
  /** measure id */
  m: string;
  /** expiry, ms since the epoch */
  x: number;
  /** when it was made, ms since the epoch */
  i: number;
  /** the person's link version when it was made (a coordinator's withdrawal moves it on) */
  v: number;
}

export function makeMeasureToken(
  keys: UpdatePageKeys,
  input: { email: string; planId: string; measureId: string; linkVersion?: number },
  now: Date,
  expiresAt: Date,
): string {
  const claims: MeasureLinkClaims = {
    e: normaliseEmail(input.email),
    p: input.planId,
    m: input.measureId,
    x: expiresAt.getTime(),
    i: now.getTime(),
    v: input.linkVersion ?? 0,
  };
  const plain = JSON.stringify(claims);
  const iv = createHmac('sha256', keys.measureNonce).update(plain).digest().subarray(0, IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', keys.measureLink, iv);
  cipher.setAAD(TOKEN_AAD);
  const sealed = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, sealed, cipher.getAuthTag()]).toString('base64url');
}

export function measurePagePath(token: string): string {
  return `/update/measure/${token}`;
}

/** The claims of a genuine, unexpired measure link; undefined for anything else. */
export function verifyMeasureToken(
  keys: UpdatePageKeys,
  token: string,
  now: Date,
): MeasureLinkClaims | undefined {
  if (token.length > MAX_TOKEN_LENGTH || !/^[A-Za-z0-9_-]+$/.test(token)) return undefined;
  const bytes = Buffer.from(token, 'base64url');
  if (bytes.length <= IV_BYTES + TAG_BYTES) return undefined;
  let claims: Partial<MeasureLinkClaims>;
  try {
    const decipher = createDecipheriv('aes-256-gcm', keys.measureLink, bytes.subarray(0, IV_BYTES));
    decipher.setAAD(TOKEN_AAD);
    decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
    const plain = Buffer.concat([
      decipher.update(bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES)),
      decipher.final(),
    ]);
    claims = JSON.parse(plain.toString('utf8')) as Partial<MeasureLinkClaims>;
  } catch {
    return undefined;
  }
  if (typeof claims.x !== 'number' || !(claims.x > now.getTime())) return undefined;
  if (typeof claims.i !== 'number' || !Number.isFinite(claims.i)) return undefined;
  if (typeof claims.v !== 'number' || !Number.isInteger(claims.v) || claims.v < 0) return undefined;
  if (typeof claims.e !== 'string' || claims.e === '') return undefined;
  if (typeof claims.p !== 'string' || !PLAN_ID_PATTERN.test(claims.p)) return undefined;
  if (typeof claims.m !== 'string' || !ITEM_ID_PATTERN.test(claims.m)) return undefined;
  return claims as MeasureLinkClaims;
}

export interface MeasureLinkInput {
  email: string;
  plan: Plan;
  measure: Measure;
  /** The round's response date, when a round asks: the link lives at least until it ends. */
  respondBy?: IsoDate;
}

/** Makes the measure links the e-mail channel puts in its requests, with the person's link version. */
export function measureLinkMaker(options: {
  keys: UpdatePageKeys;
  baseUrl: string;
  clock: Clock;
  contacts: Pick<ContactStore, 'linkState'>;
}): (input: MeasureLinkInput) => Promise<string> {
  return async ({ email, plan, measure, respondBy }) => {
    const { version } = await options.contacts.linkState(email);
    const now = options.clock.now();
    const token = makeMeasureToken(
      options.keys,
      { email, planId: plan.id, measureId: measure.id, linkVersion: version },
      now,
      linkExpiry({
        made: now,
        timeZone: plan.timeZone,
        ...(respondBy ? { respondBy } : {}),
        ...(plan.closedAt ? { closedAt: new Date(plan.closedAt) } : {}),
      }),
    );
    return `${options.baseUrl}${measurePagePath(token)}`;
  };
}
