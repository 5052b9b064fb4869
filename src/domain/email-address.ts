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

/**
 * Unicode format (Cf: zero-width spaces and joiners, right-to-left overrides, …) and control (Cc)
 * characters. None belongs in an address, and they are invisible: "\u202eevil@example.org" would be
 * granted a role that shows on screen as a different address, and no one could type it back.
 */
const HIDDEN_CHARACTER = /[\p{Cf}\p{Cc}]/u;

/**
 * Why an address cannot be taken when it holds a hidden character, in the same words on every surface
 * (people page, import, CLI, chat: all check through validation.ts); undefined when it holds none. The
 * words name the character by code point rather than quoting the address, which it would garble.
 */
export function hiddenCharacterProblem(address: string): string | undefined {
  const hidden = HIDDEN_CHARACTER.exec(address)?.[0];
  if (hidden === undefined) return undefined;
  const code = (hidden.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
  return `contains an invisible or control character (U+${code}); type the address again without it`;
}

/** The normalised address, or undefined when the text is not shaped like one (or is blank). */
export function parseEmailAddress(text: string): EmailAddress | undefined {
  const address = emailAddress(text);
  return address.length <= EMAIL_MAX_LENGTH && EMAIL_SHAPE.test(address) && !hiddenCharacterProblem(address)
    ? address
    : undefined;
}

export function isEmailAddress(text: string): text is EmailAddress {
  return text === emailAddress(text);
}

/** Whether two addresses name the same mailbox; a blank address matches nobody, not even another blank. */
export function sameEmailAddress(a: string, b: string): boolean {
  const left = emailAddress(a);
  return left !== '' && left === emailAddress(b);
}
