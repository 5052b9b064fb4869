import type { Response } from 'express';
import { NotFoundError } from '../domain/errors';
import type { PaperOptions } from '../reports/paper-options';
import { REPORT_CONTENT_TYPES, renderProgressReport, reportFileName } from '../reports/render-report';
import { AccessDeniedError, decideOnPlan } from '../usecases/access/access';
import type { Stores } from '../usecases/ports/index';
import {
  buildPlanProgressReport,
  type ProgressReportFormat,
} from '../usecases/reports/build-progress-report';

/**
 * Builds (and audits, as taken by `actor`) the progress report and sends it as a file: the one way both
 * the signed link from a card and the dashboard's download answer. The report carries the whole plan,
 * so the access policy is asked here, whoever called: an AccessDeniedError (or NotFoundError for a plan
 * that is gone) for the caller's mapper, and nothing built, audited or sent.
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
    /** One monitoring group's actions today (by id or name), instead of the whole plan. */
    group?: string;
    /** The committee paper's inputs: title, committee, meeting, date, author, recommendations. */
    paper?: PaperOptions;
    /** 'inline' opens the HTML in the browser; 'attachment' downloads. */
    disposition: 'inline' | 'attachment';
  },
): Promise<void> {
  const { planId, actor, at, format, round, group, disposition } = request;
  const plan = await stores.plans.get(planId);
  if (!plan) throw new NotFoundError(`Plan ${planId}`);
  const decision = decideOnPlan({ email: actor }, plan.value, 'see-whole-plan');
  if (!decision.allowed) throw new AccessDeniedError(decision.reason, 'see-whole-plan');
  const report = await buildPlanProgressReport(stores, planId, actor, at, format, {
    ...(round ? { round } : {}),
    ...(group ? { group } : {}),
  });
  const body = await renderProgressReport(report, format, request.paper);
  res.setHeader('Content-Type', REPORT_CONTENT_TYPES[format]);
  res.setHeader('Content-Disposition', `${disposition}; filename="${reportFileName(report, format, round)}"`);
  res.send(body);
}
