/**
 * The person asking, as a chat turn or a card press names them. Low down (shared) because chat, card
 * presses (updates) and reminders (snooze) all take one, and none of those should import another for it.
 */
export interface Asker {
  aadObjectId: string;
  name: string;
  /** Absent when Teams would not tell us; such a person has no role and owns nothing. */
  email?: string;
  preferredPlanId?: string;
  /** Asked in a group chat or channel, where everyone present sees the answer. */
  inSharedConversation?: boolean;
}
