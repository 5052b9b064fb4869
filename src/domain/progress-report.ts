/**
 * The inspection-ready progress report (the shape of the Northumberland JTAI report's Appendix A, May 2020):
 * counts and the facts a covering report's background gives, the progress quadrants (or RAG columns) of the
 * open actions, the unrated and the completed ones each apart, then one table of actions per area for
 * improvement (only areas with actions in the report). Pure: the caller reads the plan and passes what the
 * report is drawn from; a paper for one monitoring group names the group.
 *
 * Drawn from the plan's current state today, or from a closed monitoring round's snapshot (the actions as
 * they stood when it closed). Either can be compared with an earlier snapshot: rating movements, slippage.
 *
 * Ratings are the agreed ones; a proposal nobody has agreed yet counts where the owner put it and is
 * marked "Proposed: Green, not yet agreed". What a report says about progress is the agreed commentary:
 * owners' raw notes are never in it (the report has no field that could carry one), because a report
 * becomes a committee paper, and committee papers are published.
 */
import { type Action, compareActionIds, isOverdue, isRescheduled } from './action';
import { fieldFacts } from './action-field-rules';
import type { Area } from './area';
import type { Cadence } from './cadence';
import { formatUkDate, type IsoDate } from './dates';
import { formatDueDate, noDeadlineOf } from './deadline';
import { type Lifecycle, lifecycleLabel } from './lifecycle';
import { publishedCommentary, type RatingStanding, reportedRating, standingOfAction } from './moderation';
import type { MonitoringGroup } from './monitoring-group';
import { type ComparableItem, type Comparison, comparableOf, compareSnapshots } from './monitoring-round';
import { assertNever } from './never';
import type { Plan } from './plan';
import { groupsOf } from './plan-groups';
import { type Rating, type RatingScale, ratingLabel, ratingName, ratingsOf } from './rating';

/** What a report is drawn from: the plan now, or (later) a monitoring round's snapshot. */
export interface ReportSource {
  plan: Plan;
  areas: readonly Area[];
  actions: readonly Action[];
  /** The date the report is "as at": today for the current state, the round's date for a snapshot. */
  asAt: IsoDate;
  /** Where the figures come from, e.g. "current state" or "monitoring round 3". */
  basis?: string;
  /** Who agreed the round the report is drawn from, and who endorsed it (a report of a closed round). */
  governance?: string;
  /** The monitoring group a paper is for (a group's round, or one group's actions today). */
  group?: MonitoringGroup;
  /** The earlier snapshot to measure movement against, e.g. the previous round. */
  previous?: {
    label: string;
    items: readonly ComparableItem[];
    /**
     * Only actions in these groups ('' for "in no group") are compared: an action whose group has no
     * earlier round is not "new since the last round", there was no last round for it. Absent: every one.
     */
    groupIds?: readonly string[];
  };
}

export interface RatingCount {
  rating: Rating | 'unrated';
  name: string;
  count: number;
}

export interface FrontPage {
  total: number;
  byRating: RatingCount[];
  overdue: number;
  /** Actions whose current due date differs from the baseline: a revised date was approved. */
  rescheduled: number;
  /** Complete or impact evidenced. */
  complete: number;
  withdrawn: number;
  /** Ratings shown as the owner proposed them, not yet agreed by a moderator or coordinator. */
  awaitingAgreement: number;
  /** Rating movements and slippage since the previous round, when there is one. */
  movement?: { since: string; comparison: Comparison };
}

export interface QuadrantItem {
  actionId: string;
  description: string;
  /** The agreed commentary, empty when none is agreed. */
  commentary?: string;
  /** "Proposed: Green, not yet agreed", where the rating is not (or not only) an agreed one. */
  ratingNote?: string;
  /** The rating's name and the lifecycle, for an action listed outside the quadrants (a completed one). */
  ratingName?: string;
  status?: string;
}

export interface Quadrant {
  rating: Rating;
  name: string;
  heading: string;
  actions: QuadrantItem[];
}

