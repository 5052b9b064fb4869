/**
 * The progress report as a committee paper in Word, the shape scrutiny papers take: a title naming the
 * meeting, a front page of counts and movement, the four-quadrant grid as a 2×2 table, then one table per
 * area for improvement. Built with the maintained `docx` library, so the file is real OOXML that Word,
 * LibreOffice and SharePoint open and screen readers navigate: real headings, header rows that repeat on
 * every page, and a protective marking in the header and footer of every page.
 *
 * Owners' raw notes are not in the paper: what goes to a committee is the agreed commentary only (the
 * report it is drawn from carries no raw note at all). Ratings are the agreed ones; a proposal nobody has
 * agreed yet is printed as such ("Proposed: Green, not yet agreed").
 *
 * Areas with measures end with "What difference has it made": each measure's baseline → latest → target in
 * words and a small run chart (a PNG drawn without a browser) whose alt text gives the same numbers.
 * Its tables carry alt text (a title and a description, `w:tblCaption` and
 * `w:tblDescription`), which `docx` has no option for, so `withAltText` adds the two elements itself.
 */
import {
  AlignmentType,
  Document,
  Footer,
  Header,
  HeadingLevel,
  ImageRun,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  ShadingType,
  StringValueElement,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { describeComparison } from '../domain/monitoring-round';
import {
  type ProgressReport,
  printedTexts,
  type Quadrant,
  type QuadrantItem,
  type ReportArea,
} from '../domain/progress-report';
import type { Rating } from '../domain/rating';
import {
  describeMeasureCounts,
  type PlanProgressReport,
  type ReportAreaMeasures,
} from '../usecases/reports/report-measures';
import { CHART_HEIGHT, CHART_WIDTH, measureChartAltText, renderMeasureChart } from './measure-chart';

export const DEFAULT_PROTECTIVE_MARKING = 'OFFICIAL';

export interface PaperOptions {
  /** "Progress update for the S&CE subgroup, May 2025"; the plan's title when absent. */
  title?: string;
  /** The meeting the paper goes to, e.g. "Safeguarding and Criminal Exploitation subgroup, 12 May 2025". */
  meeting?: string;
  /** Shown at the top and bottom of every page (Government Security Classifications). */
  protectiveMarking?: string;
}

/** Light fills with dark text, as in the HTML report: each cell also names its rating in words. */
const FILL: Record<Rating, string> = { green: 'D4EDDA', yellow: 'FFF3B0', amber: 'FFD8A8', red: 'F8D0D0' };

/** Quadrant entries quote the action's start: the grid is a summary, the area tables hold the rest. */
const SHORT_TEXT = 120;

export async function renderProgressReportDocx(
  report: PlanProgressReport,
  options: PaperOptions = {},
): Promise<Buffer> {
  const marking =
    (options.protectiveMarking ?? report.protectiveMarking ?? DEFAULT_PROTECTIVE_MARKING).trim() ||
    DEFAULT_PROTECTIVE_MARKING;
  const title = options.title?.trim() || `${report.title}: progress update`;
  const doc = new Document({
    title,
    description: `Progress on ${report.title} as at ${report.asAtLabel}`,
    creator: 'Action Tracker',
    styles: { default: { document: { run: { font: 'Arial', size: 22 } } } },
    sections: [
      {
        properties: { page: { size: { orientation: PageOrientation.LANDSCAPE } } },
        headers: { default: markingHeader(marking) },
        footers: { default: markingFooter(marking) },
        children: [
          new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(title)] }),
          ...frontMatter(report, options),
          ...summary(report),
          ...quadrantGrid(report),
          ...report.areas.flatMap((area) => [
            ...areaSection(area),
            ...measuresSection(report.measures?.areas.find((m) => m.areaId === area.id)),
          ]),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

function markingHeader(marking: string): Header {
  return new Header({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ text: marking, bold: true })],
      }),
    ],
  });
}

function markingFooter(marking: string): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [
          new TextRun({ text: `${marking}   ·   Page `, bold: false }),
          new TextRun({ children: [PageNumber.CURRENT] }),
          new TextRun(' of '),
          new TextRun({ children: [PageNumber.TOTAL_PAGES] }),
        ],
      }),
    ],
  });
}

