/** The action as it now stands, for the person who pressed, with the buttons the access entry gives them. */
import type { Action } from '../../../domain/action';
import type { StatusUpdate } from '../../../domain/status-update';
import { cardRights, planToday } from '../../access/access';
import type { ActionCardState } from '../../shared/action-card-view';
import type { VerbContext } from './outcome';

export async function card(
  ctx: VerbContext,
  action: Action,
  extra: { latest?: StatusUpdate; inputs?: Record<string, string> } = {},
): Promise<ActionCardState> {
  const { deps, plan } = ctx;
  const area = await deps.stores.actions.getArea(plan.id, action.areaId);
  const latest = extra.latest ?? (await deps.stores.history.listForAction(plan.id, action.id, 1))[0];
  return {
    plan,
    ...(area ? { area } : {}),
    action,
    today: planToday(plan, deps.clock),
    ...(latest ? { latest } : {}),
    ...(extra.inputs ? { inputs: extra.inputs } : {}),
    viewer: { aadObjectId: ctx.actor.aadObjectId, ...cardRights(deps.clock, ctx.actor, plan, action) },
    refreshUserIds: [ctx.actor.aadObjectId],
  };
}

/** The action as stored now: after a conflict or a write elsewhere, the card shows what won. */
export async function freshOf(ctx: VerbContext): Promise<Action> {
  return (await ctx.deps.stores.actions.get(ctx.plan.id, ctx.loaded.value.id))?.value ?? ctx.loaded.value;
}
