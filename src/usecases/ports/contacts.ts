import type { ChannelPreference } from '../../domain/contact-channel';

/**
 * How one person, known by e-mail, is to be reached: their choice of channel, and whether their address
 * has been refused for good. Kept by address because most owners never install the app, so they have no
 * Teams user record to hang it on.
 */
export interface Contact {
  /** Lower case. */
  email: string;
  preference: ChannelPreference;
  /** Set when a mail server refused the address permanently (a 5xx such as 550). */
  undeliverableSince?: string;
  /** The server's short code ("550"), never the message text. */
  undeliverableCode?: string;
  /** Who last set the preference: the person, or a coordinator for them. */
  setBy?: string;
  updatedAt: string;
}

export interface ContactStore {
  get(email: string): Promise<Contact | undefined>;
  /** Those of `emails` that have a record; the rest take the defaults. */
  getMany(emails: readonly string[]): Promise<Contact[]>;
  /** Last writer wins: a preference or a mail server's answer, each a fact as it stands now. */
  put(contact: Contact): Promise<void>;
}
