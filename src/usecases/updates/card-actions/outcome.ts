/**
 * What a press can come to, as data, and what each verb's handler is given. Each surface (the card, the
 * tab's JSON, the e-mail update page) has one presenter that puts an outcome into words, a tone and a status.
 */
import type { Action } from '../../../domain/action';
import type { IsoDate } from '../../../domain/dates';
import type { ValidationIssue } from '../../../domain/errors';
import type { Plan } from '../../../domain/plan';
import type { StatusUpdate, UpdateSource } from '../../../domain/status-update';
import type { ActionIntent, DenialReason } from '../../access/access';
import type { ModerationCardView } from '../../moderation/moderation-card-view';
import type { PlanChangeDeps, Versioned } from '../../ports/index';
import type { ActionCardState } from '../../shared/action-card-view';
import type { ChatActor } from '../../shared/actor';
import type { Announcement } from '../announcements';
import type { CardVerb } from './verbs';

export interface CardActionDeps extends PlanChangeDeps {
  /** Where the change came from, for the history: the card (default) or the dashboard tab's form. */
  source?: UpdateSource;
}

/** `view` is the action as it now stands, for this viewer. */
export type CardActionOutcome =
  /** Not a verb of ours: a card from an older version, or a forged one. */
  | { kind: 'unrecognised' }
  | OpeningOutcome
  /** A refresh: the card as it stands. */
  | { kind: 'shown'; view: ActionCardState }
  | ChangeOutcome
  | { kind: 'snoozed'; view: ActionCardState; until: IsoDate }
  /** The date request the button was for was decided (or withdrawn) meanwhile. */
  | { kind: 'date-already-decided'; view: ActionCardState; latest?: StatusUpdate }
  /** The requested date was valid when asked for, but is not now (it has passed, say). */
  | { kind: 'requested-date-invalid'; view: ActionCardState; date: IsoDate; issue?: string }
  /** Impact is confirmed only on a complete action. */
  | { kind: 'not-complete'; view: ActionCardState }
  /** Impact is confirmed only with evidence, and a current value of a linked measure: what is missing. */
  | { kind: 'impact-not-evidenced'; view: ActionCardState; missing: readonly string[] }
  /** A moderator's card: shown, or what became of agreeing (the banner says which). */
  | { kind: 'moderation'; view: ModerationCardView };

/** Before any verb runs: which action, and may this person do this to it. */
export type OpeningOutcome =
  /** The card data does not name an action. */
  | { kind: 'incomplete' }
  | { kind: 'not-found'; actionId: string }
  /** The access policy's refusal; `view` is absent when the person may not even see the action. */
  | { kind: 'forbidden'; reason: DenialReason; intent: ActionIntent; view?: ActionCardState };

/** A change from a form: recorded, or why not. */
export type ChangeOutcome =
  | { kind: 'saved'; view: ActionCardState; entry: StatusUpdate; announcements: Announcement[] }
  /** The identical submission (a double click, a retry) was recorded earlier; nothing more is done. */
  | { kind: 'already-saved'; view: ActionCardState; entry: StatusUpdate }
  /** The card showed an older version of the action; `view` keeps what was typed. */
  | { kind: 'stale'; view: ActionCardState; latest?: StatusUpdate }
  /** Someone else's write landed between our read and ours; `view` is the action as it now is. */
  | { kind: 'conflict'; view: ActionCardState }
  /** Input problems, by field; `view` keeps what was typed. Nothing was changed. */
  | { kind: 'invalid'; view: ActionCardState; issues: readonly ValidationIssue[] };

/** What the dashboard tab's update form can come to. */
export type UpdateOutcome = OpeningOutcome | ChangeOutcome;

/** A press the policy has allowed: who, on which action (as read, with its ETag), with what card data. */
export interface VerbContext {
  deps: CardActionDeps;
  actor: ChatActor;
  plan: Plan;
  loaded: Versioned<Action>;
  data: Record<string, unknown>;
  verb: CardVerb;
}

export type Handler = (ctx: VerbContext) => Promise<CardActionOutcome>;