function frontMatter(report: ProgressReport, options: PaperOptions): Paragraph[] {
  const lines = [
    report.title,
    report.principalAuthority && `Principal authority: ${report.principalAuthority}`,
    report.inspectionTheme && `Inspection theme: ${report.inspectionTheme}`,
    options.meeting && `For: ${options.meeting}`,
    `Progress as at ${report.asAtLabel} (${report.basis})`,
    report.governance,
    report.oversightBody && `Oversight: ${report.oversightBody}`,
  ].filter((line): line is string => Boolean(line));
  return lines.map((text) => new Paragraph({ children: [new TextRun(text)] }));
}

function summary(report: PlanProgressReport): (Paragraph | Table)[] {
  const f = report.front;
  const counts = table(
    ['Rating', 'Actions'],
    [...f.byRating.map((r) => [r.name, String(r.count)]), ['Total', String(f.total)]],
    { title: 'Actions by rating', description: `How many of the ${f.total} actions have each rating.` },
  );
  const facts = [
    `${f.overdue} overdue`,
    `${f.rescheduled} with a revised due date`,
    `${f.complete} complete`,
    `${f.withdrawn} withdrawn`,
    `${f.awaitingAgreement} with a proposed rating not yet agreed`,
  ].join(', ');
  return [
    heading('Summary', HeadingLevel.HEADING_1),
    counts,
    new Paragraph({ spacing: { before: 200 }, children: [new TextRun(`Of ${f.total} actions: ${facts}.`)] }),
    new Paragraph({
      children: [
        new TextRun(
          f.movement
            ? describeComparison(f.movement.comparison, f.movement.since)
            : 'This is the first monitoring round, so there is no earlier round to compare with.',
        ),
      ],
    }),
    ...(report.measures
      ? [
          heading('Measures of impact', HeadingLevel.HEADING_2),
          table(
            ['Status', 'Measures'],
            [
              ['On track', String(report.measures.counts['on-track'])],
              ['Off track', String(report.measures.counts['off-track'])],
              ['No data', String(report.measures.counts['no-data'])],
              ['Total', String(report.measures.total)],
            ],
            {
              title: 'Measures by status',
              description: `How many of the ${report.measures.total} measures of impact are on track, off track or have no value for the period owed.`,
            },
          ),
          new Paragraph({
            spacing: { before: 200 },
            children: [
              new TextRun(
                `Measures of impact: ${describeMeasureCounts(report.measures)}; ${report.measures.valuesAsAt}.`,
              ),
            ],
          }),
        ]
      : []),
  ];
}

/** Chart size on the page, in pixels at 96 to the inch: about 9.5 by 4 cm. */
const CHART_ON_PAGE = { width: 360, height: Math.round((360 * CHART_HEIGHT) / CHART_WIDTH) };

/** An area's measures, after its actions; nothing for an area without any. */
function measuresSection(area: ReportAreaMeasures | undefined): Paragraph[] {
  if (!area || area.measures.length === 0) return [];
  return [
    heading('What difference has it made', HeadingLevel.HEADING_3),
    ...area.measures.flatMap((part) => [
      new Paragraph({
        spacing: { before: 160 },
        keepNext: true,
        children: [new TextRun({ text: part.measure.name, bold: true }), new TextRun(` (${part.kindLabel})`)],
      }),
      new Paragraph({ keepNext: true, children: [new TextRun(part.sentence)] }),
      new Paragraph({
        keepNext: true,
        children: [new TextRun({ text: `Why: ${part.assessment.reason}.`, italics: true })],
      }),
      new Paragraph({
        children: [
          new ImageRun({
            type: 'png',
            data: renderMeasureChart(part),
            transformation: CHART_ON_PAGE,
            altText: {
              name: `Chart ${part.measure.id}`,
              title: `Run chart of ${part.measure.name}`,
              description: measureChartAltText(part),
            },
          }),
        ],
      }),
    ]),
  ];
}

function quadrantGrid(report: ProgressReport): (Paragraph | Table)[] {
  const cells = report.quadrants.map(quadrantCell);
  const rows: TableRow[] = [];
  for (let i = 0; i < cells.length; i += 2) {
    const pair = cells.slice(i, i + 2);
    while (pair.length < 2) pair.push(new TableCell({ children: [new Paragraph('')] }));
    rows.push(new TableRow({ cantSplit: false, children: pair }));
  }
  const parts: (Paragraph | Table)[] = [
    heading(
      report.scale === 'quadrant' ? 'Progress by quadrant' : 'Progress by rating',
      HeadingLevel.HEADING_1,
    ),
    withAltText(new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows }), {
      title: 'Progress quadrants',
      description: `A two by two grid: ${report.quadrants
        .map((q) => `${q.name}, ${q.actions.length} action${q.actions.length === 1 ? '' : 's'}`)
        .join('; ')}. Each cell lists its actions with their agreed commentary.`,
    }),
  ];
  if (report.unrated.length > 0) {
    parts.push(heading('Not yet rated', HeadingLevel.HEADING_2));
    parts.push(...report.unrated.map((item) => bullet(shortItem(item))));
  }
  return parts;
}

