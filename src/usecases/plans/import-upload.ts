/**
 * A spreadsheet uploaded from the dashboard: previewed (nothing written) until the person confirms, then
 * imported through the same engine as the CLI. Who may do it is the access policy's: coordinators
 * administer their own plans; a new plan needs whoever may create plans. The decision needs only the
 * person and the plan id, so the dashboard makes it (mayImport) before it reads a byte of the file.
 */
import { NotAuthorisedError } from '../../domain/errors';
import type { TakeFile } from '../../domain/import-changes';
import type { PlanCreators } from '../../domain/plan-creators';
import type { ImportChoices, Sheet } from '../../domain/plan-import';
import { decideOnCreatingPlans, decideOnPlan } from '../access/access';
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
  /** Values edited in Action Tracker since the last import whose file value the person chose (the rest are kept). */
  takeFile?: TakeFile;
}

export interface Uploader {
  email: string;
  name: string;
  /** Entra ID groups from the token, which PLAN_CREATORS may name. */
  groups?: readonly string[];
}

/**
 * The one refusal for everyone who may not import into the plan named, whether it exists or not, so the
 * answer never tells a stranger which plan ids are taken.
 */
export const MAY_NOT_IMPORT =
  'Only a plan’s coordinators can import into it, and only the people your organisation’s Action Tracker administrator names can create a plan.';

/**
 * Whether `uploader` may import into `planId` (administer it, or create it as a new plan): throws
 * NotAuthorisedError if not; returns the plan as stored, if there is one.
 */
export async function mayImport(
  stores: Pick<ImportDeps['stores'], 'plans'>,
  uploader: Uploader,
  planId: string,
  /** Who may create plans (PLAN_CREATORS): the same rule as the plan management page's "create a plan". */
  creators: PlanCreators,
) {
  const existing = await stores.plans.get(planId);
  if (existing) {
    const decision = decideOnPlan(uploader, existing.value, 'administer');
    if (!decision.allowed) {
      throw new NotAuthorisedError(
        // Only a coordinator hears that the plan is closed: the policy asks about the role first.
        decision.reason === 'plan-closed'
          ? `Plan ${planId} is closed: nothing more can be imported into it.`
          : MAY_NOT_IMPORT,
      );
    }
  } else {
    const decision = decideOnCreatingPlans(creators, uploader);
    if (!decision.allowed) throw new NotAuthorisedError(MAY_NOT_IMPORT);
  }
  return existing;
}

export async function importUpload(
  deps: ImportDeps,
  uploader: Uploader,
  upload: UploadedImport,
  /** Who may create plans (PLAN_CREATORS): the same rule as the plan management page's "create a plan". */
  creators: PlanCreators,
): Promise<ImportReport> {
  // Decided again here, whatever the caller checked before reading the file: the plan may have changed.
  const existing = await mayImport(deps.stores, uploader, upload.planId, creators);
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
    ...(upload.takeFile ? { takeFile: upload.takeFile } : {}),
  });
}
