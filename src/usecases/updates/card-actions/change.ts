/**
 * What every change from a form shares (update, complete, request a date): the card must show the action
 * as it now is (else the press is stale, or a resubmission already saved), the answers are read, the
 * verb's own rule applies them, and invalid answers come back beside what was typed.
 */
import { ValidationError } from '../../../domain/errors';
import { newestFirstId } from '../../../domain/ids';
import { type Applied, cardVersion } from '../../../domain/status-change';
import { onBehalfOf, type UpdateSource } from '../../../domain/status-update';
import type { Announcement } from '../announcements';
import { card } from './card-view';
import { fingerprint, inputsOf } from './inputs';
import type { ChangeOutcome, VerbContext } from './outcome';
import { save } from './save';

/**
 * Who pressed, now, from where, and a new entry id: the context of the history entry a press appends.
 * `submissionKey` tells a resubmission of the same answers from a new change.
 */
export function changeContext(
  ctx: VerbContext,
  submissionKey: string,
  now = ctx.deps.clock.now(),
): ChangeContext {
  const { deps, actor } = ctx;
  return {
    at: now.toISOString(),
    author: { aadObjectId: actor.aadObjectId, name: actor.name },
    source: deps.source ?? 'card',
    entryId: newestFirstId(now, deps.random),
    submissionKey,
  };
}

/**
 * The action's latest history, and the entry this very submission made if it was saved already (a double
 * click, a retry): then the press is answered as saved, and nothing more is done.
 */
export async function earlierSubmission(ctx: VerbContext, submissionKey: string) {
  const { deps, plan, loaded } = ctx;
  const recent = await deps.stores.history.listForAction(plan.id, loaded.value.id, 5);
  const same = recent.find((entry) => entry.submissionKey === submissionKey);
  return {
    recent,
    alreadySaved: same
      ? async (): Promise<ChangeOutcome> => ({
          kind: 'already-saved',
          entry: same,
          view: await card(ctx, loaded.value, { latest: same }),
        })
      : undefined,
  };
}

/** Who, when and where, for the history entry a change appends. */
export interface ChangeContext {
  at: string;
  author: { aadObjectId: string; name: string };
  source: UpdateSource;
  entryId: string;
  submissionKey: string;
}

/** A verb's rule: the change it makes from the typed answers, and what it announces. Throws ValidationError. */
export type ApplyChange = (
  ctx: VerbContext,
  inputs: Record<string, string>,
  context: ChangeContext,
) => { applied: Applied; announcements: Announcement[] };

export async function change(ctx: VerbContext, apply: ApplyChange): Promise<ChangeOutcome> {
  const { actor, loaded, data } = ctx;
  const inputs = inputsOf(data);
  const submissionKey = fingerprint(actor.aadObjectId, ctx.verb, String(data.version ?? ''), inputs);
  if (String(data.version ?? '') !== cardVersion(loaded.value)) {
    const { recent, alreadySaved } = await earlierSubmission(ctx, submissionKey);
    if (alreadySaved) return alreadySaved();
    const latest = recent[0];
    return {
      kind: 'stale',
      ...(latest ? { latest } : {}),
      view: await card(ctx, loaded.value, { inputs, ...(latest ? { latest } : {}) }),
    };
  }
  const context = changeContext(ctx, submissionKey);
  let made: ReturnType<ApplyChange>;
  try {
    made = apply(ctx, inputs, context);
  } catch (error) {
    if (error instanceof ValidationError)
      return { kind: 'invalid', issues: error.issues, view: await card(ctx, loaded.value, { inputs }) };
    throw error;
  }
  // An owner's update keyed in by someone else (a coordinator on the phone to them) says whose it is.
  const owners = onBehalfOf(loaded.value, actor.email);
  if (owners.length > 0) made.applied.entry = { ...made.applied.entry, onBehalfOf: owners };
  return save(ctx, made.applied, made.announcements);
}
