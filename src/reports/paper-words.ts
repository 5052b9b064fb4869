/**
 * The covering report's words, in the shape councils send scrutiny committees (the seeds: Northumberland's
 * JTAI report of July 2020, Leeds's and Lewisham's): title block, purpose, recommendations, background,
 * summary of progress, risks and issues, then the appendices. Worded once here so the Word paper and the
 * HTML report say the same thing; each lays them out its own way.
 */
import { formatUkDate } from '../domain/dates';
import type { ProgressReport, QuadrantItem } from '../domain/progress-report';
import type { Rating } from '../domain/rating';
import { describeMeasureCounts, type PlanProgressReport } from '../usecases/reports/report-measures';
import type { PaperOptions } from './paper-options';

export const DEFAULT_PROTECTIVE_MARKING = 'OFFICIAL';

/** Quadrant entries and risks quote the action's start: the area tables hold the rest. */
const SHORT_TEXT = 120;

export function paperMarking(report: ProgressReport, options: PaperOptions): string {
  return (
    (options.protectiveMarking ?? report.protectiveMarking ?? DEFAULT_PROTECTIVE_MARKING).trim() ||
    DEFAULT_PROTECTIVE_MARKING
  );
}

export function paperTitle(report: ProgressReport, options: PaperOptions): string {
  const group = report.group ? `, ${report.group.name}` : '';
  return options.title?.trim() || `${report.title}${group}: progress update`;
}

/** Who the paper goes to: the committee named, else the group's oversight body, else the plan's. */
function committeeOf(report: ProgressReport, options: PaperOptions): string {
  return options.committee ?? report.group?.oversightBody ?? report.oversightBody;
}

/** The title block's lines, [label, value], leaving out what nobody gave. */
export function titleBlock(report: ProgressReport, options: PaperOptions): [string, string][] {
  const date = options.date ?? report.group?.nextMeeting;
  const lines: [string, string | undefined][] = [
    ['Committee', committeeOf(report, options)],
    ['Meeting', options.meeting],
    ['Date', date && formatUkDate(date)],
    ['Report author', options.author],
    [
      'Monitoring group',
      report.group &&
        `${report.group.name}${report.group.oversightBody ? `, reporting to ${the(report.group.oversightBody)}` : ''}`,
    ],
    ['Principal authority', report.principalAuthority],
    ['Progress as at', `${report.asAtLabel} (${report.basis})`],
    ['Protective marking', paperMarking(report, options)],
  ];
  return lines.filter((line): line is [string, string] => Boolean(line[1]?.trim()));
}

/** "Ofsted, CQC and HMICFRS": a list as a sentence says it. */
export function listInWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

