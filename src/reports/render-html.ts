/**
 * The progress report as one self-contained, print-ready HTML page: A4, system fonts, no scripts and no
 * external assets, so it prints (or turns into a PDF) the same anywhere. Every text is escaped, and every
 * colour comes with the rating's word, so nothing is told by colour alone.
 */

import { formatUkDate } from '../domain/dates';
import { formatMeasureValue } from '../domain/measures';
import {
  type ProgressReport,
  printedTexts,
  type Quadrant,
  type QuadrantItem,
  type ReportArea,
  type ReportRow,
} from '../domain/progress-report';
import { type Rating, ratingName } from '../domain/rating';
import { escapeHtml } from '../support/escape-html';
import type {
  PlanProgressReport,
  ReportAreaMeasures,
  ReportMeasure,
} from '../usecases/reports/report-measures';
import type { PaperOptions } from './paper-options';
import {
  APPENDIX_B_TITLE,
  appendicesOf,
  appendixATitle,
  backgroundOf,
  DONE_HEADING,
  doneItem,
  linkOf,
  NO_RISKS,
  paperTitle,
  progressSummaryOf,
  purposeOf,
  recommendationsOf,
  risksOf,
  shortItem,
  titleBlock,
} from './paper-words';

const e = escapeHtml;

/** Light fills with dark text: readable in greyscale print too. */
const FILL: Record<Rating | 'unrated', string> = {
  green: '#d4edda',
  yellow: '#fff3b0',
  amber: '#ffd8a8',
  red: '#f8d0d0',
  unrated: '#e9ecef',
};

const STYLE = `
@page { size: A4; margin: 15mm 12mm; }
* { box-sizing: border-box; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  font-size: 10pt; color: #111; margin: 0; line-height: 1.35; }
h1 { font-size: 20pt; margin: 0 0 4mm; }
h2 { font-size: 14pt; margin: 0 0 3mm; }
h3 { font-size: 11pt; margin: 0 0 2mm; }
section.page { break-before: page; page-break-before: always; }
section.page:first-of-type { break-before: auto; page-break-before: auto; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #666; padding: 1.5mm 2mm; text-align: left; vertical-align: top; }
th { background: #eee; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
.meta td, .meta th { border: none; padding: 0.5mm 2mm 0.5mm 0; }
.counts { width: auto; min-width: 60%; }
.counts td.n { text-align: right; font-variant-numeric: tabular-nums; }
.grid { display: grid; grid-template-columns: 1fr 1fr; gap: 4mm; }
.grid.rag { grid-template-columns: 1fr 1fr 1fr; }
.quadrant { border: 2px solid #444; padding: 3mm; break-inside: avoid; page-break-inside: avoid; }
.quadrant ul { margin: 0; padding-left: 5mm; }
.quadrant li { margin-bottom: 1mm; }
.tag { display: inline-block; border: 1px solid #444; border-radius: 2px; padding: 0 1.5mm; font-weight: bold; }
.muted { color: #555; }
.id { white-space: nowrap; font-weight: bold; }
.date { white-space: nowrap; }
table.actions th:nth-child(2) { width: 26%; }
table.actions th:nth-child(9) { width: 22%; }
.note { font-size: 9pt; }
/* The area tables have nine columns: they print across the page. */
@page wide { size: A4 landscape; margin: 12mm; }
section.area { page: wide; }
.movement li { margin-bottom: 0.5mm; }
`;

