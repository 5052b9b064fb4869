import { assertNever } from '../domain/never';
import type { ProgressReport } from '../domain/progress-report';
import type { ProgressReportFormat } from '../usecases/reports/build-progress-report';
import type { PlanProgressReport } from '../usecases/reports/report-measures';
import type { PaperOptions } from './paper-options';
import { renderProgressReportDocx } from './render-docx';
import { renderProgressReportHtml } from './render-html';
import { progressReportCsv, progressReportXlsx } from './render-tabular';

export const REPORT_CONTENT_TYPES: Record<ProgressReportFormat, string> = {
  html: 'text/html; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

/**
 * The report in the format asked for: the same bytes from the CLI and the download link. The paper's
 * options shape the Word paper and the HTML report alike (the spreadsheets are data, not papers).
 */
export async function renderProgressReport(
  report: PlanProgressReport,
  format: ProgressReportFormat,
  paper: PaperOptions = {},
): Promise<string | Buffer> {
  switch (format) {
    case 'html':
      return renderProgressReportHtml(report, paper);
    case 'csv':
      return progressReportCsv(report);
    case 'xlsx':
      return progressReportXlsx(report);
    case 'docx':
      return renderProgressReportDocx(report, paper);
    default:
      return assertNever(format);
  }
}

/** A file name people can keep: plan, what it is, and the date it stands at. */
export function reportFileName(report: ProgressReport, format: ProgressReportFormat, round?: number): string {
  const safe = report.planId.replace(/[^A-Za-z0-9-]/g, '-');
  return `${safe}-progress-${round ? `round-${round}` : report.asAt}.${format}`;
}
