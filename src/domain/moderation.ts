/**
 * Moderation: an owner's rating is a proposal; a coordinator or a moderator (a subgroup chair) agrees it,
 * or sets a different agreed rating, with agreed commentary — the words that go into the committee
 * paper. Reports use the agreed rating and show a proposal not yet agreed as such, so an owner's
 * optimism never reaches scrutiny unexamined, and owners' raw notes are not published.
 */
import type { Action } from './action';
import type { AgreedRating } from './agreed-rating';
import { daysBetween, type IsoDate } from './dates';
import { ValidationError } from './errors';
import { isOpen } from './lifecycle';
import { assertNever } from './never';
import { type Rating, type RatingScale, ratingName, ratingSeverity, ratingsOf } from './rating';
import { withoutBidiControls } from './validation';

export const MAX_COMMENTARY = 2000;

export interface AgreeInput {
  /** Absent: agree the proposal as it stands. */
  rating?: Rating;
  commentary: string;
  by: { name: string; email: string };
}

/** The agreement a moderator records, or every reason it cannot be recorded. */
export function agreeRating(
  action: Pick<Action, 'rating'>,
  scale: RatingScale,
  input: AgreeInput,
  now: Date,
): AgreedRating {
  const issues: { field: string; reason: string }[] = [];
  const rating = input.rating ?? action.rating;
  if (!rating) issues.push({ field: 'rating', reason: 'there is no proposal to agree: choose a rating' });
  else if (!ratingsOf(scale).includes(rating))
    issues.push({ field: 'rating', reason: `is not on this plan's scale (${ratingsOf(scale).join(', ')})` });
  const commentary = withoutBidiControls(input.commentary).trim();
  if (commentary === '')
    issues.push({ field: 'commentary', reason: 'is required: it is what the paper says' });
  if (commentary.length > MAX_COMMENTARY)
    issues.push({ field: 'commentary', reason: `must be at most ${MAX_COMMENTARY} characters` });
  if (issues.length > 0) throw new ValidationError(issues);
  return {
    rating: rating!,
    commentary,
    ...(action.rating ? { proposal: action.rating } : {}),
    agreedBy: input.by,
    agreedAt: now.toISOString(),
  };
}

export type RatingStanding =
  | { status: 'agreed'; rating: Rating; proposal?: Rating; differs: boolean }
  /** Proposed after the last agreement, or never agreed. */
  | { status: 'proposed'; rating: Rating; agreed?: Rating }
  | { status: 'unrated' };

/**
 * The rating reports use: the agreed one, unless the owner has proposed a new rating since (then the
 * proposal, marked as not yet agreed, with the agreed one beside it).
 */
export function ratingStanding(
  action: Pick<Action, 'rating' | 'lastUpdatedAt'>,
  agreed: AgreedRating | undefined,
): RatingStanding {
  const proposedSince =
    agreed && action.lastUpdatedAt !== undefined && action.lastUpdatedAt > agreed.agreedAt;
  if (agreed && !(proposedSince && action.rating && action.rating !== agreed.proposal)) {
    return {
      status: 'agreed',
      rating: agreed.rating,
      ...(agreed.proposal ? { proposal: agreed.proposal } : {}),
      differs: agreed.proposal !== undefined && agreed.proposal !== agreed.rating,
    };
  }
  if (action.rating)
    return { status: 'proposed', rating: action.rating, ...(agreed ? { agreed: agreed.rating } : {}) };
  return { status: 'unrated' };
}

export type ModerationFlag =
  | 'overdue-proposed-green'
  | 'no-update-this-round'
  | 'due-date-passed'
  | 'worse-than-agreed';

/** What a moderator should look at twice, for one action in an open round. */
export function moderationFlags(
  action: Pick<Action, 'rating' | 'lifecycle' | 'currentDueDate' | 'lastUpdatedAt'>,
  context: { roundOpenedAt: string; today: IsoDate; agreed?: AgreedRating },
): ModerationFlag[] {
  const flags: ModerationFlag[] = [];
  const open = isOpen(action.lifecycle);
  const overdue = open && action.currentDueDate !== undefined && action.currentDueDate < context.today;
  if (overdue && action.rating === 'green') flags.push('overdue-proposed-green');
  if (open && (action.lastUpdatedAt === undefined || action.lastUpdatedAt < context.roundOpenedAt))
    flags.push('no-update-this-round');
  if (overdue) flags.push('due-date-passed');
  if (
    context.agreed &&
    action.rating &&
    ratingSeverity(action.rating) > ratingSeverity(context.agreed.rating) &&
    action.lastUpdatedAt !== undefined &&
    action.lastUpdatedAt > context.agreed.agreedAt
  )
    flags.push('worse-than-agreed');
  return flags;
}

export function moderationFlagLabel(
  flag: ModerationFlag,
  action: Pick<Action, 'currentDueDate'>,
  today: IsoDate,
): string {
  switch (flag) {
    case 'overdue-proposed-green':
      return 'Overdue but proposed green';
    case 'no-update-this-round':
      return 'No update this round';
    case 'due-date-passed': {
      const days = action.currentDueDate === undefined ? 0 : daysBetween(action.currentDueDate, today);
      return `Due date passed ${days} day${days === 1 ? '' : 's'} ago`;
    }
    case 'worse-than-agreed':
      return 'Proposed rating is worse than the one agreed';
    default: {
      const never: never = flag;
      throw new Error(`Unknown flag ${String(never)}`);
    }
  }
}

type Moderated = Pick<Action, 'rating' | 'lastUpdatedAt' | 'agreed'>;

/** An action's standing, from its own proposal and agreement. */
export function standingOfAction(action: Moderated): RatingStanding {
  return ratingStanding(action, action.agreed);
}

/**
 * The rating figures count an action under: the agreed one, or the owner's proposal while none is
 * agreed (marked as such wherever it is shown, see `standingNote`). Ratings stored before moderation
 * existed have no agreement, so they count as proposals: nobody agreed them, yet dropping them would
 * empty every existing report.
 */
export function reportedRating(action: Moderated): Rating | undefined {
  const standing = standingOfAction(action);
  return standing.status === 'unrated' ? undefined : standing.rating;
}

/** Whether the rating shown is a proposal nobody has agreed yet. */
export function awaitsAgreement(action: Moderated): boolean {
  return standingOfAction(action).status === 'proposed';
}

/**
 * The words beside a rating: "Proposed: Green, not yet agreed" (with the agreed rating it would
 * replace, if any), "Proposed: Green" where the agreed rating differs from the proposal, else nothing.
 */
export function standingNote(standing: RatingStanding): string | undefined {
  switch (standing.status) {
    case 'proposed':
      return `Proposed: ${ratingName(standing.rating)}, not yet agreed${standing.agreed ? ` (agreed: ${ratingName(standing.agreed)})` : ''}`;
    case 'agreed':
      return standing.differs && standing.proposal
        ? `Agreed (proposed: ${ratingName(standing.proposal)})`
        : undefined;
    case 'unrated':
      return undefined;
    default:
      return assertNever(standing);
  }
}

/** The commentary a paper may print: agreed words only, and only while that agreement stands. */
export function publishedCommentary(action: Moderated): string {
  return action.agreed?.commentary ?? '';
}
