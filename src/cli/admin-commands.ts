/**
 * `plan settings`: the command-line side of the dashboard's plan management page, through the same use
 * case, run as the operator (whoever can run the CLI holds the storage keys already). `delegate` and
 * `role` are in people-commands.ts.
 */
import { NotFoundError } from '../domain/errors';
import { type PlanSettings, REGION_NAMES, settingsOf } from '../domain/plan-settings';
import { savePlanSettings } from '../usecases/admin/plan-settings';
import { operator, settled } from './cli-outcome';
import { type CliContext, type Options, required, UsageError } from './commands';
import { table } from './output';

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
      await savePlanSettings(ctx, operator(ctx.actor), {
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
