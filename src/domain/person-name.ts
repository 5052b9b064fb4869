/**
 * A person's name as a plan shows it. Names come from several places (entered by a coordinator, the
 * Teams directory, the imported spreadsheet's owners and delegates); one order decides which is shown, so
 * the people page, "Act as" and every list agree. Pure.
 */

import { ValidationError } from './errors';
import type { Plan } from './plan';
import { Checker, LIMITS } from './validation';

/** Where a shown name came from, best first: a coordinator's correction beats everything else. */
export type NameSource = 'entered' | 'directory' | 'import' | 'address';

export interface ShownName {
  name: string;
  source: NameSource;
}

/** The best of the names known for someone; their address made readable when none is known. */
export function shownName(
  email: string,
  known: { entered?: string; directory?: string; imported?: string },
): ShownName {
  if (known.entered) return { name: known.entered, source: 'entered' };
  if (known.directory && known.directory !== email) return { name: known.directory, source: 'directory' };
  if (known.imported && known.imported !== email) return { name: known.imported, source: 'import' };
  return { name: nameFromAddress(email), source: 'address' };
}

/** "partnership.manager@example.org" → "Partnership Manager": a readable label for someone not met yet. */
export function nameFromAddress(email: string): string {
  const local = email.split('@')[0] ?? email;
  const words = local
    .split(/[._-]+/)
    .filter(Boolean)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1));
  return words.length > 0 ? words.join(' ') : email;
}

/**
 * The plan with `name` entered for `email` (or the entered name removed, when `name` is empty, so the
 * directory's or the import's shows again). The same plan back when nothing changes.
 */
export function withEnteredName(plan: Plan, email: string, name: string, now: Date): Plan {
  const check = new Checker();
  const address = check.email('email', email);
  const text = check.text('name', name, LIMITS.personName);
  if (!check.ok) throw new ValidationError(check.issues);
  const names = { ...(plan.names ?? {}) };
  if ((names[address] ?? '') === text) return plan;
  if (text === '') delete names[address];
  else names[address] = text;
  return { ...plan, names, updatedAt: now.toISOString() };
}
