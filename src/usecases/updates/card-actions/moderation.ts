/** The moderator's card: "show" it, "Agree as proposed", or "Change to" the chosen rating, with commentary. */
import { assertNever } from '../../../domain/never';
import { ratingName } from '../../../domain/rating';
import { agreeActionRating } from '../../moderation/agree-rating';
import {
  isModerationCardView,
  type ModerationCardView,
  moderationCardView,
} from '../../moderation/moderation-card-view';
import { inputsOf } from './inputs';
import type { CardActionOutcome, Handler, VerbContext } from './outcome';

export const showModeration: Handler = (ctx) => moderation(ctx);
export const agreeRating: Handler = (ctx) => agree(ctx, false);
export const changeRating: Handler = (ctx) => agree(ctx, true);

const CHECK_ANSWERS = {
  text: 'Nothing was saved. Please check the highlighted answers.',
  tone: 'attention',
} as const;

/** The moderator's card for the pressed action, with a banner and what was typed when there is one. */
async function moderation(
  ctx: VerbContext,
  extra: Pick<ModerationCardView, 'banner' | 'errors' | 'inputs'> = {},
): Promise<CardActionOutcome> {
  const drawn = await moderationCardView(
    ctx.deps.stores,
    { email: ctx.actor.email ?? '', aadObjectId: ctx.actor.aadObjectId },
    ctx.plan.id,
    ctx.deps.clock.now(),
    ctx.loaded.value.id,
  );
  if (!isModerationCardView(drawn)) return { kind: 'not-found', actionId: ctx.loaded.value.id };
  return { kind: 'moderation', view: { ...drawn, ...extra } };
}

/** "Agree as proposed" (`change` false) or "Change to the chosen rating", with the commentary typed. */
async function agree(ctx: VerbContext, change: boolean): Promise<CardActionOutcome> {
  const inputs = inputsOf(ctx.data);
  const commentary = typeof ctx.data.commentary === 'string' ? ctx.data.commentary.slice(0, 10_000) : '';
  const typed = { ...(inputs.rating ? { rating: inputs.rating } : {}), commentary };
  if (change && !inputs.rating)
    return moderation(ctx, {
      errors: [{ field: 'rating', reason: 'choose the agreed rating to change to' }],
      inputs: typed,
      banner: CHECK_ANSWERS,
    });
  const outcome = await agreeActionRating(
    { stores: ctx.deps.stores, clock: ctx.deps.clock, random: ctx.deps.random },
    { name: ctx.actor.name, email: ctx.actor.email ?? '', aadObjectId: ctx.actor.aadObjectId },
    {
      planId: ctx.plan.id,
      actionId: ctx.loaded.value.id,
      ...(change ? { rating: inputs.rating } : {}),
      commentary,
      version: String(ctx.data.version ?? ''),
      source: ctx.deps.source ?? 'card',
    },
  );
  switch (outcome.kind) {
    case 'agreed': {
      const { rating, proposal } = outcome.action.agreed!;
      const words =
        proposal === rating
          ? `Agreed ${ratingName(rating)} as proposed.`
          : `Agreed ${ratingName(rating)} (the owner proposed ${proposal ? ratingName(proposal) : 'no rating'}).`;
      return moderation(ctx, {
        banner: { text: `${words} The paper will print your commentary.`, tone: 'good' },
      });
    }
    case 'invalid':
      return moderation(ctx, { errors: outcome.issues, inputs: typed, banner: CHECK_ANSWERS });
    case 'stale':
    case 'conflict':
      return moderation(ctx, {
        inputs: typed,
        banner: {
          text: `Action ${outcome.action.id} changed after this card was drawn. Check the owner’s latest proposal below and agree again. Nothing was saved.`,
          tone: 'warning',
        },
      });
    case 'forbidden':
      return { kind: 'forbidden', reason: outcome.reason, intent: 'agree-rating' };
    default:
      return assertNever(outcome);
  }
}
