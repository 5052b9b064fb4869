import type { Action } from '../../domain/action';
import type { Area } from '../../domain/area';
import type { IsoDate } from '../../domain/dates';
import type { ValidationIssue } from '../../domain/errors';
import type { Plan } from '../../domain/plan';
import type { StatusUpdate } from '../../domain/status-update';

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
