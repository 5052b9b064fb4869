/** Domain objects as the tab's JSON (src/http/dashboard-api/api-types.ts): dates in words, rights worked out. */

import { type Action, hasDeadline, isOverdue, isRescheduled } from '../../domain/action';
import { fieldFacts } from '../../domain/action-field-rules';
import { addDays, formatUkDate, formatUkDateTime, type IsoDate } from '../../domain/dates';
import { describeDue, formatDueDate, noDeadlineOf } from '../../domain/deadline';
import { describeHistoryChange, SOURCE_WORDS } from '../../domain/history-summary';
import { isOpen, LIFECYCLES, lifecycleLabel } from '../../domain/lifecycle';
import { reportedRating, standingNote, standingOfAction } from '../../domain/moderation';
import type { Comparison } from '../../domain/monitoring-round';
import type { Plan } from '../../domain/plan';
import { groupsOf } from '../../domain/plan-groups';
import { quadrantHeading } from '../../domain/progress-report';
import { ratingLabel, ratingName, ratingsOf } from '../../domain/rating';
import { cardVersion } from '../../domain/status-change';
import type { StatusUpdate } from '../../domain/status-update';
import { authorWords } from '../../domain/status-update';
import type { ActionDetail, PlanDashboard, Trends } from '../../usecases/dashboard/dashboard';
import type {
  TabAction,
  TabActionDetail,
  TabComparison,
  TabHistoryEntry,
  TabPlanView,
  TabRatingInfo,
  TabTrends,
} from './api-types';

const DUE_SOON_DAYS = 30;

export function ratingInfos(plan: Plan): TabRatingInfo[] {
  return ratingsOf(plan.ratingScale).map((rating) => ({
    rating,
    name: ratingName(rating),
    label: ratingLabel(rating, plan.ratingScale),
    heading: quadrantHeading(rating, plan.ratingScale),
  }));
}

/** `canUpdate` is the access entry's answer for this viewer, worked out by the use case that loaded the view. */
export function tabAction(plan: Plan, action: Action, today: IsoDate, canUpdate: boolean): TabAction {
  const open = isOpen(action.lifecycle);
  const overdue = isOverdue(action, today);
  const soonLimit = addDays(today, DUE_SOON_DAYS);
  return {
    id: action.id,
    areaId: action.areaId,
    description: action.description,
    leadAgency: action.leadAgency,
    owners: action.owners.map((o) => ({ name: o.name, email: o.email })),
    contributingAgencies: action.contributingAgencies,
    ...(action.monitoringGroupId ? { monitoringGroupId: action.monitoringGroupId } : {}),
    ...reportedOf(action),
    lifecycle: action.lifecycle,
    lifecycleLabel: lifecycleLabel(action.lifecycle),
    open,
    // '' when the action has no deadline: the page sorts and filters on these as text.
    baselineDue: action.baselineDueDate ?? '',
    baselineDueLabel: formatDueDate(action.baselineDueDate, noDeadlineOf(action)),
    currentDue: action.currentDueDate ?? '',
    currentDueLabel: formatDueDate(action.currentDueDate, noDeadlineOf(action)),
    rescheduled: isRescheduled(action),
    overdue,
    dueSoon: open && !overdue && hasDeadline(action) && action.currentDueDate <= soonLimit,
    dueText: open
      ? describeDue(action.currentDueDate, today, noDeadlineOf(action))
      : lifecycleLabel(action.lifecycle).toLowerCase(),
    ...(action.lastUpdatedAt
      ? { lastUpdatedLabel: formatUkDateTime(action.lastUpdatedAt, plan.timeZone) }
      : {}),
    // The access policy's answer, as on the card: the form is offered only to those it would accept.
    canUpdate,
    version: cardVersion(action),
  };
}

