/**
 * What running a plan from the dashboard (or the CLI) can come to, as data: each surface has one
 * presenter that turns it into a status and words. Nothing here is worded for a screen.
 */
import type { ValidationIssue } from '../../domain/errors';
import type { DenialReason } from '../access/access';
import type { PlanChangeDeps } from '../ports/index';

export type AdminDeps = PlanChangeDeps;

/** Who is doing it: from the Teams token (or local mode), never from the request body. */
export interface Actor {
  aadObjectId: string;
  name: string;
  /** Lower case. */
  email: string;
  /** Entra ID group ids from the token's `groups` claim (signed in through Teams only). */
  groups?: readonly string[];
  /**
   * The command line, run by someone who holds the storage account's access already (as `role` and
   * `close` are): it acts on any plan, with no role in it. Never set from a request.
   */
  operator?: true;
}

export type AdminRefusal =
  /** No such plan or action, or one this person may not know of: the same answer for both. */
  | { kind: 'not-found'; what: string }
  | { kind: 'forbidden'; reason: DenialReason }
  /** Every problem with the input, by field; nothing was changed. */
  | { kind: 'invalid'; issues: readonly ValidationIssue[] }
  /** Someone else saved a change after the form was opened; nothing was changed. */
  | { kind: 'stale'; changedBy?: string; changedAt?: string };

export type AdminOutcome<T> = { kind: 'saved'; value: T } | AdminRefusal;

export const saved = <T>(value: T): AdminOutcome<T> => ({ kind: 'saved', value });
export const invalid = (issues: readonly ValidationIssue[]): AdminRefusal => ({ kind: 'invalid', issues });

/** The operator (see `Actor.operator`) named `name`, who is also the audit trail's actor. */
export function operatorActor(name: string): Actor {
  return { aadObjectId: name, name, email: name, operator: true };
}