export function countOf(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

function inspectionInWords(report: ProgressReport): string {
  const { background: b } = report;
  const theme = report.inspectionTheme ? ` of ${report.inspectionTheme}` : '';
  const where = report.principalAuthority ? ` in ${report.principalAuthority}` : '';
  return `the joint inspection${theme}${where}${b.inspectorates.length > 0 ? ` by ${listInWords(b.inspectorates)}` : ''}`;
}

export function purposeOf(report: ProgressReport): string {
  const scope = report.group
    ? `, for the actions of the monitoring group “${report.group.name}”${report.group.oversightBody ? `, which reports to ${the(report.group.oversightBody)}` : ''}`
    : '';
  return `To consider the progress made with the action plan that followed ${inspectionInWords(report)}, as at ${report.asAtLabel}${scope}.`;
}

/** The recommendations: the ones typed when the paper was made, or the usual two. */
export function recommendationsOf(
  report: ProgressReport,
  options: PaperOptions,
): { intro: string; items: string[] } {
  const since = report.front.movement ? ` since ${report.front.movement.since}` : '';
  return {
    intro: `It is recommended that the ${committeeOf(report, options) || 'committee'}:`,
    items: options.recommendations ?? [
      `note the progress made with the action plan${since}, as set out in this report and its appendices;`,
      'identify any areas for further scrutiny.',
    ],
  };
}

const CADENCE_WORDS = { monthly: 'monthly', 'bi-monthly': 'every two months', quarterly: 'quarterly' };

/** The inspection, the plan, how it is monitored, who agreed and who endorsed: one paragraph each. */
export function backgroundOf(report: ProgressReport): string[] {
  const b = report.background;
  const dates =
    b.inspectionStart && b.inspectionEnd
      ? ` from ${formatUkDate(b.inspectionStart)} to ${formatUkDate(b.inspectionEnd)}`
      : b.inspectionStart
        ? ` from ${formatUkDate(b.inspectionStart)}`
        : '';
  const submitted = b.submissionDate ? `, submitted on ${formatUkDate(b.submissionDate)},` : ',';
  const inspection = `${dates ? `${capitalise(inspectionInWords(report))} took place${dates}. ` : ''}The partnership's action plan in response to ${
    dates ? 'it' : inspectionInWords(report)
  }, "${report.title}"${submitted} sets out the areas for improvement, the actions, their owners and their deadlines.`;
  const bodies = b.monitoring.map(
    (m) =>
      `${b.monitoring.length > 1 ? `“${m.name}”, ` : ''}${CADENCE_WORDS[m.cadence]}${
        m.oversightBody ? `, reporting to ${the(m.oversightBody)}` : ''
      }${m.nextMeeting ? ` (next meeting ${formatUkDate(m.nextMeeting)})` : ''}`,
  );
  const monitoring =
    b.monitoring.length > 1
      ? `The plan is monitored in ${b.monitoring.length} groups: ${listInWords(bodies)}.`
      : `The plan is monitored ${bodies.join('')}.`;
  const agreeing = b.moderationGroup ? the(b.moderationGroup) : "the plan's coordinators";
  const method = `In each monitoring round the action owners propose a rating and give an update; ${agreeing} agree${
    b.moderationGroup ? 's' : ''
  } each rating and the commentary this paper prints. Owners' own notes are not published.`;
  const governance = report.governance
    ? `The figures are those of ${report.basis}. ${report.governance}`
    : `The figures are those of the ${report.basis}; they have not been agreed and endorsed as a closed monitoring round.`;
  return [inspection, monitoring, method, governance];
}

/** The summary of progress, in sentences: counts, then movement since the last round, then measures. */
export function progressSummaryOf(report: PlanProgressReport): string[] {
  const f = report.front;
  const scope = report.group ? ` of the monitoring group “${report.group.name}”` : ' in the plan';
  const closed = [
    `${report.done.length === 0 ? 'none is' : `${report.done.length} ${report.done.length === 1 ? 'is' : 'are'}`} complete or impact evidenced`,
    ...(f.withdrawn > 0 ? [`${f.withdrawn} withdrawn`] : []),
  ];
  const open = f.total - report.done.length;
  const rated = report.quadrants
    .filter((q) => q.actions.length > 0)
    .map((q) => `${q.actions.length} ${q.name}`);
  const unrated = report.unrated.length > 0 ? [`${report.unrated.length} not yet rated`] : [];
  const sentences = [
    `Of the ${countOf(f.total, 'action')}${scope}, ${listInWords(closed)}.`,
    open > 0
      ? `Of the ${open} still open, the agreed ratings are: ${listInWords([...rated, ...unrated])}.`
      : 'No action is still open.',
  ];
  if (f.awaitingAgreement > 0)
    sentences.push(
      `${countOf(f.awaitingAgreement, "rating is an owner's proposal", "ratings are owners' proposals")} not yet agreed, shown as such.`,
    );
  sentences.push(movementInWords(report));
  if (report.measures)
    sentences.push(
      `Measures of impact: ${describeMeasureCounts(report.measures)}; ${report.measures.valuesAsAt}.`,
    );
  return sentences;
}

function movementInWords(report: ProgressReport): string {
  const movement = report.front.movement;
  if (!movement) return 'This is the first monitoring round, so there is no earlier round to compare with.';
  const c = movement.comparison;
  const parts = [
    `${countOf(c.improved, 'rating')} improved`,
    `${c.worsened} worsened`,
    `${c.unchanged} stayed the same`,
    ...(c.newlyRated > 0
      ? [`${c.newlyRated} ${c.newlyRated === 1 ? 'was' : 'were'} rated for the first time`]
      : []),
    ...(c.added > 0 ? [`${countOf(c.added, 'action')} ${c.added === 1 ? 'is' : 'are'} new`] : []),
    ...(c.completed.length > 0
      ? [`${countOf(c.completed.length, 'action')} ${c.completed.length === 1 ? 'was' : 'were'} completed`]
      : []),
    ...(c.slipped.length > 0
      ? [`${c.slipped.length} had ${c.slipped.length === 1 ? 'its due date' : 'their due dates'} moved later`]
      : []),
  ];
  return `Since ${movement.since}, ${listInWords(parts)}.`;
}

export interface RiskList {
  heading: string;
  items: string[];
}

/** Risks and issues: red, overdue, revised dates, measures off track; only the lists with something in. */
export function risksOf(report: PlanProgressReport): RiskList[] {
  const rows = report.areas.flatMap((a) => a.rows);
  const red = report.quadrants.find((q) => q.rating === ('red' satisfies Rating))?.actions ?? [];
  const offTrack = (report.measures?.areas ?? []).flatMap((a) =>
    a.measures.filter((m) => m.assessment.status === 'off-track'),
  );
  return [
    {
      heading: 'Rated red',
      items: red.map((item) => `${shortItem(item)}${item.commentary ? `: ${item.commentary}` : ''}`),
    },
    {
      heading: 'Overdue',
      items: rows
        .filter((r) => r.overdue)
        .map((r) => `${r.id} ${shortText(r.description)}: due ${r.currentDue}`),
    },
    {
      heading: 'Due dates revised',
      items: rows
        .filter((r) => r.rescheduled)
        .map((r) => `${r.id} ${shortText(r.description)}: first due ${r.baselineDue}, now ${r.currentDue}`),
    },
    {
      heading: 'Measures off track',
      items: offTrack.map((m) => `${m.measure.name}: ${m.sentence}`),
    },
  ].filter((list) => list.items.length > 0);
}

export const NO_RISKS =
  'No action is rated red or overdue, no due date has been revised and no measure of impact is off track.';

export function appendixATitle(report: ProgressReport): string {
  const by = report.scale === 'quadrant' ? 'progress by quadrant' : 'progress by rating';
  const body = report.group ? `“${report.group.name}”` : report.oversightBody && the(report.oversightBody);
  return `Appendix A: ${by}${body ? ` for ${body}` : ''}, ${report.asAtLabel}`;
}

export const APPENDIX_B_TITLE = 'Appendix B: actions by area for improvement';
export const DONE_HEADING = 'Complete or impact evidenced';

export function appendicesOf(report: ProgressReport): string[] {
  return [appendixATitle(report), APPENDIX_B_TITLE];
}

export function shortText(text: string): string {
  return text.length > SHORT_TEXT ? `${text.slice(0, SHORT_TEXT - 1)}…` : text;
}

/** "2.1 Review the MSET process… (Agreed; the owner proposed Green)". */
export function shortItem(item: QuadrantItem): string {
  return `${item.actionId} ${shortText(item.description)}${item.ratingNote ? ` (${item.ratingNote})` : ''}`;
}

/** A completed action in its own list: what it is and how it ended. */
export function doneItem(item: QuadrantItem): string {
  return `${item.actionId} ${shortText(item.description)} (${[item.status, item.ratingName && `rated ${item.ratingName}`].filter(Boolean).join(', ')})`;
}

/**
 * What a link prints as: the text of "[text](url)", "text <url>" or "text (url)", else the site and the
 * document's name, so a long address never breaks mid-word across a narrow column.
 */
export function linkOf(evidence: string): { text: string; url?: string } {
  const trimmed = evidence.trim();
  const named =
    /^\[([^\]]+)\]\((\S+)\)$/.exec(trimmed) ??
    /^(.+?)\s*<(\S+)>$/.exec(trimmed) ??
    /^(.+?)\s*\((https?:\/\/\S+)\)$/.exec(trimmed);
  if (named) return { text: named[1]!.trim(), ...(/^https?:\/\//.test(named[2]!) ? { url: named[2]! } : {}) };
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return { text: trimmed };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { text: trimmed };
  let name = url.pathname.split('/').filter(Boolean).at(-1) ?? '';
  try {
    name = decodeURIComponent(name);
  } catch {
    // Keep it as written.
  }
  // "Referral-form-briefing.pdf" reads as "Referral form briefing (PDF)", and wraps between words.
  const extension = /\.([A-Za-z0-9]{2,5})$/.exec(name)?.[1];
  const words = name
    .replace(/\.[A-Za-z0-9]{2,5}$/, '')
    .replace(/[-_+]+/g, ' ')
    .trim();
  const text = words
    ? `${words}${extension ? ` (${extension.toUpperCase()})` : ''}`
    : url.hostname.replace(/^www\./, '');
  return { text, url: url.href };
}

/** "the DMT", "the NSCC"; a name that starts with "the" already is left as it is. */
function the(name: string): string {
  return /^the\s/i.test(name) ? name : `the ${name}`;
}

function capitalise(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}
