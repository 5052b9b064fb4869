/**
 * Field rules shared by every way data comes in (spreadsheet, card, command, tab), so a value refused
 * in one place is refused with the same words everywhere.
 */
import { type IsoDate, isValidIsoDate } from './dates';
import { EMAIL_MAX_LENGTH, EMAIL_SHAPE, emailAddress, hiddenCharacterProblem } from './email-address';
import type { ValidationIssue } from './errors';

export const LIMITS = {
  planTitle: 200,
  areaText: 1000,
  actionDescription: 2000,
  successMeasure: 2000,
  agency: 120,
  personName: 120,
  email: EMAIL_MAX_LENGTH,
  note: 2000,
  url: 2000,
  evidenceLinks: 20,
  owners: 10,
  contributingAgencies: 20,
} as const;

export const PLAN_ID_PATTERN = /^[a-z0-9][a-z0-9-]{1,62}$/;
export const ITEM_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/;
const PLAN_ID = PLAN_ID_PATTERN;
const ITEM_ID = ITEM_ID_PATTERN;
// Control characters other than tab, CR and LF never belong in plan text.
// biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to find them
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/**
 * Bidirectional controls (embeddings and overrides U+202A–U+202E, isolates U+2066–U+2069, the marks
 * U+200E, U+200F and U+061C). Invisible, and they reorder what follows: in a note or commentary they can
 * make a paper or a card read other than what was typed. Free text never needs them, so they are dropped
 * (not refused: a pasted paragraph should not bounce for a character nobody can see).
 */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/g;

/** Free text without bidirectional controls: the one place they are stripped (Checker.text, commentary). */
export function withoutBidiControls(text: string): string {
  return text.replace(BIDI_CONTROLS, '');
}

export class Checker {
  readonly issues: ValidationIssue[] = [];
  constructor(private readonly row?: number) {}

  add(field: string, reason: string): void {
    this.issues.push(this.row === undefined ? { field, reason } : { field, reason, row: this.row });
  }

  text(field: string, value: string, max: number, options: { required?: boolean } = {}): string {
    const trimmed = withoutBidiControls(value).trim();
    if (options.required && trimmed === '') this.add(field, 'is required');
    else if (trimmed.length > max) this.add(field, `is ${trimmed.length} characters; the limit is ${max}`);
    else if (CONTROL.test(trimmed)) this.add(field, 'contains control characters');
    return trimmed;
  }

  planId(field: string, value: string): string {
    if (!PLAN_ID.test(value)) {
      this.add(field, `"${clip(value)}" is not a plan id: use 2–63 lower-case letters, digits and hyphens`);
    }
    return value;
  }

  itemId(field: string, value: string): string {
    const trimmed = value.trim();
    if (trimmed === '') this.add(field, 'is required');
    else if (!ITEM_ID.test(trimmed)) {
      this.add(field, `"${clip(trimmed)}" is not a valid id: use up to 32 letters, digits, dots, hyphens`);
    }
    return trimmed;
  }

  email(field: string, value: string): string {
    const trimmed = emailAddress(value);
    const hidden = hiddenCharacterProblem(trimmed);
    if (trimmed === '') this.add(field, 'is required');
    else if (hidden) this.add(field, hidden);
    else if (trimmed.length > LIMITS.email || !EMAIL_SHAPE.test(trimmed)) {
      this.add(field, `"${clip(trimmed)}" is not an e-mail address`);
    }
    return trimmed;
  }

  httpsUrl(field: string, value: string): string {
    const trimmed = value.trim();
    if (!isHttpsUrl(trimmed)) this.add(field, `"${clip(trimmed)}" is not an https:// link`);
    else if (trimmed.length > LIMITS.url) this.add(field, `is longer than ${LIMITS.url} characters`);
    return trimmed;
  }

  isoDate(field: string, value: string): IsoDate {
    if (!isValidIsoDate(value)) this.add(field, `"${clip(value)}" is not a date like 2024-12-31`);
    return value;
  }

  oneOf<T extends string>(field: string, value: string, allowed: readonly T[]): T {
    if (!(allowed as readonly string[]).includes(value)) {
      this.add(field, `"${clip(value)}" is not one of ${allowed.join(', ')}`);
    }
    return value as T;
  }

  get ok(): boolean {
    return this.issues.length === 0;
  }
}

export function isHttpsUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && url.hostname !== '';
  } catch {
    return false;
  }
}

export function isEmail(value: string): boolean {
  return EMAIL_SHAPE.test(value.trim());
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}
