/**
 * What the bot answers, as data. The cards adapter turns each kind into an Adaptive Card; keeping
 * replies as data lets the use cases be tested without rendering anything.
 */
import type { Action } from '../../domain/action';
import type { Area } from '../../domain/area';
import type { Command } from '../../domain/chat-command';
import type { ContactState } from '../../domain/contact-channel';
import type { IsoDate } from '../../domain/dates';
import type { Digest } from '../../domain/digest';
import type { Comparison, Round } from '../../domain/monitoring-round';
import type { Plan, PlanRole } from '../../domain/plan';
import type { PlanSummary } from '../../domain/plan-summary';
import type { ProgressReport } from '../../domain/progress-report';
import type { StatusUpdate } from '../../domain/status-update';
import type { MeasureStanding } from '../measures/measures';
import type { ModerationCardView } from '../moderation/moderation-card-view';
import type { ReportLinkAccess } from '../ports/index';
import type { ProgressReportFormat } from '../reports/build-progress-report';
import type { RoundStatus, StartedRound } from '../rounds/monitoring-rounds';
import type { ActionCardView } from '../shared/action-card-view';

export interface Membership {
  planId: string;
  planTitle: string;
  roles: PlanRole[];
  openActionsOwned: number;
}

export interface OwnerReach {
  name: string;
  email: string;
  openActions: number;
  /** In Teams. */
  reachable: boolean;
  /** Why not, in plain words ("has not installed Action Tracker", "removed the app on 3 Mar 2025"). */
  reason?: string;
  /** How the next message goes: Teams, e-mail, both, e-mail undeliverable, or no contact. */
  channel: ContactState;
  channelLabel: string;
  /** A choice made, or a mail server's refusal, in plain words. */
  channelDetail?: string;
}

export type NoticeTone = 'info' | 'warning' | 'refusal' | 'error';

export type Reply =
  | {
      kind: 'welcome';
      name: string;
      memberships: Membership[];
      /** For each plan the person coordinates: the dashboard, where they run it (settings, people, actions). */
      dashboards?: { planTitle: string; url: string }[];
    }
  | { kind: 'help'; memberships: Membership[] }
  | { kind: 'summary'; plan: Plan; summary: PlanSummary; today: IsoDate }
  | {
      kind: 'action-list';
      title: string;
      subtitle: string;
      /** Plans the listed actions belong to, for the rating scale and (for "mine") the plan name. */
      plans: Plan[];
      actions: Action[];
      /** "mine": the owner's name by "planId/actionId" for actions the reader covers for (leave). */
      coveringFor?: Record<string, string>;
      today: IsoDate;
      page: number;
      pageCount: number;
      total: number;
      /** Resubmitted by "Show more" with the next page. */
      command: Command;
      emptyText: string;
    }
  /** The interactive action card (show, update): the same card a reminder carries. */
  | { kind: 'action-card'; view: ActionCardView }
  /** A moderator's card: agree or change one action's proposed rating. */
  | { kind: 'moderation-card'; view: ModerationCardView }
  | { kind: 'history'; plan: Plan; action: Action; entries: StatusUpdate[] }
  | { kind: 'owners'; plan: Plan; owners: OwnerReach[]; emailOn: boolean }
  | { kind: 'measures'; plan: Plan; measures: MeasureStanding[]; areas: Area[]; today: IsoDate }
  | { kind: 'digest'; plan: Plan; digest: Digest; today: IsoDate; dashboardUrl?: string }
  /** Requests queued for the send window, and response-date warnings: see StartedRound. */
  | ({ kind: 'round-started' } & StartedRound)
  | {
      kind: 'round-status';
      status: RoundStatus;
      canClose: boolean;
      /** "round close" without a number: show what is outstanding and ask to confirm. */
      confirmClose: boolean;
    }
  /** "round status" in a plan with monitoring groups: each group's open (or latest) round. */
  | {
      kind: 'round-statuses';
      plan: Plan;
      statuses: RoundStatus[];
      canClose: boolean;
      confirmClose: boolean;
    }
  | {
      kind: 'round-closed';
      plan: Plan;
      round: Round;
      actions: number;
      responded: number;
      comparison?: { since: string; comparison: Comparison };
    }
  | {
      kind: 'report';
      plan: Plan;
      report: ProgressReport;
      /** Signed download links; absent when the app cannot serve them (no public address). */
      links: { format: ProgressReportFormat; url: string }[];
      /** What the links need to give the report (Teams sign-in, or nothing locally). */
      access?: ReportLinkAccess;
      closedRounds: number[];
    }
  | { kind: 'choose-plan'; plans: { id: string; title: string }[]; afterChoice: Command }
  | {
      kind: 'notice';
      tone: NoticeTone;
      title: string;
      text: string;
      suggestions?: string[];
      /** Set when the notice confirms a plan choice ("Now using …"): the plan now remembered. */
      chosenPlanId?: string;
    };
