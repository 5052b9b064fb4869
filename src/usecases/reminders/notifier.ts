import type { Action, Owner } from '../../domain/action';
import type { Area } from '../../domain/area';
import type { IsoDate } from '../../domain/dates';
import type { Digest } from '../../domain/digest';
import type { Plan } from '../../domain/plan';
import type { ReminderStepName } from '../../domain/reminder-policy';
import type { SendOutcome, TeamsUser } from '../ports/index';
import type { ActionCardView } from '../updates/action-card-view';

export interface Nudge {
  plan: Plan;
  area?: Area;
  action: Action;
  owner: Owner;
  step: ReminderStepName;
  today: IsoDate;
}

export interface UndeliveredNudge {
  owner: Owner;
  action: Action;
  step: ReminderStepName;
  /** Plain words: "has not installed Action Tracker", "removed the app". */
  reason: string;
}

/** Sends proactive cards. The bot adapter implements it: rendering, pacing, retries, 403 handling. */
export interface Notifier {
  sendNudge(to: TeamsUser, nudge: Nudge): Promise<SendOutcome>;
  /** An action card for one person (escalations, date requests and decisions). */
  sendActionCard(to: TeamsUser, view: ActionCardView, summary: string): Promise<SendOutcome>;
  sendDigest(to: TeamsUser, plan: Plan, digest: Digest, today: IsoDate): Promise<SendOutcome>;
  sendUndelivered(to: TeamsUser, plan: Plan, items: UndeliveredNudge[], today: IsoDate): Promise<SendOutcome>;
}
