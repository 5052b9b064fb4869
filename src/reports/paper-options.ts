/**
 * What the person making a committee paper chooses: the one shape the CLI `report` command, the
 * dashboard and the renderers share, and the one check of it, so every surface refuses the same input
 * in the same words.
 */
import { type IsoDate, parseUkDate } from '../domain/dates';
import { ValidationError, type ValidationIssue } from '../domain/errors';

export interface PaperOptions {
  /** "Progress update for the S&CE subgroup, May 2025"; the plan's title when absent. */
  title?: string;
  /** The meeting the paper goes to, e.g. "Safeguarding and Criminal Exploitation subgroup, 12 May 2025". */
  meeting?: string;
  /** Shown at the top and bottom of every page (Government Security Classifications). */
  protectiveMarking?: string;
  /** The committee the covering report is addressed to: "Families and Children's Scrutiny Committee". */
  committee?: string;
  /** The date of the meeting the paper goes to. */
  date?: IsoDate;
  /** Whose report it is: "Report of the Director of Children's Services". */
  author?: string;
  /** What the committee is asked to do; the default wording when absent. */
  recommendations?: string[];
}

export const PAPER_TEXT_LIMIT = 200;
export const RECOMMENDATION_LIMIT = 500;
export const MAX_RECOMMENDATIONS = 10;

/** The inputs as they arrive: a form's or the command line's strings, recommendations one a line. */
export interface PaperInput {
  title?: unknown;
  meeting?: unknown;
  marking?: unknown;
  committee?: unknown;
  date?: unknown;
  author?: unknown;
  recommendations?: unknown;
}

const TEXT_FIELDS = [
  ['title', 'title'],
  ['meeting', 'meeting'],
  ['marking', 'protectiveMarking'],
  ['committee', 'committee'],
  ['author', 'author'],
] as const;

/**
 * The paper's options from what was typed, blank fields left out; every problem at once as a
 * ValidationError naming the field, and nothing made.
 */
export function readPaperOptions(input: PaperInput): PaperOptions {
  const issues: ValidationIssue[] = [];
  const options: PaperOptions = {};
  for (const [field, key] of TEXT_FIELDS) {
    const text = oneText(input[field], field, issues);
    if (text === undefined) continue;
    if (text.length > PAPER_TEXT_LIMIT)
      issues.push({ field, reason: `must be at most ${PAPER_TEXT_LIMIT} characters` });
    else options[key] = text;
  }
  const date = oneText(input.date, 'date', issues);
  if (date !== undefined) {
    const parsed = parseUkDate(date);
    if (parsed.ok) options.date = parsed.value;
    else issues.push({ field: 'date', reason: parsed.reason });
  }
  const recommendations = recommendationsOf(input.recommendations, issues);
  if (recommendations) options.recommendations = recommendations;
  if (issues.length > 0) throw new ValidationError(issues);
  return options;
}

/** A single text, trimmed; undefined when blank or absent. */
function oneText(value: unknown, field: string, issues: ValidationIssue[]): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') {
    issues.push({ field, reason: 'must be given once, as text' });
    return undefined;
  }
  const text = value.trim();
  return text === '' ? undefined : text;
}

/** One recommendation a line (a form's text area), or one per `--recommendation`. */
function recommendationsOf(value: unknown, issues: ValidationIssue[]): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  const parts = Array.isArray(value) ? value : [value];
  if (!parts.every((part): part is string => typeof part === 'string')) {
    issues.push({ field: 'recommendations', reason: 'must be text' });
    return undefined;
  }
  const lines = parts
    .flatMap((part) => part.split(/\r?\n/))
    .map((line) => line.trim().replace(/^[-•*]\s*/, ''))
    .filter((line) => line !== '');
  if (lines.length === 0) return undefined;
  if (lines.length > MAX_RECOMMENDATIONS)
    issues.push({ field: 'recommendations', reason: `at most ${MAX_RECOMMENDATIONS}, one a line` });
  const long = lines.findIndex((line) => line.length > RECOMMENDATION_LIMIT);
  if (long >= 0)
    issues.push({
      field: 'recommendations',
      reason: `recommendation ${long + 1} is longer than ${RECOMMENDATION_LIMIT} characters`,
    });
  return lines;
}
