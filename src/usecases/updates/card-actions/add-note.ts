/**
 * A contributing agency's contact adds a note (the lead owner proposes the rating). The note is history
 * only: the action itself is unchanged, so it still waits on its owners in the round.
 */
import { contactOf } from '../../../domain/contributing-contacts';
import { cardVersion } from '../../../domain/status-change';
import type { StatusUpdate } from '../../../domain/status-update';
import { Checker, LIMITS } from '../../../domain/validation';
import { card } from './card-view';
import { changeContext, earlierSubmission } from './change';
import { fingerprint, inputsOf } from './inputs';
import type { Handler } from './outcome';
import { appendWithRetry } from './save';

export const addNote: Handler = async (ctx) => {
  const { deps, actor, plan, loaded, data } = ctx;
  const inputs = inputsOf(data);
  const check = new Checker();
  const note = check.text('contributionNote', inputs.contributionNote ?? '', LIMITS.note, { required: true });
  if (!check.ok)
    return { kind: 'invalid', issues: check.issues, view: await card(ctx, loaded.value, { inputs }) };
  const submissionKey = fingerprint(actor.aadObjectId, ctx.verb, cardVersion(loaded.value), { note });
  const { alreadySaved } = await earlierSubmission(ctx, submissionKey);
  if (alreadySaved) return alreadySaved();
  const contact = contactOf(loaded.value, actor.email ?? '');
  const { entryId, at, author, source } = changeContext(ctx, submissionKey);
  const entry: StatusUpdate = {
    planId: plan.id,
    actionId: loaded.value.id,
    id: entryId,
    at,
    author,
    note,
    source,
    submissionKey,
    ...(contact ? { contributingAgency: contact.agency } : {}),
  };
  await appendWithRetry(deps, entry);
  await deps.stores.audit.record({
    at: entry.at,
    actor: actor.aadObjectId,
    event: 'action.note-added',
    planId: plan.id,
    details: { actionId: loaded.value.id, entryId: entry.id, ...(contact ? { agency: contact.agency } : {}) },
  });
  return { kind: 'saved', entry, announcements: [], view: await card(ctx, loaded.value, { latest: entry }) };
};
