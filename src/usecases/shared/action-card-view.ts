import type { Action } from '../../domain/action';
import type { Area } from '../../domain/area';
import type { IsoDate } from '../../domain/dates';
import type { CoveringFor } from '../../domain/delegation';
import type { ValidationIssue } from '../../domain/errors';
import type { Plan } from '../../domain/plan';
import type { StatusUpdate } from '../../domain/status-update';
import { type AccessPerson, cardRights, planToday } from '../access/access';
import type { PlanDeps } from '../ports/index';

export type BannerTone = 'good' | 'info' | 'warning' | 'attention';

/** Everything the interactive action card shows, for one viewer, at one moment. */
export interface ActionCardView {
  plan: Plan;
  area?: Area;
  action: Action;
  today: IsoDate;
  latest?: StatusUpdate;
  /** A headline above the action, e.g. for a reminder ("is 3 days overdue") or an escalation. */
  headline?: { text: string; tone: BannerTone };
  /** The date the message asks for an answer by (a round's response date): an e-mail's link lives until then. */
  respondBy?: IsoDate;
  /**
   * The owner whose message this is, when the viewer receives it covering for them (leave): the card's
   * headline and the e-mail's subject say "covering for <name>", its body until when.
   */
  coveringFor?: CoveringFor;
  /** The outcome of what the viewer just did, or why nothing changed. */
  banner?: { text: string; tone: BannerTone };
  /** Input problems, by input id, shown beside the form; nothing was changed. */
  errors?: readonly ValidationIssue[];
  viewer: {
    aadObjectId: string;
    /** Owner or coordinator: sees the update form. */
    canUpdate: boolean;
    /** Lead or coordinator: sees Approve / Reject on a date request and can confirm impact. */
    canDecide: boolean;
    /** A contributing agency's contact: sees a note form (no rating) when they cannot update. */
    canAddNote?: boolean;
    /** The contributing agency the viewer adds notes for, named on the note form. */
    noteFor?: string;
  };
  /** Inputs to show again after a validation error, so nothing typed is lost. */
  inputs?: Record<string, string>;
  /** Show everything (success measure, evidence links): for "show", not for a reminder. */
  detail?: boolean;
  /** Who Teams should refresh the card for (Universal Actions; at most 60). */
  refreshUserIds: string[];
}

/**
 * What a card press leaves to be drawn: the action as it now stands, for this viewer. The outcome of the
 * press (and so the banner) is the presenter's to put into words.
 */
export type ActionCardState = Omit<ActionCardView, 'banner' | 'errors' | 'headline'>;

/**
 * The card as the person looking at it sees it: the action with its area and latest entry (unless given),
 * the plan's today, and the buttons the access entry gives them; Teams refreshes it for them alone.
 */
export async function cardStateFor(
  deps: Pick<PlanDeps, 'stores' | 'clock'>,
  viewer: AccessPerson & { aadObjectId: string },
  { plan, action }: { plan: Plan; action: Action },
  extra: { latest?: StatusUpdate; inputs?: Record<string, string> } = {},
): Promise<ActionCardState> {
  const [area, latest] = await Promise.all([
    deps.stores.actions.getArea(plan.id, action.areaId),
    extra.latest ?? deps.stores.history.listForAction(plan.id, action.id, 1).then(([first]) => first),
  ]);
  return {
    plan,
    ...(area ? { area } : {}),
    action,
    today: planToday(plan, deps.clock),
    ...(latest ? { latest } : {}),
    ...(extra.inputs ? { inputs: extra.inputs } : {}),
    viewer: { aadObjectId: viewer.aadObjectId, ...cardRights(deps.clock, viewer, plan, action) },
    refreshUserIds: [viewer.aadObjectId],
  };
}
