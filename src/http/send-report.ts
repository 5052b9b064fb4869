import type { Response } from 'express';
import { REPORT_CONTENT_TYPES, renderProgressReport, reportFileName } from '../reports/render-report';
import type { Stores } from '../usecases/ports/index';
import {
  buildPlanProgressReport,
  type ProgressReportFormat,
} from '../usecases/reports/build-progress-report';

/**
 * Builds (and audits, as taken by `actor`) the progress report and sends it as a file: the one way both
 * the signed link from a card and the dashboard's download answer.
 */
export async function sendProgressReport(
  res: Response,
  stores: Stores,
  request: {
    planId: string;
    actor: string;
    at: Date;
    format: ProgressReportFormat;
    round?: number;
    /** 'inline' opens the HTML in the browser; 'attachment' downloads. */
    disposition: 'inline' | 'attachment';
  },
): Promise<void> {
  const { planId, actor, at, format, round, disposition } = request;
  const report = await buildPlanProgressReport(stores, planId, actor, at, format, round ? { round } : {});
  const body = await renderProgressReport(report, format);
  res.setHeader('Content-Type', REPORT_CONTENT_TYPES[format]);
  res.setHeader('Content-Disposition', `${disposition}; filename="${reportFileName(report, format, round)}"`);
  res.send(body);
}
