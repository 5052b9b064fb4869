/**
 * The covering report, the part a committee reads first: title block, purpose, recommendations,
 * background, summary of progress, risks and issues, and the list of appendices, numbered as councils
 * number them. The words are paper-words.ts's, shared with the HTML report.
 */
import { HeadingLevel, Paragraph, TextRun } from 'docx';
import type { PlanProgressReport } from '../usecases/reports/report-measures';
import { bullet, heading, listUnder, paragraph } from './paper-docx-parts';
import type { PaperOptions } from './paper-options';
import {
  appendicesOf,
  backgroundOf,
  NO_RISKS,
  paperTitle,
  progressSummaryOf,
  purposeOf,
  recommendationsOf,
  risksOf,
  titleBlock,
} from './paper-words';

export function coverReport(report: PlanProgressReport, options: PaperOptions): Paragraph[] {
  const recommendations = recommendationsOf(report, options);
  const risks = risksOf(report);
  const numbered = (n: number, text: string) => heading(`${n}. ${text}`, HeadingLevel.HEADING_1);
  return [
    new Paragraph({
      heading: HeadingLevel.TITLE,
      keepNext: true,
      children: [new TextRun(paperTitle(report, options))],
    }),
    ...titleBlock(report, options).map(
      ([label, value]) =>
        new Paragraph({
          keepNext: true,
          children: [new TextRun({ text: `${label}: `, bold: true }), new TextRun(value)],
        }),
    ),
    numbered(1, 'Purpose of the report'),
    paragraph(purposeOf(report)),
    numbered(2, 'Recommendations'),
    ...listUnder(recommendations.intro, recommendations.items),
    numbered(3, 'Background'),
    ...backgroundOf(report).map((text) => paragraph(text)),
    numbered(4, 'Summary of progress'),
    ...progressSummaryOf(report).map((text) => paragraph(text)),
    numbered(5, 'Risks and issues'),
    ...(risks.length === 0
      ? [paragraph(NO_RISKS)]
      : risks.flatMap((list) => [
          heading(`${list.heading} (${list.items.length})`, HeadingLevel.HEADING_2),
          ...list.items.map((item) => bullet(item)),
        ])),
    numbered(6, 'Appendices'),
    ...appendicesOf(report).map((text) => bullet(text)),
  ];
}
