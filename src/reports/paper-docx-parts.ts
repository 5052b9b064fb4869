/**
 * The building blocks every part of the Word paper uses: headings that stay with what follows them,
 * tables whose rows never split across pages and whose header rows repeat, alt text on every table,
 * links printed as their text, and the marking at the top and bottom of every page.
 */
import {
  AlignmentType,
  ExternalHyperlink,
  Footer,
  Header,
  type HeadingLevel,
  PageNumber,
  Paragraph,
  type ParagraphChild,
  StringValueElement,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { linkOf } from './paper-words';

export type HeadingLevelName = (typeof HeadingLevel)[keyof typeof HeadingLevel];

/** A heading kept on the page of whatever follows it: a heading never ends a page. */
export function heading(text: string, level: HeadingLevelName, options: { pageBreakBefore?: boolean } = {}) {
  return new Paragraph({
    heading: level,
    keepNext: true,
    keepLines: true,
    spacing: { before: 240, after: 120 },
    ...(options.pageBreakBefore ? { pageBreakBefore: true } : {}),
    children: [new TextRun(text)],
  });
}

export function paragraph(text: string, options: { keepNext?: boolean } = {}): Paragraph {
  return new Paragraph({
    spacing: { after: 120 },
    ...(options.keepNext ? { keepNext: true } : {}),
    children: [new TextRun(text)],
  });
}

export function bullet(text: string, options: { keepNext?: boolean } = {}): Paragraph {
  return new Paragraph({
    bullet: { level: 0 },
    ...(options.keepNext ? { keepNext: true } : {}),
    children: [new TextRun(text)],
  });
}

/** A list under a lead-in: the lead-in and all but the last item keep together with the next line. */
export function listUnder(intro: string, items: readonly string[]): Paragraph[] {
  return [
    paragraph(intro, { keepNext: items.length > 0 }),
    ...items.map((item, i) => bullet(item, { keepNext: i < items.length - 1 })),
  ];
}

/** What goes in a cell: plain lines, or evidence links printed as their text. */
export type CellContent = string | { lines: string[]; links?: string[] };

export interface TableSpec {
  headers: readonly string[];
  rows: readonly (readonly CellContent[])[];
  /** Relative column widths (they are scaled to the page); equal when absent. */
  widths?: readonly number[];
  alt: { title: string; description: string };
  /** The text size in half-points (18 = 9 pt); the document's when absent. */
  size?: number;
}

/** Table width on the page, in twentieths of a point. */
export function table(spec: TableSpec, pageWidth: number): Table {
  const weights = spec.widths ?? spec.headers.map(() => 1);
  const sum = weights.reduce((a, b) => a + b, 0);
  const columnWidths = weights.map((w) => Math.floor((pageWidth * w) / sum));
  const cell = (content: CellContent, i: number, bold = false) =>
    new TableCell({
      width: { size: columnWidths[i] ?? 0, type: WidthType.DXA },
      children: cellParagraphs(content, bold, spec.size),
    });
  const made = new Table({
    width: { size: pageWidth, type: WidthType.DXA },
    columnWidths,
    rows: [
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: spec.headers.map((text, i) => cell(text, i, true)),
      }),
      ...spec.rows.map(
        (cells) => new TableRow({ cantSplit: true, children: cells.map((content, i) => cell(content, i)) }),
      ),
    ],
  });
  return withAltText(made, spec.alt);
}

/** A cell's text, one paragraph a line, then each evidence link as its link text. */
function cellParagraphs(content: CellContent, bold: boolean, size: number | undefined): Paragraph[] {
  const { lines, links = [] } = typeof content === 'string' ? { lines: content.split('\n') } : content;
  const run = (text: string) => new TextRun({ text, bold, ...(size ? { size } : {}) });
  return [
    ...lines.map((line) => new Paragraph({ children: [run(line)] })),
    ...links.map((evidence) => new Paragraph({ children: [run('Evidence: '), linkRun(evidence, size)] })),
  ];
}

/** A link as its text (the address stays behind it), so a long URL never breaks mid-word. */
export function linkRun(evidence: string, size?: number): ParagraphChild {
  const { text, url } = linkOf(evidence);
  const run = new TextRun({ text, style: url ? 'Hyperlink' : undefined, ...(size ? { size } : {}) });
  return url ? new ExternalHyperlink({ link: url, children: [run] }) : run;
}

/**
 * Adds the table's alt text (title and description) to its properties, where Word's "Alt Text" pane and
 * screen readers look; `docx` has no option for it and keeps a table's properties as its first child.
 */
export function withAltText(made: Table, alt: { title: string; description: string }): Table {
  const properties = (made as unknown as { root: { root?: unknown[] }[] }).root[0];
  properties?.root?.push(
    new StringValueElement('w:tblCaption', alt.title),
    new StringValueElement('w:tblDescription', alt.description),
  );
  return made;
}

export function markingHeader(marking: string): Header {
  return new Header({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ text: marking, bold: true })],
      }),
    ],
  });
}

export function markingFooter(marking: string): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [
          new TextRun(`${marking}   ·   Page `),
          new TextRun({ children: [PageNumber.CURRENT] }),
          new TextRun(' of '),
          new TextRun({ children: [PageNumber.TOTAL_PAGES] }),
        ],
      }),
    ],
  });
}

/** A4 in twentieths of a point, with the margins each orientation uses. */
export const PAGE = {
  width: 11906,
  height: 16838,
  portraitMargin: 1134,
  landscapeMargin: 851,
} as const;
export const PORTRAIT_TEXT_WIDTH = PAGE.width - 2 * PAGE.portraitMargin;
export const LANDSCAPE_TEXT_WIDTH = PAGE.height - 2 * PAGE.landscapeMargin;
export const LANDSCAPE_TEXT_HEIGHT = PAGE.width - 2 * PAGE.landscapeMargin;
