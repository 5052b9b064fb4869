/**
 * Answers a press of a button on an action card (Universal Actions, Action.Execute), and the dashboard
 * tab's update form. Identity comes from the activity, never the card; the card's data only says which
 * action, and which version of it the person was looking at. Who may do what is the access entry's
 * answer (src/usecases/access), asked once here for every verb, cover included. Each verb's handler is
 * its own module in card-actions/ (the table is card-actions/handlers.ts). Every change appends to the
 * action's history and is ETag-checked. The answer is a typed outcome: the words, tone and status are
 * each surface's presenter's.
 */
import { addDays } from '../../domain/dates';
import { ITEM_ID_PATTERN, PLAN_ID_PATTERN } from '../../domain/validation';
import { decideOnAction } from '../access/access';
import type { ChatActor } from '../shared/actor';
import { card } from './card-actions/card-view';
import { change } from './card-actions/change';
import { HANDLERS } from './card-actions/handlers';
import type {
  CardActionDeps,
  CardActionOutcome,
  OpeningOutcome,
  UpdateOutcome,
  VerbContext,
} from './card-actions/outcome';
import { applyUpdate } from './card-actions/update';
import { type CardVerb, INTENT_OF, isCardVerb } from './card-actions/verbs';

export type {
  CardActionDeps,
  CardActionOutcome,
  ChangeOutcome,
  OpeningOutcome,
  UpdateOutcome,
} from './card-actions/outcome';
export { CARD_VERBS, type CardVerb, isCardVerb } from './card-actions/verbs';

export async function handleCardAction(
  deps: CardActionDeps,
  actor: ChatActor,
  verb: string,
  data: Record<string, unknown>,
): Promise<CardActionOutcome> {
  if (!isCardVerb(verb)) return { kind: 'unrecognised' };
  return pressed(deps, actor, verb, data, HANDLERS[verb]);
}

/** The dashboard tab's update form: the card's "save" with the same rules, from another surface. */
export function updateFromForm(
  deps: CardActionDeps,
  actor: ChatActor,
  data: Record<string, unknown>,
): Promise<UpdateOutcome> {
  return pressed(deps, actor, 'action.update', data, (ctx) => change(ctx, applyUpdate));
}

async function pressed<O>(
  deps: CardActionDeps,
  actor: ChatActor,
  verb: CardVerb,
  data: Record<string, unknown>,
  handler: (ctx: VerbContext) => Promise<O>,
): Promise<O | OpeningOutcome> {
  const planId =
    typeof data.planId === 'string' && PLAN_ID_PATTERN.test(data.planId) ? data.planId : undefined;
  const actionId =
    typeof data.actionId === 'string' && ITEM_ID_PATTERN.test(data.actionId) ? data.actionId : undefined;
  if (!planId || !actionId) return { kind: 'incomplete' };
  const plan = (await deps.stores.plans.get(planId))?.value;
  const loaded = plan ? await deps.stores.actions.get(planId, actionId) : undefined;
  if (!plan || !loaded) return { kind: 'not-found', actionId };

  const ctx: VerbContext = { deps, actor, plan, loaded, data, verb };
  const intent = INTENT_OF[verb];
  // A delegate covering for an owner acts as the owner while cover lasts: the entry reads today itself.
  const seeing = decideOnAction(deps.clock, actor, plan, loaded.value, 'see');
  if (!seeing.allowed) return { kind: 'forbidden', reason: seeing.reason, intent };
  const decision = decideOnAction(deps.clock, actor, plan, loaded.value, intent);
  if (!decision.allowed)
    return { kind: 'forbidden', reason: decision.reason, intent, view: await card(ctx, loaded.value) };
  return handler(ctx);
}

export function snoozeOptions(today: string): { days: number; until: string }[] {
  return [3, 7].map((days) => ({ days, until: addDays(today, days) }));
}
