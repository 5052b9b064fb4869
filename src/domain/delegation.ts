/**
 * Cover while an owner is away: a delegate who, between two dates (inclusive, in the plan's time zone),
 * gets the owner's reminders and may update the owner's actions as the owner could. Pure: today is
 * passed in. A delegation is kept on the plan, so the sweep and the access policy read it with the plan.
 */
import { daysBetween, type IsoDate, parseUkDate } from './dates';
import { emailAddress } from './email-address';
import { ValidationError } from './errors';
import { Checker, LIMITS } from './validation';

export interface Delegation {
  /** Stable within the plan, so a removal names exactly one. */
  id: string;
  /** The owner who is away (lower case). */
  owner: string;
  /** Who covers (lower case). */
  delegate: string;
  delegateName: string;
  from: IsoDate;
  to: IsoDate;
  createdAt: string;
  createdBy: string;
}

export interface DelegationInput {
  owner?: string;
  delegate?: string;
  delegateName?: string;
  from?: string;
  to?: string;
}

/** The longest cover one delegation gives: a year's leave is the most a plan should need at once. */
export const MAX_DELEGATION_DAYS = 366;

/**
 * Reads a delegation from a form or the CLI: both addresses, a name, two dates (day-first or ISO), the
 * end not before the start nor in the past. `owners` are the plan's owners' addresses: cover is for
 * someone who owns actions.
 */
export function readDelegation(
  input: DelegationInput,
  context: { today: IsoDate; owners: readonly string[] },
): Omit<Delegation, 'id' | 'createdAt' | 'createdBy'> {
  const check = new Checker();
  const owner = check.email('owner', input.owner ?? '');
  const delegate = check.email('delegate', input.delegate ?? '');
  const delegateName = check.text('delegateName', input.delegateName ?? '', LIMITS.personName);
  const date = (field: 'from' | 'to'): IsoDate => {
    const parsed = parseUkDate(input[field] ?? '');
    if (parsed.ok) return parsed.value;
    check.add(field, parsed.reason === 'is empty' ? 'choose a date' : parsed.reason);
    return '';
  };
  const from = date('from');
  const to = date('to');
  if (check.issues.every((i) => i.field !== 'owner') && !context.owners.includes(owner))
    check.add('owner', `${owner} owns no action in this plan`);
  if (owner !== '' && owner === delegate) check.add('delegate', 'must be someone other than the owner');
  if (from && to) {
    if (to < from) check.add('to', 'must be on or after the first day');
    else if (to < context.today) check.add('to', 'is in the past: cover must last until today at least');
    else if (daysBetween(from, to) + 1 > MAX_DELEGATION_DAYS)
      check.add('to', `cover lasts at most ${MAX_DELEGATION_DAYS} days; add another one after it`);
  }
  if (!check.ok) throw new ValidationError(check.issues);
  return { owner, delegate, delegateName: delegateName || delegate, from, to };
}

/** Whether the delegation covers `today`. */
export function isActive(delegation: Delegation, today: IsoDate): boolean {
  return delegation.from <= today && today <= delegation.to;
}

/** Who covers for `owner` today (usually nobody, sometimes one person, rarely more). */
export function delegatesFor(
  delegations: readonly Delegation[] | undefined,
  owner: string,
  today: IsoDate,
): Delegation[] {
  const address = emailAddress(owner);
  return (delegations ?? []).filter((d) => d.owner === address && isActive(d, today));
}

/** Whether `email` covers today for any of `owners`. */
export function coversFor(
  delegations: readonly Delegation[] | undefined,
  owners: readonly { email: string }[],
  email: string,
  today: IsoDate,
): boolean {
  const address = emailAddress(email);
  return owners.some((owner) =>
    delegatesFor(delegations, owner.email, today).some((d) => d.delegate === address),
  );
}

/** Whose message a delegate receives, named in its subject and body: "covering for Jo Bloggs … until …". */
export interface CoveringFor {
  name: string;
  email: string;
  /** The last day of the cover, in the plan's time zone. */
  until: IsoDate;
}

/** One person a message for an owner goes to today: the owner, or someone covering for them. */
export interface Receiver {
  /** Lower case, as plans keep addresses. */
  email: string;
  name: string;
  coveringFor?: CoveringFor;
}

/**
 * Who receives an owner's messages today: each active delegate (told whose message it is and until
 * when), otherwise the owner. The one rule for requests, chases, reminders and escalations, so cover is
 * applied the same way everywhere; an owner with no address is returned as they are, for the caller to
 * list as unreachable.
 */
export function receiversFor(
  delegations: readonly Delegation[] | undefined,
  owner: { name: string; email: string },
  today: IsoDate,
): Receiver[] {
  if (owner.email === '') return [{ email: '', name: owner.name }];
  const email = emailAddress(owner.email);
  const cover = delegatesFor(delegations, email, today);
  if (cover.length === 0) return [{ email, name: owner.name }];
  const seen = new Set<string>();
  return cover.flatMap((d) => {
    if (seen.has(d.delegate)) return [];
    seen.add(d.delegate);
    return [
      {
        email: d.delegate,
        name: d.delegateName,
        coveringFor: { name: owner.name || email, email, until: d.to },
      },
    ];
  });
}

/** The owners `email` covers for today, each with the day the cover ends (for `mine`). */
export function coveredBy(
  delegations: readonly Delegation[] | undefined,
  email: string,
  today: IsoDate,
): { owner: string; until: IsoDate }[] {
  const address = emailAddress(email);
  return (delegations ?? [])
    .filter((d) => d.delegate === address && isActive(d, today))
    .map((d) => ({ owner: d.owner, until: d.to }));
}

/**
 * The cover `email` held for one of `owners` that has ended by `today` (the latest, if several): why a
 * delegate's link from the round no longer lets them in, in words they recognise.
 */
export function endedCoverFor(
  delegations: readonly Delegation[] | undefined,
  owners: readonly { email: string }[],
  email: string,
  today: IsoDate,
): Delegation | undefined {
  const address = emailAddress(email);
  const owned = new Set<string>(owners.map((o) => emailAddress(o.email)));
  return (delegations ?? [])
    .filter((d) => d.delegate === address && owned.has(d.owner) && d.to < today)
    .sort((a, b) => b.to.localeCompare(a.to))[0];
}