function quadrantCell(quadrant: Quadrant): TableCell {
  const items =
    quadrant.actions.length === 0 ? [new Paragraph('No actions')] : quadrant.actions.flatMap(quadrantEntry);
  return new TableCell({
    width: { size: 50, type: WidthType.PERCENTAGE },
    shading: { type: ShadingType.CLEAR, color: 'auto', fill: FILL[quadrant.rating] },
    children: [
      new Paragraph({
        heading: HeadingLevel.HEADING_3,
        children: [new TextRun(`${quadrant.name} (${quadrant.actions.length}): ${quadrant.heading}`)],
      }),
      ...items,
    ],
  });
}

function areaSection(area: ReportArea): (Paragraph | Table)[] {
  const title = area.text ? `${area.id}: ${area.text}` : area.id;
  if (area.rows.length === 0) return [heading(title, HeadingLevel.HEADING_2), new Paragraph('No actions.')];
  return [
    heading(title, HeadingLevel.HEADING_2),
    table(
      [
        'Action',
        'Lead and contributing agencies',
        'Owner',
        'Baseline due',
        'Current due',
        'Agreed rating',
        'Success measure and evidence',
        'Agreed commentary',
      ],
      area.rows.map((row) => [
        `${row.id} ${row.description}`,
        row.contributingAgencies ? `${row.leadAgency} (lead); ${row.contributingAgencies}` : row.leadAgency,
        row.owners,
        row.baselineDue,
        row.rescheduled ? `${row.currentDue} (revised)` : row.currentDue,
        [row.ratingName, row.ratingNote, row.status].filter(Boolean).join('\n'),
        [
          printedTexts(row).lead,
          ...printedTexts(row).more,
          ...row.evidence.map((link) => `Evidence: ${link}`),
        ]
          .filter(Boolean)
          .join('\n'),
        row.commentary || 'No commentary agreed yet.',
      ]),
      {
        title: `Actions for ${area.id}`,
        description: `Each action for area ${area.id}: agencies, owner, due dates, agreed rating, success measure, evidence and agreed commentary.`,
      },
    ),
  ];
}

function table(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  alt: { title: string; description: string },
): Table {
  const made = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({
        tableHeader: true,
        children: headers.map(
          (text) =>
            new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold: true })] })] }),
        ),
      }),
      ...rows.map(
        (cells) => new TableRow({ children: cells.map((text) => new TableCell({ children: lines(text) })) }),
      ),
    ],
  });
  return withAltText(made, alt);
}

/** A cell's text, one paragraph a line. */
function lines(text: string): Paragraph[] {
  return text.split('\n').map((line) => new Paragraph(line));
}

/**
 * Adds the table's alt text (title and description) to its properties, where Word's "Alt Text" pane and
 * screen readers look. `docx` keeps a table's properties as the first child of the table element.
 */
function withAltText(made: Table, alt: { title: string; description: string }): Table {
  const properties = (made as unknown as { root: { root?: unknown[] }[] }).root[0];
  properties?.root?.push(
    new StringValueElement('w:tblCaption', alt.title),
    new StringValueElement('w:tblDescription', alt.description),
  );
  return made;
}

function heading(text: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel]): Paragraph {
  return new Paragraph({ heading: level, spacing: { before: 240 }, children: [new TextRun(text)] });
}

function bullet(text: string): Paragraph {
  return new Paragraph({ bullet: { level: 0 }, children: [new TextRun(text)] });
}

function shortItem(item: QuadrantItem): string {
  const text =
    item.description.length > SHORT_TEXT ? `${item.description.slice(0, SHORT_TEXT - 1)}…` : item.description;
  return `${item.actionId} ${text}${item.ratingNote ? ` (${item.ratingNote})` : ''}`;
}

/** A quadrant entry: the action, then its agreed commentary beneath it. */
function quadrantEntry(item: QuadrantItem): Paragraph[] {
  return [
    bullet(shortItem(item)),
    ...(item.commentary
      ? [
          new Paragraph({
            indent: { left: 360 },
            children: [new TextRun({ text: item.commentary, italics: true })],
          }),
        ]
      : []),
  ];
}