export function tabPlanView(view: PlanDashboard): TabPlanView {
  const { plan, today } = view;
  return {
    plan: {
      id: plan.id,
      title: plan.title,
      principalAuthority: plan.principalAuthority,
      scale: plan.ratingScale,
      ratings: ratingInfos(plan),
    },
    viewer: { roles: view.roles, seesWholePlan: view.seesWholePlan },
    today,
    todayLabel: formatUkDate(today),
    areas: [...view.areas].sort((a, b) => a.order - b.order).map((a) => ({ id: a.id, text: a.text })),
    agencies: [...new Set(view.actions.map((a) => a.leadAgency))].sort((a, b) => a.localeCompare(b, 'en-GB')),
    contributingAgencies: [...new Set(view.actions.flatMap((a) => a.contributingAgencies))].sort((a, b) =>
      a.localeCompare(b, 'en-GB'),
    ),
    monitoringGroups: groupsOf(plan).map((g) => ({ id: g.id, name: g.name })),
    lifecycles: LIFECYCLES.map((value) => ({ value, label: lifecycleLabel(value) })),
    actions: view.actions.map((a) => tabAction(plan, a, today, view.updatable.has(a.id))),
  };
}

function historyEntry(entry: StatusUpdate, timeZone: string): TabHistoryEntry {
  return {
    at: entry.at,
    atLabel: formatUkDateTime(entry.at, timeZone),
    author: `${authorWords(entry)} (${SOURCE_WORDS[entry.source]})`,
    summary: describeHistoryChange(entry),
    ...(entry.note ? { note: entry.note } : {}),
    ...(entry.evidenceLink ? { evidenceLink: entry.evidenceLink } : {}),
  };
}

export function tabActionDetail(detail: ActionDetail): TabActionDetail {
  const { plan, action, today } = detail;
  const request = action.pendingDateRequest;
  return {
    action: {
      ...tabAction(plan, action, today, detail.canUpdate),
      successMeasure: action.successMeasure,
      facts: fieldFacts(action).map(([label, text]) => ({ label, text })),
      evidenceLinks: action.evidenceLinks,
      contributingAgencies: action.contributingAgencies,
      areaText: detail.area?.text ?? '',
      ...(request
        ? {
            pendingDateRequest: {
              id: request.id,
              dateLabel: formatUkDate(request.date),
              reason: request.reason,
              requestedBy: request.requestedBy.name,
              requestedAtLabel: formatUkDateTime(request.requestedAt, plan.timeZone),
            },
          }
        : {}),
      canDecide: detail.canDecide,
    },
    history: detail.history.map((entry) => historyEntry(entry, plan.timeZone)),
    ratings: ratingInfos(plan),
  };
}

export function tabTrends(trends: Trends): TabTrends {
  return {
    rounds: trends.rounds.map((r) => ({ label: r.label, date: r.date, counts: r.counts })),
    burndown: trends.burndown,
    closedRounds: trends.closedRounds.map((r) => ({
      number: r.number,
      label: `Round ${r.number} (closed ${formatUkDate(r.closedOn ?? r.responseDue)})`,
    })),
  };
}

export function tabComparison(result: { from: string; to: string; comparison: Comparison }): TabComparison {
  const c = result.comparison;
  const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
  return {
    from: capitalised(result.from),
    to: capitalised(result.to),
    improved: c.improved,
    worsened: c.worsened,
    unchanged: c.unchanged,
    newlyRated: c.newlyRated,
    movements: c.movements.map((m) => ({
      actionId: m.actionId,
      ...(m.from ? { from: m.from } : {}),
      ...(m.to ? { to: m.to } : {}),
      movement: m.movement,
    })),
    slipped: c.slipped.map((s) => ({
      actionId: s.actionId,
      fromLabel: formatUkDate(s.from),
      toLabel: formatUkDate(s.to),
      days: s.days,
    })),
  };
}

/**
 * The board places an action by the rating reports count (agreed, or the proposal while none is), and
 * says when that is a proposal; the update form starts from the owner's own proposal.
 */
function reportedOf(
  action: Action,
): Pick<TabAction, 'rating' | 'ratingName' | 'ratingNote' | 'proposedRating'> {
  const rating = reportedRating(action);
  const note = standingNote(standingOfAction(action));
  return {
    ...(rating ? { rating } : {}),
    ratingName: rating ? ratingName(rating) : 'Not yet rated',
    ...(note ? { ratingNote: note } : {}),
    ...(action.rating ? { proposedRating: action.rating } : {}),
  };
}