/** The same structure as the Word paper: the covering report, then Appendix A, then Appendix B. */
export function renderProgressReportHtml(report: PlanProgressReport, options: PaperOptions = {}): string {
  const body = [
    frontPage(report, options),
    quadrantsPage(report),
    ...report.areas.map((a, i) =>
      areaPage(
        a,
        report.measures?.areas.find((m) => m.areaId === a.id),
        i === 0,
      ),
    ),
  ].join('\n');
  return `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(`${paperTitle(report, options)}, ${report.asAtLabel}`)}</title>
<style>${STYLE}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

function tag(rating: Rating | 'unrated', name: string): string {
  return `<span class="tag" style="background:${FILL[rating]}">${e(name)}</span>`;
}

function frontPage(r: PlanProgressReport, options: PaperOptions): string {
  const counts: [string, number][] = [
    ['Actions', r.front.total],
    ['Overdue (open and past the current due date)', r.front.overdue],
    ['Rescheduled with approval (current due date differs from baseline)', r.front.rescheduled],
    ['Complete or impact evidenced', r.front.complete],
    ['Withdrawn', r.front.withdrawn],
    ['Ratings proposed by owners, not yet agreed', r.front.awaitingAgreement],
  ];
  const recommendations = recommendationsOf(r, options);
  const risks = risksOf(r);
  const paragraphs = (texts: readonly string[]) => texts.map((t) => `<p>${e(t)}</p>`).join('\n');
  const list = (items: readonly string[]) => `<ul>${items.map((i) => `<li>${e(i)}</li>`).join('')}</ul>`;
  return `<section class="page front">
<h1>${e(paperTitle(r, options))}</h1>
<table class="meta"><tbody>
${titleBlock(r, options)
  .map(([k, v]) => `<tr><th scope="row">${e(k)}</th><td>${e(v)}</td></tr>`)
  .join('\n')}
</tbody></table>
<h2>1. Purpose of the report</h2>
<p>${e(purposeOf(r))}</p>
<h2>2. Recommendations</h2>
<p>${e(recommendations.intro)}</p>
${list(recommendations.items)}
<h2>3. Background</h2>
${paragraphs(backgroundOf(r))}
<h2>4. Summary of progress</h2>
${paragraphs(progressSummaryOf(r))}
<table class="counts"><tbody>
${counts.map(([k, n]) => `<tr><th scope="row">${e(k)}</th><td class="n">${n}</td></tr>`).join('\n')}
</tbody></table>
<h3 style="margin-top:5mm">By progress rating</h3>
<table class="counts"><thead><tr><th scope="col">Rating</th><th scope="col">Actions</th></tr></thead><tbody>
${r.front.byRating
  .map((c) => `<tr><td>${tag(c.rating, c.name)}</td><td class="n">${c.count}</td></tr>`)
  .join('\n')}
</tbody></table>
${measureCounts(r)}
${movementSection(r)}
<h2>5. Risks and issues</h2>
${
  risks.length === 0
    ? `<p>${e(NO_RISKS)}</p>`
    : risks.map((l) => `<h3>${e(`${l.heading} (${l.items.length})`)}</h3>\n${list(l.items)}`).join('\n')
}
<h2>6. Appendices</h2>
${list(appendicesOf(r))}
</section>`;
}

/** The front page's count of measures on and off track; nothing for a plan without measures. */
function measureCounts(r: PlanProgressReport): string {
  const m = r.measures;
  if (!m) return '';
  const rows: [string, number][] = [
    ['On track', m.counts['on-track']],
    ['Off track', m.counts['off-track']],
    ['No data (no value for the period owed)', m.counts['no-data']],
  ];
  return `<h3 style="margin-top:5mm">Measures of impact</h3>
<table class="counts"><tbody>
${rows.map(([k, n]) => `<tr><th scope="row">${e(k)}</th><td class="n">${n}</td></tr>`).join('\n')}
<tr><th scope="row">Measures in the plan</th><td class="n">${m.total}</td></tr>
</tbody></table>
<p class="muted">Status from ${e(m.valuesAsAt)}.</p>`;
}

/** "What difference has it made": the area's measures, baseline → latest → target and status. */
function measuresSection(area: ReportAreaMeasures | undefined): string {
  if (!area || area.measures.length === 0) return '';
  const row = (part: ReportMeasure): string => {
    const { measure, assessment } = part;
    const v = (n: number) => e(formatMeasureValue(measure.unit, n));
    const latest = assessment.latest
      ? `${v(assessment.latest.value)} <span class="muted">(${e(assessment.latest.periodLabel)})</span>`
      : '<span class="muted">No recent value</span>';
    return `<tr>
<td><strong>${e(measure.name)}</strong><br><span class="muted">${e(part.kindLabel)}</span></td>
<td>${v(measure.baseline.value)} <span class="muted date">(${e(formatUkDate(measure.baseline.date))})</span></td>
<td>${latest}</td>
<td>${v(measure.target.value)} <span class="muted date">by ${e(formatUkDate(measure.target.date))}</span></td>
<td>${e(part.direction)}</td>
<td><span class="tag">${e(part.statusWords)}</span><br><span class="note">${e(assessment.reason)}</span></td>
<td class="note">${e(part.sentence)}</td>
</tr>`;
  };
  return `<h3 style="margin-top:5mm">What difference has it made</h3>
<table class="measures">
<thead><tr><th scope="col">Measure</th><th scope="col">Baseline</th><th scope="col">Latest</th><th scope="col">Target</th><th scope="col">Better when</th><th scope="col">Status</th><th scope="col">In words</th></tr></thead>
<tbody>
${area.measures.map(row).join('\n')}
</tbody>
</table>`;
}

function movementSection(r: ProgressReport): string {
  const movement = r.front.movement;
  if (!movement) {
    return '<p class="muted" style="margin-top:5mm">No earlier monitoring round to compare with.</p>';
  }
  const c = movement.comparison;
  const counts: [string, number][] = [
    ['Rating improved', c.improved],
    ['Rating worsened', c.worsened],
    ['Rating unchanged', c.unchanged],
    ['Rated for the first time', c.newlyRated],
    ['New actions', c.added],
    ['Due date moved later', c.slipped.length],
    ['Completed', c.completed.length],
  ];
  const moved = c.movements.filter((m) => m.movement === 'improved' || m.movement === 'worsened');
  const list = (items: string[]) =>
    items.length === 0 ? '' : `<ul class="movement">${items.map((i) => `<li>${i}</li>`).join('')}</ul>`;
  return `<h3 style="margin-top:5mm">Movement since ${e(movement.since)}</h3>
<table class="counts"><tbody>
${counts.map(([k, n]) => `<tr><th scope="row">${e(k)}</th><td class="n">${n}</td></tr>`).join('\n')}
</tbody></table>
${list(
  moved.map(
    (m) =>
      `<span class="id">${e(m.actionId)}</span> ${m.movement}: ${tag(m.from ?? 'unrated', m.from ? ratingName(m.from) : 'Not rated')} → ${tag(m.to ?? 'unrated', m.to ? ratingName(m.to) : 'Not rated')}`,
  ),
)}
${list(
  c.slipped.map(
    (s) =>
      `<span class="id">${e(s.actionId)}</span> due date moved from ${e(formatUkDate(s.from))} to ${e(formatUkDate(s.to))} (${s.days} days later)`,
  ),
)}`;
}

function quadrantBox(q: Quadrant): string {
  const items =
    q.actions.length === 0
      ? '<p class="muted">No actions.</p>'
      : `<ul>${q.actions.map((a) => `<li>${quadrantEntry(a)}</li>`).join('')}</ul>`;
  return `<div class="quadrant" style="background:${FILL[q.rating]}">
<h3>${tag(q.rating, q.name)} ${e(q.heading)} <span class="muted">(${q.actions.length})</span></h3>
${items}
</div>`;
}

/** A link as its text, so a long address never breaks mid-word; only web addresses are followed. */
function evidenceLink(evidence: string): string {
  const { text, url } = linkOf(evidence);
  return url ? `<a href="${e(url)}">${e(text)}</a>` : e(text);
}

/** An entry in a quadrant: id, text, the agreed commentary and, for a proposal, that it is one. */
function quadrantEntry(a: QuadrantItem): string {
  return `<span class="id">${e(a.actionId)}</span> ${e(a.description)}${
    a.ratingNote ? ` <span class="muted">(${e(a.ratingNote)})</span>` : ''
  }${a.commentary ? `<br><span class="note">${e(a.commentary)}</span>` : ''}`;
}

function quadrantsPage(r: ProgressReport): string {
  const listed = (title: string, items: readonly string[]) =>
    items.length === 0
      ? ''
      : `<h3 style="margin-top:4mm">${e(title)}</h3><ul>${items.map((i) => `<li>${e(i)}</li>`).join('')}</ul>`;
  return `<section class="page quadrants">
<h2>${e(appendixATitle(r))}</h2>
<div class="grid${r.scale === 'rag' ? ' rag' : ''}">
${r.quadrants.map(quadrantBox).join('\n')}
</div>
${listed(`Not yet rated (${r.unrated.length})`, r.unrated.map(shortItem))}
${listed(`${DONE_HEADING} (${r.done.length})`, r.done.map(doneItem))}
</section>`;
}

/** The success measure (or "None"), then any other field shown among the facts, with its label. */
function textsCell(row: ReportRow): string {
  const { lead, more } = printedTexts(row);
  return [lead ? e(lead) : '<span class="muted">None</span>', ...more.map(e)].join('<br>');
}

function areaPage(area: ReportArea, measures: ReportAreaMeasures | undefined, first: boolean): string {
  const heading = area.text ? `${area.id}: ${area.text}` : area.id;
  const rows = area.rows
    .map(
      (row) => `<tr>
<td class="id">${e(row.id)}</td>
<td>${e(row.description)}</td>
<td>${e(row.owners)}</td>
<td>${e(row.leadAgency)}${row.contributingAgencies ? `<br><span class="muted">With: ${e(row.contributingAgencies)}</span>` : ''}</td>
<td class="date">${e(row.baselineDue)}</td>
<td class="date">${e(row.currentDue)}${row.rescheduled ? ' <span class="muted">(revised)</span>' : ''}</td>
<td>${tag(row.rating ?? 'unrated', row.ratingName)}${row.ratingNote ? `<br><span class="muted">${e(row.ratingNote)}</span>` : ''}</td>
<td>${e(row.status)}</td>
<td class="note">${textsCell(row)}${row.evidence.map((link) => `<br>Evidence: ${evidenceLink(link)}`).join('')}</td>
<td class="note">${row.commentary ? e(row.commentary) : '<span class="muted">None agreed</span>'}</td>
</tr>`,
    )
    .join('\n');
  return `<section class="page area">
${first ? `<h2>${e(APPENDIX_B_TITLE)}</h2>\n` : ''}<h2>Area for improvement ${e(heading)}</h2>
<table class="actions">
<thead><tr><th scope="col">Action</th><th scope="col">Description</th><th scope="col">Owner(s)</th><th scope="col">Lead agency</th><th scope="col">Baseline due</th><th scope="col">Current due</th><th scope="col">Rating</th><th scope="col">Status</th><th scope="col">Success measure and evidence</th><th scope="col">Agreed commentary</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
${measuresSection(measures)}
</section>`;
}
