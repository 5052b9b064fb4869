/**
 * `delegate` and `plan settings`: the command-line side of the dashboard's plan management page, through
 * the same use cases, run as the operator (whoever can run the CLI holds the storage keys already).
 */

import { describeDenial } from '../domain/access-words';
import { formatUkDate } from '../domain/dates';
import { ConflictError, NotAuthorisedError, NotFoundError, ValidationError } from '../domain/errors';
import { type PlanSettings, REGION_NAMES, settingsOf } from '../domain/plan-settings';
import type { Actor, AdminOutcome } from '../usecases/admin/admin-outcome';
import { addDelegationAs, removeDelegationAs } from '../usecases/admin/plan-people';
import { savePlanSettings } from '../usecases/admin/plan-settings';
import { type CliContext, type Options, required, UsageError } from './commands';
import { table } from './output';

function operator(ctx: CliContext): Actor {
  return { aadObjectId: ctx.actor, name: ctx.actor, email: ctx.actor, operator: true };
}

/** An outcome as the CLI's exit codes: refusals become the named errors its reporter maps. */
function settled<T>(outcome: AdminOutcome<T>): T {
  switch (outcome.kind) {
    case 'saved':
      return outcome.value;
    case 'invalid':
      throw new ValidationError(outcome.issues);
    case 'stale':
      throw new ConflictError(`The plan (saved since by ${outcome.changedBy ?? 'someone'})`);
    case 'not-found':
      throw new NotFoundError(outcome.what);
    case 'forbidden':
      throw new NotAuthorisedError(describeDenial(outcome.reason, 'administer').text);
  }
}

/**
 * `delegate --plan p --owner a@x --delegate b@x [--name "…"] --from <date> --until <date>`: cover for an
 * owner on leave; `--list` shows the plan's cover; `--end <id>` ends one.
 */
export async function delegateCommand(ctx: CliContext, options: Options): Promise<void> {
  const planId = required(options, 'plan');
  if (options.list === true || typeof options.end === 'string') {
    if (typeof options.end === 'string') {
      const { changed } = settled(await removeDelegationAs(ctx, operator(ctx), { planId, id: options.end }));
      ctx.print(
        changed
          ? `Cover ${options.end} removed from plan ${planId}`
          : `Plan ${planId} has no cover ${options.end}`,
      );
      return;
    }
    const plan = await ctx.stores.plans.get(planId);
    if (!plan) throw new NotFoundError(`Plan ${planId}`);
    const cover = plan.value.delegations ?? [];
    ctx.print(
      cover.length === 0
        ? `Nobody covers for anyone in plan ${planId}.`
        : table(
            ['Id', 'Owner', 'Delegate', 'From', 'Until'],
            cover.map((d) => [
              d.id,
              d.owner,
              `${d.delegateName} <${d.delegate}>`,
              formatUkDate(d.from),
              formatUkDate(d.to),
            ]),
          ),
    );
    return;
  }
  const request = {
    planId,
    owner: required(options, 'owner'),
    delegate: required(options, 'delegate'),
    delegateName: typeof options.name === 'string' ? options.name : '',
    from: required(options, 'from'),
    to: required(options, 'until'),
  };
  settled(await addDelegationAs(ctx, operator(ctx), request));
  ctx.print(
    `${request.delegate.trim().toLowerCase()} covers for ${request.owner.trim().toLowerCase()} in plan ${planId} from ${request.from} until ${request.to}: they get the owner's reminders and may update the owner's actions.`,
  );
}

const SETTING_KEYS: readonly (keyof PlanSettings)[] = [
  'title',
  'principalAuthority',
  'inspectionTheme',
  'inspectionStart',
  'inspectionEnd',
  'submissionDate',
  'region',
  'timeZone',
  'ratingScale',
  'reminderDaysBefore',
  'windowStart',
  'windowEnd',
  'cadence',
  'oversightBody',
  'digestDay',
];

/** `plan settings --plan p [--set key=value …]`: shows the settings, or changes the ones named. */
export async function planCommand(
  ctx: CliContext,
  sub: string | undefined,
  options: Options,
  sets: readonly string[],
): Promise<void> {
  if (sub !== 'settings')
    throw new UsageError('plan takes one subcommand: plan settings --plan <planId> [--set key=value …]');
  const planId = required(options, 'plan');
  const loaded = await ctx.stores.plans.get(planId);
  if (!loaded) throw new NotFoundError(`Plan ${planId}`);
  const current = settingsOf(loaded.value);
  if (sets.length > 0) {
    const form: Record<string, unknown> = {
      ...current,
      reminderDaysBefore: current.reminderDaysBefore.join(', '),
    };
    for (const set of sets) {
      const at = set.indexOf('=');
      const key = at > 0 ? set.slice(0, at).trim() : '';
      if (!(SETTING_KEYS as readonly string[]).includes(key))
        throw new UsageError(`--set takes key=value, where key is one of ${SETTING_KEYS.join(', ')}`);
      form[key] = set.slice(at + 1);
    }
    const { changed } = settled(
      await savePlanSettings(ctx, operator(ctx), {
        planId,
        revision: String(loaded.value.revision ?? 0),
        settings: form,
      }),
    );
    ctx.print(
      changed.length === 0
        ? `Nothing changed in plan ${planId}.`
        : `Saved ${changed.join(', ')} for plan ${planId}.`,
    );
  }
  const shown = settingsOf((await ctx.stores.plans.get(planId))!.value);
  ctx.print(
    table(
      ['Setting', 'Value'],
      SETTING_KEYS.map((key) => {
        const value = shown[key];
        const text = Array.isArray(value) ? value.join(', ') : (value ?? '');
        return [key, key === 'region' ? `${text} (${REGION_NAMES[shown.region]})` : String(text)];
      }),
    ),
  );
}