export interface ReportRow {
  id: string;
  description: string;
  owners: string;
  leadAgency: string;
  /** The contributing agencies, "Health; Education" ('' when none). */
  contributingAgencies: string;
  baselineDue: string;
  currentDue: string;
  rescheduled: boolean;
  overdue: boolean;
  /** The rating counted: agreed, or the owner's proposal while none is agreed. */
  rating?: Rating;
  ratingName: string;
  /** "Proposed: Green, not yet agreed" or, where the agreed rating differs, "Proposed: Green". */
  ratingNote?: string;
  lifecycle: Lifecycle;
  status: string;
  /**
   * The fields shown among an action's facts (action-fields.ts), as [label, text] in the list's order:
   * the success measure first, which papers print under their own heading; see `printedTexts`.
   */
  texts: [label: string, text: string][];
  evidence: string[];
  /** The agreed commentary: the only words about progress a report prints. */
  commentary: string;
}

export interface ReportArea {
  id: string;
  text: string;
  rows: ReportRow[];
}

/** A body that monitors the plan (or part of it): a monitoring group, or the plan's oversight body. */
export interface MonitoringBody {
  name: string;
  cadence: Cadence;
  oversightBody: string;
  /** The next meeting on or after the report's date, when the group has one. */
  nextMeeting?: IsoDate;
}

/** The facts a covering report's background gives: the inspection, the plan, how it is monitored. */
export interface ReportBackground {
  inspectorates: string[];
  inspectionStart?: IsoDate;
  inspectionEnd?: IsoDate;
  submissionDate?: IsoDate;
  /** The plan's monitoring groups, or (a plan without groups) the plan as one at its own cadence. */
  monitoring: MonitoringBody[];
  /** Who agrees the ratings ("S&CE subgroup"), when the plan names a moderation group. */
  moderationGroup?: string;
}

export interface ProgressReport {
  planId: string;
  title: string;
  principalAuthority: string;
  inspectionTheme: string;
  oversightBody: string;
  scale: RatingScale;
  asAt: IsoDate;
  asAtLabel: string;
  basis: string;
  front: FrontPage;
  quadrants: Quadrant[];
  /** Open actions with no rating yet: they sit in no quadrant, so they are listed apart. */
  unrated: QuadrantItem[];
  /** Complete or impact evidenced: their own place, neither in a quadrant nor under "Not yet rated". */
  done: QuadrantItem[];
  /** The group the report is for, named wherever the paper speaks of "the group". */
  group?: MonitoringBody;
  background: ReportBackground;
  areas: ReportArea[];
  /** "Agreed by the S&CE subgroup on 12 May 2025; endorsed by the NSCC on 3 Jun 2025." */
  governance?: string;
  /** The plan's protective marking for the paper, when it sets one (OFFICIAL otherwise). */
  protectiveMarking?: string;
}

/** The quadrant headings as Appendix A words them. */
const QUADRANT_HEADINGS: Record<Rating, string> = {
  green: 'Good progress, all actions taken and on track',
  yellow: 'Sufficient progress, but needs finalising and / or some slippage in time scales',
  amber:
    'Moderate or little progress, and deadlines are either a long way off, ongoing, or have started to slip',
  red: 'Little progress and / or time scales have either passed or are within the next 2 months and are unachievable',
};

export function quadrantHeading(rating: Rating, scale: RatingScale): string {
  return scale === 'quadrant' ? QUADRANT_HEADINGS[rating] : ratingLabel(rating, scale);
}

function isDone(lifecycle: Lifecycle): boolean {
  return lifecycle === 'complete' || lifecycle === 'impact_evidenced';
}

