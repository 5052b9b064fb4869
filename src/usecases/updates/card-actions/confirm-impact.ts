/**
 * "Confirm impact" on a complete action, by a lead or coordinator, with an optional comment. Refused,
 * saying what is missing, without evidence of impact or (for an action with linked measures) without a
 * current value of one of them (domain/impact-evidence.ts).
 */
import { calendarDateIn } from '../../../domain/dates';
import { impactEvidence } from '../../../domain/impact-evidence';
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
  const { stores, clock } = ctx.deps;
  const [history, measures, values] = await Promise.all([
    stores.history.listForAction(ctx.plan.id, loaded.value.id),
    stores.measures.list(ctx.plan.id),
    stores.measures.listValues(ctx.plan.id),
  ]);
  const evidence = impactEvidence(loaded.value, {
    history,
    measures: measures.map((m) => m.value),
    values,
    today: calendarDateIn(ctx.plan.timeZone, clock.now()),
  });
  if (!evidence.ok)
    return { kind: 'impact-not-evidenced', view: await card(ctx, loaded.value), missing: evidence.missing };
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
