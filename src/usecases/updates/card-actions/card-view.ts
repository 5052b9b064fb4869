/** The action as it now stands, for the person who pressed, with the buttons the access entry gives them. */
import type { Action } from '../../../domain/action';
import type { StatusUpdate } from '../../../domain/status-update';
import { type ActionCardState, cardStateFor } from '../../shared/action-card-view';
import type { VerbContext } from './outcome';

export async function card(
  ctx: VerbContext,
  action: Action,
  extra: { latest?: StatusUpdate; inputs?: Record<string, string> } = {},
): Promise<ActionCardState> {
  return cardStateFor(ctx.deps, ctx.actor, { plan: ctx.plan, action }, extra);
}

/** The action as stored now: after a conflict or a write elsewhere, the card shows what won. */
export async function freshOf(ctx: VerbContext): Promise<Action> {
  return (await ctx.deps.stores.actions.get(ctx.plan.id, ctx.loaded.value.id))?.value ?? ctx.loaded.value;
}
