/**
 * The one-time code that "mark complete", a date request and a decision on one (approve or reject) need
 * when the update link is more than a day old: a forwarded mail, a shared mailbox or browser history then
 * holds a link but not the mailbox, so it can still rate and snooze but cannot close an action, move its
 * date or settle someone else's request for a new one (a decider's link is no less forwardable). Six digits, ten minutes, five
 * tries; stored only as a keyed hash in the person's link state, sent by e-mail to the address the link
 * was made for, never shown on a page or written to a log.
 */
import { randomInt, timingSafeEqual } from 'node:crypto';
import type { Plan } from '../../domain/plan';
import type { ContactStore, LinkCode } from '../../usecases/ports/contacts';
import type { PageVerb } from './submit-update';
import { codeHash, linkFingerprint, type UpdateLinkClaims, type UpdatePageKeys } from './update-link';

export const CODE_LINK_AGE_MS = 24 * 60 * 60 * 1000;
export const CODE_LIFETIME_MS = 10 * 60 * 1000;
export const CODE_TRIES = 5;
/** A new code on request only once the last is this old, so the button cannot flood a mailbox. */
const RESEND_AFTER_MS = 60 * 1000;

/** What a code confirms: completing, asking for a date, or deciding on one. */
export type CodePurpose = 'complete' | 'date' | 'decide';

export type CodeSender = (
  email: string,
  input: { code: string; plan: Plan; actionId: string; what: CodePurpose; minutes: number },
) => Promise<boolean>;

/** Does this save need a code: completing, asking for or deciding on a date, from a link over a day old. */
export function needsCode(verb: PageVerb, claims: UpdateLinkClaims, now: Date): boolean {
  return codePurposeOf(verb) !== undefined && now.getTime() - claims.i > CODE_LINK_AGE_MS;
}

/** What the code for this verb confirms; undefined for the saves that never need one. */
export function codePurposeOf(verb: PageVerb): CodePurpose | undefined {
  switch (verb) {
    case 'action.complete':
      return 'complete';
    case 'date.request':
      return 'date';
    case 'date.approve':
    case 'date.reject':
      return 'decide';
    default:
      return undefined;
  }
}

export type CodeCheck =
  /** The right code: it is spent, and the save may go through. */
  | { kind: 'confirmed' }
  /** A code was sent (or one sent moments ago still stands): ask for it. */
  | { kind: 'asked'; resent: boolean }
  | { kind: 'not-sent' }
  | { kind: 'wrong'; triesLeft: number }
  /** Expired, used up, or never sent for this link: a new one is needed. */
  | { kind: 'spent' };

interface CodeDeps {
  keys: UpdatePageKeys;
  contacts: Pick<ContactStore, 'changeLinkState' | 'linkState'>;
  sendCode?: CodeSender | undefined;
}

export async function checkCode(
  deps: CodeDeps,
  request: {
    token: string;
    claims: UpdateLinkClaims;
    plan: Plan;
    verb: PageVerb;
    given: string | undefined;
    resend: boolean;
    now: Date;
  },
): Promise<CodeCheck> {
  const { token, claims, now } = request;
  const link = linkFingerprint(deps.keys, token);
  const live = (code: LinkCode | undefined): code is LinkCode =>
    code !== undefined &&
    code.link === link &&
    Date.parse(code.expiresAt) > now.getTime() &&
    code.tries < CODE_TRIES;
  if (request.given === undefined) {
    const { code } = await deps.contacts.linkState(claims.e);
    const fresh = live(code) && now.getTime() - Date.parse(code.sentAt) < RESEND_AFTER_MS;
    if (live(code) && (!request.resend || fresh)) return { kind: 'asked', resent: false };
    return issue(deps, request, link);
  }
  const given = request.given.replace(/\s+/g, '');
  let result: CodeCheck = { kind: 'spent' };
  await deps.contacts.changeLinkState(claims.e, (state) => {
    const ours = state.code?.link === link;
    if (!live(state.code)) {
      result = { kind: 'spent' };
      // An expired or used-up code of this link is cleared; another link's is left alone.
      return ours ? { version: state.version } : state;
    }
    if (/^[0-9]{6}$/.test(given) && same(state.code.hash, codeHash(deps.keys, token, given))) {
      result = { kind: 'confirmed' };
      return { version: state.version };
    }
    const tries = state.code.tries + 1;
    result = tries >= CODE_TRIES ? { kind: 'spent' } : { kind: 'wrong', triesLeft: CODE_TRIES - tries };
    return { version: state.version, code: { ...state.code, tries } };
  });
  return result;
}

async function issue(
  deps: CodeDeps,
  request: { token: string; claims: UpdateLinkClaims; plan: Plan; verb: PageVerb; now: Date },
  link: string,
): Promise<CodeCheck> {
  if (!deps.sendCode) return { kind: 'not-sent' };
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const { now, claims } = request;
  await deps.contacts.changeLinkState(claims.e, (state) => ({
    version: state.version,
    code: {
      hash: codeHash(deps.keys, request.token, code),
      link,
      sentAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + CODE_LIFETIME_MS).toISOString(),
      tries: 0,
    },
  }));
  const sent = await deps.sendCode(claims.e, {
    code,
    plan: request.plan,
    actionId: claims.a,
    what: codePurposeOf(request.verb) ?? 'complete',
    minutes: CODE_LIFETIME_MS / 60_000,
  });
  return sent ? { kind: 'asked', resent: true } : { kind: 'not-sent' };
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
