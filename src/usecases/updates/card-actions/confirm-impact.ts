/** "Confirm impact" on a complete action, by a lead or coordinator, with an optional comment. */
import { newestFirstId } from '../../../domain/ids';
import { applyLifecycle, cardVersion } from '../../../domain/status-change';
import { card } from './card-view';
import { fingerprint } from './inputs';
import type { Handler } from './outcome';
import { save } from './save';

export const confirmImpact: Handler = async (ctx) => {
  const { deps, actor, loaded } = ctx;
  if (loaded.value.lifecycle !== 'complete')
    return { kind: 'not-complete', view: await card(ctx, loaded.value) };
  const now = deps.clock.now();
  const comment =
    typeof ctx.data.impactComment === 'string' ? ctx.data.impactComment.trim().slice(0, 2000) : '';
  const applied = applyLifecycle(loaded.value, 'impact_evidenced', comment ? { note: comment } : {}, {
    at: now.toISOString(),
    author: { aadObjectId: actor.aadObjectId, name: actor.name },
    source: deps.source ?? 'card',
    entryId: newestFirstId(now, deps.random),
    submissionKey: fingerprint(actor.aadObjectId, ctx.verb, cardVersion(loaded.value), { comment }),
  });
  return save(ctx, applied, []);
};
