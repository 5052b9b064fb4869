/**
 * An e-mail address as the tracker compares it: trimmed and in lower case, normalised once when it comes
 * in, so two spellings of one address ("Jo@Police.UK ", "jo@police.uk") are one person everywhere. The
 * brand keeps a raw string from passing for a normalised one; `emailAddress` is the one way to make one.
 */
declare const normalised: unique symbol;

export type EmailAddress = string & { readonly [normalised]: true };

/** Normalises without judging the shape; '' stays '' (an owner with no contact). */
export function emailAddress(text: string): EmailAddress {
  return text.trim().toLowerCase() as EmailAddress;
}

/**
 * The one shape of an address, which the input checks (validation.ts) use too, so each accepts what the
 * other does. Deliberately simple: the address must be usable as a Teams sign-in name, not RFC 5322 in full.
 */
export const EMAIL_SHAPE = /^[^\s@<>()[\]\\,;:"/#?]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/;
export const EMAIL_MAX_LENGTH = 254;

/** The normalised address, or undefined when the text is not shaped like one (or is blank). */
export function parseEmailAddress(text: string): EmailAddress | undefined {
  const address = emailAddress(text);
  return address.length <= EMAIL_MAX_LENGTH && EMAIL_SHAPE.test(address) ? address : undefined;
}

export function isEmailAddress(text: string): text is EmailAddress {
  return text === emailAddress(text);
}

/** Whether two addresses name the same mailbox; a blank address matches nobody, not even another blank. */
export function sameEmailAddress(a: string, b: string): boolean {
  const left = emailAddress(a);
  return left !== '' && left === emailAddress(b);
}
