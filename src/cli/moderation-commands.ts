/**
 * The governance cycle from the command line: agree a proposed rating, record a round's endorsement,
 * and set the plan's moderation group and protective marking. Thin wrappers over the use cases; the
 * refusals come back as the exit codes runCli gives every command.
 */
import { describeDenial } from '../domain/access-words';
import { emailAddress } from '../domain/email-address';
import { ConflictError, NotAuthorisedError, ValidationError } from '../domain/errors';
import { ratingName } from '../domain/rating';
import { LIMITS } from '../domain/validation';
import { agreeActionRating, type Moderator } from '../usecases/moderation/agree-rating';
import { setPlanGovernance } from '../usecases/moderation/plan-governance';
import { recordEndorsement } from '../usecases/rounds/monitoring-rounds';
import { type CliContext, clockFrom, type Options, required, UsageError } from './commands';

/** `agree --plan --action [--rating] --commentary [--by]`: without --rating, the proposal as it stands. */
export async function agreeCommand(ctx: CliContext, options: Options): Promise<void> {
  const planId = required(options, 'plan');
  const actionId = required(options, 'action');
  if (typeof options.commentary !== 'string')
    throw new UsageError('--commentary is required: the words the committee paper prints');
  const by = moderatorFrom(ctx, options);
  const outcome = await agreeActionRating(
    { stores: ctx.stores, clock: clockFrom(ctx, options), random: ctx.random },
    by,
    {
      planId,
      actionId,
      ...(typeof options.rating === 'string' ? { rating: options.rating } : {}),
      commentary: options.commentary,
      source: 'command',
    },
  );
  switch (outcome.kind) {
    case 'agreed': {
      const { rating, proposal } = outcome.action.agreed!;
      ctx.print(
        `Action ${actionId} of plan ${planId}: agreed ${ratingName(rating)}${
          proposal && proposal !== rating ? ` (the owner proposed ${ratingName(proposal)})` : ''
        }, by ${by.name}.`,
      );
      return;
    }
    case 'invalid':
      throw new ValidationError(outcome.issues);
    case 'forbidden':
      throw new NotAuthorisedError(describeDenial(outcome.reason, 'agree-rating').text);
    case 'conflict':
    case 'stale':
      throw new ConflictError(`Action ${actionId}`);
    default: {
      const never: never = outcome;
      throw new Error(`Unknown outcome ${String(never)}`);
    }
  }
}

/** `--by <email>`: that person, checked by the access policy; without it the operator, trusted. */
function moderatorFrom(ctx: CliContext, options: Options): Moderator {
  if (typeof options.by !== 'string') return { name: ctx.actor, email: '', operator: true };
  const email = emailAddress(options.by);
  if (!/^[^@\s]+@[^@\s]+$/.test(email)) throw new UsageError(`--by "${options.by}" is not an e-mail address`);
  return { name: email, email };
}

/** `endorse --plan --round --date --meeting`: the oversight body endorsed a closed round. */
export async function endorseCommand(ctx: CliContext, options: Options): Promise<void> {
  const planId = required(options, 'plan');
  const round = Number(required(options, 'round'));
  if (!(Number.isInteger(round) && round >= 1))
    throw new UsageError('--round must be a round number such as 2');
  const endorsed = await recordEndorsement(
    { stores: ctx.stores, clock: clockFrom(ctx, options), calendar: ctx.calendar },
    { name: ctx.actor, operator: true },
    { planId, round, date: required(options, 'date'), meeting: required(options, 'meeting') },
  );
  ctx.print(
    `Round ${round} of plan ${planId} endorsed by ${endorsed.endorsement!.meeting} on ${endorsed.endorsement!.date}.`,
  );
}

/** `settings --plan [--moderation-group <name>] [--marking <text>]`: an empty value clears one. */
export async function settingsCommand(ctx: CliContext, options: Options): Promise<void> {
  const planId = required(options, 'plan');
  const group = options['moderation-group'];
  const marking = options.marking;
  if (typeof group !== 'string' && typeof marking !== 'string')
    throw new UsageError('give --moderation-group <name> and/or --marking <protective marking>');
  for (const [name, value] of [
    ['moderation-group', group],
    ['marking', marking],
  ] as const) {
    if (typeof value === 'string' && value.length > LIMITS.agency)
      throw new UsageError(`--${name} must be at most ${LIMITS.agency} characters`);
  }
  const plan = await setPlanGovernance(ctx, {
    planId,
    ...(typeof group === 'string' ? { moderationGroup: group } : {}),
    ...(typeof marking === 'string' ? { protectiveMarking: marking } : {}),
    actor: ctx.actor,
  });
  ctx.print(
    `Plan ${planId}: ratings agreed by ${plan.moderationGroup ?? 'whoever closes the round'}; papers marked ${plan.protectiveMarking ?? 'OFFICIAL'}.`,
  );
}
