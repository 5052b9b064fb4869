/**
 * Appendix B: every action of the paper by area for improvement, on landscape pages. Seven columns, the
 * widest for the agreed commentary (the words the committee reads) and the action itself; the two due
 * dates share one. Each area's heading stays with its table, no row splits across a page, and evidence
 * prints as its link text. Areas with measures end with "What difference has it made": each measure in
 * words and a small run chart (a PNG drawn without a browser) whose alt text gives the same numbers.
 */
import { HeadingLevel, ImageRun, Paragraph, type Table, TextRun } from 'docx';
import { printedTexts, type ReportArea, type ReportRow } from '../domain/progress-report';
import type { PlanProgressReport, ReportAreaMeasures } from '../usecases/reports/report-measures';
import { CHART_HEIGHT, CHART_WIDTH, measureChartAltText, renderMeasureChart } from './measure-chart';
import { type CellContent, heading, LANDSCAPE_TEXT_WIDTH, table } from './paper-docx-parts';
import { APPENDIX_B_TITLE } from './paper-words';

export const AREA_COLUMNS = [
  'Action',
  'Lead and contributing agencies',
  'Owner',
  'Due',
  'Agreed rating',
  'Success measure and evidence',
  'Agreed commentary',
] as const;
/** Relative widths: the commentary widest, then the action, then the success measure. */
const AREA_WIDTHS = [2.5, 1.4, 1.5, 1.15, 1.3, 2.1, 3.1];
/** 9 pt: small enough for seven columns, large enough to read. */
const TABLE_TEXT = 18;

export function appendixB(report: PlanProgressReport): (Paragraph | Table)[] {
  return [
    heading(APPENDIX_B_TITLE, HeadingLevel.HEADING_1),
    ...report.areas.flatMap((area) => [
      ...areaSection(area),
      ...measuresSection(report.measures?.areas.find((m) => m.areaId === area.id)),
    ]),
  ];
}

export function areaTitle(area: Pick<ReportArea, 'id' | 'text'>): string {
  return area.text ? `${area.id}: ${area.text}` : area.id;
}

function areaSection(area: ReportArea): (Paragraph | Table)[] {
  return [
    heading(areaTitle(area), HeadingLevel.HEADING_2),
    table(
      {
        headers: AREA_COLUMNS,
        rows: area.rows.map(rowCells),
        widths: AREA_WIDTHS,
        size: TABLE_TEXT,
        alt: {
          title: `Actions for ${area.id}`,
          description: `Each action for area ${area.id}: agencies, owner, due dates, agreed rating, success measure, evidence and agreed commentary.`,
        },
      },
      LANDSCAPE_TEXT_WIDTH,
    ),
  ];
}

function rowCells(row: ReportRow): CellContent[] {
  const { lead, more } = printedTexts(row);
  return [
    `${row.id} ${row.description}`,
    row.contributingAgencies ? `${row.leadAgency} (lead)\n${row.contributingAgencies}` : row.leadAgency,
    row.owners,
    row.rescheduled ? `${row.baselineDue}\nRevised: ${row.currentDue}` : row.currentDue,
    [row.ratingName, row.ratingNote, row.status].filter(Boolean).join('\n'),
    { lines: [lead, ...more].filter(Boolean), links: row.evidence },
    row.commentary || 'No commentary agreed yet.',
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
