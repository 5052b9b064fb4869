/**
 * Appendix A: the four-quadrant grid on one landscape page, as Northumberland's Appendix A (May 2020)
 * prints it: each quadrant's heading, then its actions. A grid that runs over a page break no longer
 * reads as a grid, so the text size (and whether each action's agreed commentary fits beneath it) is
 * chosen by estimating the lines each cell needs; the commentary is in Appendix B in any case. The actions
 * not yet rated and those complete or impact evidenced follow in lists of their own.
 */
import { HeadingLevel, Paragraph, ShadingType, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { ProgressReport, Quadrant, QuadrantItem } from '../domain/progress-report';
import type { Rating } from '../domain/rating';
import {
  bullet,
  heading,
  LANDSCAPE_TEXT_HEIGHT,
  LANDSCAPE_TEXT_WIDTH,
  withAltText,
} from './paper-docx-parts';
import { appendixATitle, DONE_HEADING, doneItem, shortItem } from './paper-words';

/** Light fills with dark text, as in the HTML report: each cell also names its rating in words. */
const FILL: Record<Rating, string> = { green: 'D4EDDA', yellow: 'FFF3B0', amber: 'FFD8A8', red: 'F8D0D0' };

export interface GridLayout {
  /** Text size in half-points (16 = 8 pt). */
  size: number;
  commentary: boolean;
  /** Characters of an action's text quoted before "…". */
  textLimit: number;
}

/** From the most generous to the tightest: the first that fits one page is used. */
const LAYOUTS: readonly GridLayout[] = [
  { size: 20, commentary: true, textLimit: 120 },
  { size: 18, commentary: true, textLimit: 120 },
  { size: 16, commentary: true, textLimit: 120 },
  { size: 18, commentary: false, textLimit: 120 },
  { size: 16, commentary: false, textLimit: 120 },
  { size: 14, commentary: false, textLimit: 120 },
  { size: 12, commentary: false, textLimit: 90 },
  { size: 12, commentary: false, textLimit: 50 },
];

/** Points, from twentieths: the page below the appendix's heading, with room to spare for estimates. */
const GRID_HEIGHT = (LANDSCAPE_TEXT_HEIGHT / 20 - 70) * 0.9;
/** One cell's text width in points, less its padding and the bullet's indent. */
const CELL_TEXT_WIDTH = LANDSCAPE_TEXT_WIDTH / 20 / 2 - 12 - 20;
/** Arial's average character, as a share of the text size, rounded up for capitals and digits. */
const CHAR_WIDTH = 0.52;
const LINE_HEIGHT = 1.17;

function linesFor(text: string, size: number, width = CELL_TEXT_WIDTH): number {
  const perLine = Math.max(1, Math.floor(width / ((size / 2) * CHAR_WIDTH)));
  return Math.max(1, Math.ceil(text.length / perLine));
}

/** The estimated height of one quadrant's cell in points. */
function cellHeight(quadrant: Quadrant, layout: GridLayout): number {
  const pt = layout.size / 2;
  const headingLines = linesFor(quadrantTitle(quadrant), layout.size + 2, CELL_TEXT_WIDTH + 20);
  const entryLines = quadrant.actions.reduce(
    (sum, item) =>
      sum +
      linesFor(entryText(item, layout), layout.size) +
      (layout.commentary && item.commentary ? linesFor(item.commentary, layout.size) : 0),
    quadrant.actions.length === 0 ? 1 : 0,
  );
  return headingLines * (pt + 1) * LINE_HEIGHT + 4 + entryLines * pt * LINE_HEIGHT + 8;
}

/** The most generous layout whose grid fits one page, by estimate. */
export function gridLayout(quadrants: readonly Quadrant[]): GridLayout {
  const fits = (layout: GridLayout) => {
    let height = 0;
    for (let i = 0; i < quadrants.length; i += 2)
      height += Math.max(...quadrants.slice(i, i + 2).map((q) => cellHeight(q, layout)));
    return height <= GRID_HEIGHT;
  };
  return LAYOUTS.find(fits) ?? LAYOUTS[LAYOUTS.length - 1]!;
}

export function appendixA(report: ProgressReport): (Paragraph | Table)[] {
  const layout = gridLayout(report.quadrants);
  const cells = report.quadrants.map((q) => quadrantCell(q, layout));
  const rows: TableRow[] = [];
  for (let i = 0; i < cells.length; i += 2) {
    const pair = cells.slice(i, i + 2);
    while (pair.length < 2) pair.push(emptyCell());
    rows.push(new TableRow({ cantSplit: true, children: pair }));
  }
  const half = Math.floor(LANDSCAPE_TEXT_WIDTH / 2);
  const grid = new Table({
    width: { size: half * 2, type: WidthType.DXA },
    columnWidths: [half, half],
    rows,
  });
  return [
    heading(appendixATitle(report), HeadingLevel.HEADING_1),
    withAltText(grid, {
      title: 'Progress quadrants',
      description: `A two by two grid: ${report.quadrants
        .map((q) => `${q.name}, ${q.actions.length} action${q.actions.length === 1 ? '' : 's'}`)
        .join(
          '; ',
        )}. Each cell lists its open actions${layout.commentary ? ' with their agreed commentary' : ''}.`,
    }),
    ...listed(`Not yet rated (${report.unrated.length})`, report.unrated.map(shortItem)),
    ...listed(`${DONE_HEADING} (${report.done.length})`, report.done.map(doneItem)),
  ];
}

function listed(title: string, items: readonly string[]): Paragraph[] {
  if (items.length === 0) return [];
  return [heading(title, HeadingLevel.HEADING_2), ...items.map((item) => bullet(item))];
}

export function quadrantTitle(quadrant: Quadrant): string {
  return `${quadrant.name} (${quadrant.actions.length}): ${quadrant.heading}`;
}

function entryText(item: QuadrantItem, layout: GridLayout): string {
  const text =
    item.description.length > layout.textLimit
      ? `${item.description.slice(0, layout.textLimit - 1)}…`
      : item.description;
  return shortItem({ ...item, description: text });
}

function quadrantCell(quadrant: Quadrant, layout: GridLayout): TableCell {
  const run = (text: string, extra: { bold?: boolean; italics?: boolean; size?: number } = {}) =>
    new TextRun({ text, size: layout.size, ...extra });
  const entries =
    quadrant.actions.length === 0
      ? [new Paragraph({ children: [run('No actions')] })]
      : quadrant.actions.flatMap((item) => [
          new Paragraph({ bullet: { level: 0 }, children: [run(entryText(item, layout))] }),
          ...(layout.commentary && item.commentary
            ? [new Paragraph({ indent: { left: 360 }, children: [run(item.commentary, { italics: true })] })]
            : []),
        ]);
  return new TableCell({
    width: { size: Math.floor(LANDSCAPE_TEXT_WIDTH / 2), type: WidthType.DXA },
    shading: { type: ShadingType.CLEAR, color: 'auto', fill: FILL[quadrant.rating] },
    children: [
      new Paragraph({
        spacing: { after: 80 },
        children: [run(quadrantTitle(quadrant), { bold: true, size: layout.size + 2 })],
      }),
      ...entries,
    ],
  });
}

function emptyCell(): TableCell {
  return new TableCell({
    width: { size: Math.floor(LANDSCAPE_TEXT_WIDTH / 2), type: WidthType.DXA },
    children: [new Paragraph('')],
  });
}
