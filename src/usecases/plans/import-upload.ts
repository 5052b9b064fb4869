/**
 * A spreadsheet uploaded from the dashboard: previewed (nothing written) until the person confirms, then
 * imported through the same engine as the CLI. Who may do it is the access policy's: coordinators
 * administer their own plans; a new plan needs whoever may create plans.
 */
import { decideForPlan } from '../../domain/access-policy';
import { NotAuthorisedError } from '../../domain/errors';
import type { ImportChoices, Sheet } from '../../domain/plan-import';
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
}

/**
 * The hook for "who may create plans" (a setting: e-mail addresses or an Entra ID group). Until that
 * setting exists, someone who administers at least one open plan (a coordinator) may start another.
 */
export async function mayCreatePlans(deps: Pick<ImportDeps, 'stores'>, email: string): Promise<boolean> {
  const plans = await deps.stores.plans.list();
  return plans.some((plan) => decideForPlan(plan, email, 'administer').allowed);
}

export async function importUpload(
  deps: ImportDeps,
  uploader: Uploader,
  upload: UploadedImport,
): Promise<ImportReport> {
  const existing = await deps.stores.plans.get(upload.planId);
  if (existing) {
    const decision = decideForPlan(existing.value, uploader.email, 'administer');
    if (!decision.allowed) {
      throw new NotAuthorisedError(
        decision.reason === 'plan-closed'
          ? `Plan ${upload.planId} is closed: nothing more can be imported into it.`
          : `Only the plan's coordinators can import into plan ${upload.planId}.`,
      );
    }
  } else if (!(await mayCreatePlans(deps, uploader.email))) {
    throw new NotAuthorisedError('You cannot create plans: ask a coordinator of an existing plan.');
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