export function buildProgressReport(source: ReportSource): ProgressReport {
  const { plan, areas, asAt } = source;
  const scale = plan.ratingScale;
  const areaOrder = new Map(areas.map((a) => [a.id, a.order]));
  const actions = [...source.actions].sort(
    (a, b) =>
      (areaOrder.get(a.areaId) ?? Number.MAX_SAFE_INTEGER) -
        (areaOrder.get(b.areaId) ?? Number.MAX_SAFE_INTEGER) || compareActionIds(a.id, b.id),
  );
  const ratings = ratingsOf(scale);
  const rated = new Map(actions.map((a) => [a, reportedRating(a)]));
  const ratingOf = (a: Action) => rated.get(a);
  const item = (a: Action): QuadrantItem => {
    const commentary = publishedCommentary(a);
    const note = reportRatingNote(standingOfAction(a));
    return {
      actionId: a.id,
      description: a.description,
      ...(commentary ? { commentary } : {}),
      ...(note ? { ratingNote: note } : {}),
    };
  };
  const open = actions.filter((a) => !isDone(a.lifecycle));
  const doneItem = (a: Action): QuadrantItem => {
    const rating = ratingOf(a);
    return {
      ...item(a),
      ...(rating ? { ratingName: ratingName(rating) } : {}),
      status: lifecycleLabel(a.lifecycle),
    };
  };

  const byRating: RatingCount[] = ratings.map((rating) => ({
    rating,
    name: ratingName(rating),
    count: actions.filter((a) => ratingOf(a) === rating).length,
  }));
  // A rating outside the plan's scale (yellow on a RAG plan) is still counted, never silently dropped.
  const offScale = actions.filter((a) => ratingOf(a) !== undefined && !ratings.includes(ratingOf(a)!));
  for (const rating of new Set(offScale.map((a) => ratingOf(a) as Rating))) {
    byRating.push({
      rating,
      name: ratingName(rating),
      count: offScale.filter((a) => ratingOf(a) === rating).length,
    });
  }
  byRating.push({
    rating: 'unrated',
    name: 'Not yet rated',
    count: actions.filter((a) => !ratingOf(a)).length,
  });

  const quadrants: Quadrant[] = [...ratings, ...new Set(offScale.map((a) => ratingOf(a) as Rating))].map(
    (rating) => ({
      rating,
      name: ratingName(rating),
      heading: quadrantHeading(rating, scale),
      actions: open.filter((a) => ratingOf(a) === rating).map(item),
    }),
  );

  const known = new Set(areas.map((a) => a.id));
  const orphanAreaIds = [...new Set(actions.filter((a) => !known.has(a.areaId)).map((a) => a.areaId))];
  const reportAreas: ReportArea[] = [
    ...[...areas].sort((a, b) => a.order - b.order).map((a) => ({ id: a.id, text: a.text })),
    ...orphanAreaIds.map((id) => ({ id, text: '' })),
  ]
    .map((area) => ({
      ...area,
      rows: actions.filter((a) => a.areaId === area.id).map((a) => rowOf(a, asAt)),
    }))
    // An area with none of the report's actions (another group's, or none yet) prints nothing at all.
    .filter((area) => area.rows.length > 0);
  const group = source.group ? monitoringBody(source.group, asAt) : undefined;

  return {
    planId: plan.id,
    title: plan.title,
    principalAuthority: plan.principalAuthority,
    inspectionTheme: plan.inspection.theme,
    oversightBody: plan.oversightBody,
    scale,
    asAt,
    asAtLabel: formatUkDate(asAt),
    basis: source.basis ?? 'current state of the plan',
    front: {
      total: actions.length,
      byRating,
      overdue: actions.filter((a) => isOverdue(a, asAt)).length,
      rescheduled: actions.filter(isRescheduled).length,
      complete: actions.filter((a) => isDone(a.lifecycle)).length,
      withdrawn: actions.filter((a) => a.lifecycle === 'withdrawn').length,
      awaitingAgreement: actions.filter((a) => standingOfAction(a).status === 'proposed').length,
      ...(source.previous
        ? {
            movement: {
              since: source.previous.label,
              comparison: compareSnapshots(
                source.previous.items,
                comparedActions(actions, source.previous.groupIds).map(comparableOf),
              ),
            },
          }
        : {}),
    },
    quadrants,
    unrated: open.filter((a) => !ratingOf(a)).map(item),
    done: actions.filter((a) => isDone(a.lifecycle)).map(doneItem),
    ...(group ? { group } : {}),
    background: backgroundOf(plan, asAt),
    areas: reportAreas,
    ...(source.governance ? { governance: source.governance } : {}),
    ...(plan.protectiveMarking ? { protectiveMarking: plan.protectiveMarking } : {}),
  };
}

