/** "Confirm impact" on a complete action, by a lead or coordinator, with an optional comment. */
import { applyLifecycle, cardVersion } from '../../../domain/status-change';
import { card } from './card-view';
import { changeContext } from './change';
import { fingerprint } from './inputs';
import type { Handler } from './outcome';
import { save } from './save';

export const confirmImpact: Handler = async (ctx) => {
  const { actor, loaded } = ctx;
  if (loaded.value.lifecycle !== 'complete')
    return { kind: 'not-complete', view: await card(ctx, loaded.value) };
  const comment =
    typeof ctx.data.impactComment === 'string' ? ctx.data.impactComment.trim().slice(0, 2000) : '';
  const submissionKey = fingerprint(actor.aadObjectId, ctx.verb, cardVersion(loaded.value), { comment });
  const applied = applyLifecycle(
    loaded.value,
    'impact_evidenced',
    comment ? { note: comment } : {},
    changeContext(ctx, submissionKey),
  );
  return save(ctx, applied, []);
};
