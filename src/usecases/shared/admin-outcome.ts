/**
 * What running a plan from the dashboard (or the CLI) can come to, as data: each surface has one
 * presenter that turns it into a status and words. Nothing here is worded for a screen.
 */
import type { ValidationIssue } from '../../domain/errors';
import type { DenialReason } from '../access/access';
import type { PlanChangeDeps } from '../ports/index';

export type AdminDeps = PlanChangeDeps;

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
