/**
 * The one word for the person asking: `Actor`. Whoever drives a use case (a chat turn, a card press, the
 * dashboard, an e-mail link's owner, the command line) is an actor, named by something the service
 * trusts: the Teams token, the Teams roster or local mode, never a request body. Low down (shared) because
 * chat, card presses (updates), reminders (snooze), the dashboard and the admin use cases all take one, and
 * none of those should import another for it.
 */
export interface Actor {
  /** Entra ID object id; in local mode a stand-in; for the operator, their name. */
  aadObjectId: string;
  name: string;
  /** Lower case; how people are matched to plans. */
  email: string;
  /**
   * Entra ID group object ids from the token's `groups` claim (signed in through Teams only, when the app
   * registration adds it), for PLAN_CREATORS. Past 200 groups Entra leaves them out of the token (an
   * "overage"): name such people by address instead.
   */
  groups?: readonly string[];
  /**
   * The command line, run by someone who holds the storage account's access already (as `role` and
   * `close` are): it acts on any plan, with no role in it. Never set from a request.
   */
  operator?: true;
}

/**
 * The same actor as a chat turn or a card press knows them. Not a new word for the person (it is still an
 * actor; only what Teams can tell us differs), so it is written as `Actor` with the chat's context added:
 * the address may be missing, and the turn carries where it was asked. Never an operator: the command line
 * does not speak through chat.
 */
export type ChatActor = Omit<Actor, 'email' | 'operator'> & {
  /** Absent when Teams would not tell us; such a person has no role and owns nothing. */
  email?: string;
  preferredPlanId?: string;
  /** Asked in a group chat or channel, where everyone present sees the answer. */
  inSharedConversation?: boolean;
};

/** A chat actor whose address is known: the only kind that can hold a role or own an action. */
export type KnownChatActor = ChatActor & { email: string };

/** The operator (see `Actor.operator`) named `name`, who is also the audit trail's actor. */
export function operatorActor(name: string): Actor {
  return { aadObjectId: name, name, email: name, operator: true };
}
