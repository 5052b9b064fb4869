/**
 * The progress report as a committee paper in Word, in the shape councils send scrutiny committees: a
 * covering report on portrait pages (paper-cover.ts), then Appendix A, the four-quadrant grid on one
 * landscape page (paper-grid.ts), then Appendix B, the actions by area on landscape pages
 * (paper-areas.ts). Built with the maintained `docx` library, so the file is real OOXML that Word,
 * LibreOffice and SharePoint open and screen readers navigate: real headings, header rows that repeat on
 * every page, alt text on every table and chart, and the protective marking at the top and bottom of
 * every page.
 *
 * Owners' raw notes are not in the paper: what goes to a committee is the agreed commentary only (the
 * report it is drawn from carries no raw note at all).
 */
import { Document, Packer, PageOrientation, type Paragraph, type Table } from 'docx';
import type { PlanProgressReport } from '../usecases/reports/report-measures';
import { appendixB } from './paper-areas';
import { coverReport } from './paper-cover';
import { markingFooter, markingHeader, PAGE } from './paper-docx-parts';
import { appendixA } from './paper-grid';
import type { PaperOptions } from './paper-options';
import { paperMarking, paperTitle } from './paper-words';

export type { PaperOptions } from './paper-options';
export { DEFAULT_PROTECTIVE_MARKING } from './paper-words';

export async function renderProgressReportDocx(
  report: PlanProgressReport,
  options: PaperOptions = {},
): Promise<Buffer> {
  const marking = paperMarking(report, options);
  const headers = { default: markingHeader(marking) };
  const footers = { default: markingFooter(marking) };
  const section = (orientation: 'portrait' | 'landscape', children: (Paragraph | Table)[]) => {
    const margin = orientation === 'portrait' ? PAGE.portraitMargin : PAGE.landscapeMargin;
    return {
      properties: {
        page: {
          size: {
            width: PAGE.width,
            height: PAGE.height,
            orientation: orientation === 'portrait' ? PageOrientation.PORTRAIT : PageOrientation.LANDSCAPE,
          },
          margin: { top: margin, bottom: margin, left: margin, right: margin, header: 425, footer: 425 },
        },
      },
      headers,
      footers,
      children,
    };
  };
  const doc = new Document({
    title: paperTitle(report, options),
    description: `Progress on ${report.title} as at ${report.asAtLabel}`,
    creator: 'Action Tracker',
    styles: { default: { document: { run: { font: 'Arial', size: 22 } } } },
    sections: [
      section('portrait', coverReport(report, options)),
      section('landscape', appendixA(report)),
      section('landscape', appendixB(report)),
    ],
  });
  return Packer.toBuffer(doc);
}
