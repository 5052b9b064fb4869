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
  /** The person's e-mail update links: their current version and any one-time code outstanding. */
  linkState(email: string): Promise<LinkState>;
  /**
   * Changes the link state as a step on the newest record (ETag-checked and retried), so a revocation and
   * a code's tries are never lost to a concurrent write; returns the state written.
   */
  changeLinkState(email: string, change: (current: LinkState) => LinkState): Promise<LinkState>;
}

/**
 * What makes a person's e-mail update links trustworthy, kept beside their contact record but in columns
 * of its own, so a preference saved from a stale read never undoes a revocation.
 */
export interface LinkState {
  /** Put in every link made for this address; moving it on withdraws every link made before. 0 at first. */
  version: number;
  /** The one-time code outstanding for a link older than a day, if any. */
  code?: LinkCode;
}

/** A one-time code as stored: never the code itself. */
export interface LinkCode {
  /** Keyed hash of the link and the code. */
  hash: string;
  /** Which link it was sent for (a keyed fingerprint, not the link). */
  link: string;
  sentAt: string;
  expiresAt: string;
  /** Wrong answers so far; the code is spent at five. */
  tries: number;
}