/** The actions compared with the earlier snapshot: those in the groups it covers, or every one. */
function comparedActions(actions: readonly Action[], groupIds: readonly string[] | undefined): Action[] {
  if (!groupIds) return [...actions];
  return actions.filter((a) => groupIds.includes(a.monitoringGroupId ?? ''));
}

function monitoringBody(group: MonitoringGroup, asAt: IsoDate): MonitoringBody {
  const nextMeeting = group.meetings.find((date) => date >= asAt);
  return {
    name: group.name,
    cadence: group.cadence,
    oversightBody: group.oversightBody,
    ...(nextMeeting ? { nextMeeting } : {}),
  };
}

function backgroundOf(plan: Plan, asAt: IsoDate): ReportBackground {
  const groups = groupsOf(plan);
  const { inspection } = plan;
  return {
    inspectorates: inspection.inspectorates,
    ...(inspection.startDate ? { inspectionStart: inspection.startDate } : {}),
    ...(inspection.endDate ? { inspectionEnd: inspection.endDate } : {}),
    ...(plan.submissionDate ? { submissionDate: plan.submissionDate } : {}),
    monitoring:
      groups.length > 0
        ? groups.map((g) => monitoringBody(g, asAt))
        : [{ name: plan.title, cadence: plan.cadence, oversightBody: plan.oversightBody }],
    ...(plan.moderationGroup ? { moderationGroup: plan.moderationGroup } : {}),
  };
}

/**
 * How a rating stands, in words that read inside brackets too: "Amber (agreed; the owner proposed
 * Green)", never "(Agreed (proposed: Green))".
 */
export function reportRatingNote(standing: RatingStanding): string | undefined {
  switch (standing.status) {
    case 'proposed':
      return `Proposed: ${ratingName(standing.rating)}, not yet agreed${
        standing.agreed ? `; ${ratingName(standing.agreed)} was agreed before` : ''
      }`;
    case 'agreed':
      return standing.differs && standing.proposal
        ? `Agreed; the owner proposed ${ratingName(standing.proposal)}`
        : undefined;
    case 'unrated':
      return undefined;
    default:
      return assertNever(standing);
  }
}

function rowOf(action: Action, asAt: IsoDate): ReportRow {
  const rating = reportedRating(action);
  const note = reportRatingNote(standingOfAction(action));
  return {
    id: action.id,
    description: action.description,
    owners: action.owners.map((o) => o.name || o.email).join('; '),
    leadAgency: action.leadAgency,
    contributingAgencies: action.contributingAgencies.join('; '),
    baselineDue: formatDueDate(action.baselineDueDate, noDeadlineOf(action)),
    currentDue: formatDueDate(action.currentDueDate, noDeadlineOf(action)),
    rescheduled: isRescheduled(action),
    overdue: isOverdue(action, asAt),
    ...(rating ? { rating } : {}),
    ratingName: rating ? ratingName(rating) : 'Not yet rated',
    ...(note ? { ratingNote: note } : {}),
    lifecycle: action.lifecycle,
    status: lifecycleLabel(action.lifecycle) + (isOverdue(action, asAt) ? ' (overdue)' : ''),
    texts: fieldFacts(action),
    evidence: action.evidenceLinks,
    commentary: publishedCommentary(action),
  };
}

/**
 * The texts a paper prints beside the evidence: the first field's text under the column's own heading
 * ("Success measure and evidence"), every other with its label, leaving out those with nothing to say.
 */
export function printedTexts(row: Pick<ReportRow, 'texts'>): { lead: string; more: string[] } {
  const [first, ...rest] = row.texts;
  return {
    lead: first?.[1] ?? '',
    more: rest.flatMap(([label, text]) => (text ? [`${label}: ${text}`] : [])),
  };
}
