/**
 * A spreadsheet uploaded from the dashboard: previewed (nothing written) until the person confirms, then
 * imported through the same engine as the CLI. Who may do it is the access policy's: coordinators
 * administer their own plans; a new plan needs whoever may create plans.
 */
import { NotAuthorisedError } from '../../domain/errors';
import type { PlanCreators } from '../../domain/plan-creators';
import type { ImportChoices, Sheet } from '../../domain/plan-import';
import { AccessDeniedError, decideOnCreatingPlans, decideOnPlan } from '../access/access';
import { type ImportDeps, type ImportReport, importPlan } from './import-plan';

export interface UploadedImport {
  planId: string;
  /** Needed for a new plan. */
  title?: string;
  sheets: readonly Sheet[];
  choices: ImportChoices;
  /** false: show what it would do; true: import the good rows. */
  confirm: boolean;
  sourceName: string;
}

export interface Uploader {
  email: string;
  name: string;
  /** Entra ID groups from the token, which PLAN_CREATORS may name. */
  groups?: readonly string[];
}

export async function importUpload(
  deps: ImportDeps,
  uploader: Uploader,
  upload: UploadedImport,
  /** Who may create plans (PLAN_CREATORS): the same rule as the plan management page's "create a plan". */
  creators: PlanCreators,
): Promise<ImportReport> {
  const existing = await deps.stores.plans.get(upload.planId);
  if (existing) {
    const decision = decideOnPlan(uploader, existing.value, 'administer');
    if (!decision.allowed) {
      throw new NotAuthorisedError(
        decision.reason === 'plan-closed'
          ? `Plan ${upload.planId} is closed: nothing more can be imported into it.`
          : `Only the plan's coordinators can import into plan ${upload.planId}.`,
      );
    }
  } else {
    const decision = decideOnCreatingPlans(creators, uploader);
    if (!decision.allowed) throw new AccessDeniedError(decision.reason, 'create-plan');
  }
  return importPlan(deps, {
    planId: upload.planId,
    sheets: upload.sheets,
    choices: upload.choices,
    ...(upload.title ? { title: upload.title } : {}),
    // Whoever creates a plan by uploading it coordinates it, so they can go on to run it.
    ...(existing ? {} : { details: { coordinators: [uploader.email] } }),
    dryRun: !upload.confirm,
    importGoodRows: upload.confirm,
    actor: uploader.email,
    sourceName: upload.sourceName,
  });
}
