/**
 * `group …`, `action group|contacts …` and `round …`: monitoring groups, who is in them, and their rounds,
 * from the terminal. Thin wrappers over the use cases; the operator at the keyboard is trusted.
 */

import type { Cadence } from '../domain/cadence';
import { formatContributingContacts, parseContributingContacts } from '../domain/contributing-contacts';
import { formatUkDate, parseUkDate } from '../domain/dates';
import { ValidationError } from '../domain/errors';
import { CADENCES } from '../domain/plan';
import { type groupsOf, scopeName } from '../domain/plan-groups';
import { formatSendMoment } from '../domain/send-moment';
import { Checker } from '../domain/validation';
import { instanceId } from '../support/instance-id';
import type { Channel } from '../usecases/delivery/channel';
import {
  addGroup,
  changeGroupMeetings,
  listGroups,
  removeGroup,
  setActionGroup,
  setContributingContacts,
} from '../usecases/groups/monitoring-groups';
import { closeRound, type RoundActor, roundStatus, startRound } from '../usecases/rounds/monitoring-rounds';
import { sendRoundRequests } from '../usecases/rounds/round-requests';
import { type CliContext, clockFrom, type Options, required, UsageError } from './commands';
import { table } from './output';

const GROUP_USAGE = 'group add|list|remove|meetings --plan <planId> …';

export async function groupCommand(
  ctx: CliContext,
  sub: string | undefined,
  options: Options,
): Promise<void> {
  const planId = required(options, 'plan');
  const request = { planId, actor: ctx.actor };
  switch (sub) {
    case 'add': {
      const group = await addGroup(ctx, {
        ...request,
        group: {
          name: required(options, 'name'),
          cadence: cadenceOf(options),
          oversightBody: typeof options.oversight === 'string' ? options.oversight : '',
          meetings: isoDates(listOption(options.meetings)),
          ...workingDays(options, 'response-days', 'responseWorkingDaysBefore'),
          ...workingDays(options, 'open-days', 'autoOpenWorkingDaysBefore'),
        },
      });
      ctx.print(
        `Added monitoring group "${group.name}" (${group.id}) to plan ${planId}: ${describeGroup(group)}`,
      );
      return;
    }
    case 'list':
      return printGroups(ctx, planId, options);
    case 'remove':
      await removeGroup(ctx, { ...request, group: required(options, 'group') });
      ctx.print(`Removed monitoring group "${options.group}" from plan ${planId}`);
      return;
    case 'meetings': {
      const group = required(options, 'group');
      const adding = listOption(options.add);
      const cancelling = listOption(options.cancel);
      if (adding.length === 0 && cancelling.length === 0)
        throw new UsageError(
          'give meeting dates: group meetings --plan <id> --group <g> --add <date>… [--cancel <date>…]',
        );
      let changed = undefined as Awaited<ReturnType<typeof changeGroupMeetings>> | undefined;
      if (adding.length > 0) changed = await changeGroupMeetings(ctx, { ...request, group, dates: adding });
      if (cancelling.length > 0)
        changed = await changeGroupMeetings(ctx, { ...request, group, dates: cancelling, remove: true });
      ctx.print(
        `Meetings of "${changed!.name}": ${changed!.meetings.map(formatUkDate).join(', ') || 'none'}`,
      );
      return;
    }
    default:
      throw new UsageError(`say what to do with groups: ${GROUP_USAGE}`);
  }
}

async function printGroups(ctx: CliContext, planId: string, options: Options): Promise<void> {
  const { plan, groups, ungrouped } = await listGroups({ ...ctx, clock: clockFrom(ctx, options) }, planId);
  if (groups.length === 0) {
    ctx.print(`Plan ${planId} has no monitoring groups: it is monitored as one (${plan.cadence}).`);
    return;
  }
  ctx.print(
    table(
      [
        'Group',
        'Name',
        'Cadence',
        'Oversight body',
        'Actions',
        'Next meeting',
        'Responses due',
        'Opens',
        'Open round',
      ],
      groups.map(({ group, actions, next, openRound }) => [
        group.id,
        group.name,
        group.cadence,
        group.oversightBody,
        String(actions),
        next ? formatUkDate(next.meeting) : '—',
        next ? formatUkDate(next.responseDue) : '—',
        next?.opensOn ? formatUkDate(next.opensOn) : 'by hand',
        openRound !== undefined ? String(openRound) : '—',
      ]),
    ),
  );
  if (ungrouped > 0) ctx.print(`${ungrouped} action${ungrouped === 1 ? ' is' : 's are'} in no group.`);
}

/** `action group …` and `action contacts …`. */
export async function actionCommand(
  ctx: CliContext,
  sub: string | undefined,
  options: Options,
): Promise<void> {
  const planId = required(options, 'plan');
  const actionId = required(options, 'action');
  switch (sub) {
    case 'group': {
      const action = await setActionGroup(ctx, {
        planId,
        actionId,
        group: required(options, 'group'),
        actor: ctx.actor,
      });
      const plan = (await ctx.stores.plans.get(planId))!.value;
      ctx.print(`Action ${action.id} is monitored in ${scopeName(plan, action.monitoringGroupId)}`);
      return;
    }
    case 'contacts': {
      const check = new Checker();
      const text = typeof options.contacts === 'string' ? options.contacts : '';
      const contacts = parseContributingContacts(text, check, 'contacts');
      if (!check.ok) throw new ValidationError(check.issues);
      const action = await setContributingContacts(ctx, { planId, actionId, contacts, actor: ctx.actor });
      ctx.print(
        `Action ${action.id}: contributing agencies ${action.contributingAgencies.join(', ') || 'none'}; contacts ${formatContributingContacts(action.contributingContacts) || 'none'}`,
      );
      return;
    }
    default:
      throw new UsageError('say what to set: action group|contacts --plan <planId> --action <id> …');
  }
}

/** `round start|status|close --plan <id> [--group <g>]`: the chat's round commands, for the operator. */
export async function roundCommand(
  ctx: CliContext,
  channel: () => Promise<Channel>,
  sub: string | undefined,
  options: Options,
): Promise<void> {
  const planId = required(options, 'plan');
  const clock = clockFrom(ctx, options);
  const deps = { ...ctx, clock };
  const actor: RoundActor = { name: ctx.actor, operator: true };
  const group = typeof options.group === 'string' ? options.group : undefined;
  switch (sub) {
    case 'start': {
      const due = typeof options.due === 'string' ? parseUkDate(options.due) : undefined;
      if (due && !due.ok) throw new UsageError(`--due ${due.reason}`);
      const started = await startRound(deps, actor, {
        planId,
        ...(group ? { group } : {}),
        ...(due?.ok ? { responseDue: due.value } : {}),
      });
      const { round } = started;
      ctx.print(
        `Round ${round.number} (${scopeName(started.plan, round.groupId)}) opened: ${round.requested.length} actions, ${started.owners} owners, responses due ${formatUkDate(round.responseDue)}${round.meeting ? ` for the meeting on ${formatUkDate(round.meeting)}` : ''}.`,
      );
      for (const warning of started.responseDateWarnings) ctx.print(`Check the response date: ${warning}.`);
      // Outside the send window the requests wait for the sweep inside it: nothing is sent from here.
      if (started.requestsQueuedUntil) {
        ctx.print(
          `Requests will go at ${formatSendMoment(started.requestsQueuedUntil, started.plan.timeZone)}, inside the plan's send window.`,
        );
        return;
      }
      const rows = await sendRoundRequests(
        {
          stores: ctx.stores,
          channel: await channel(),
          calendar: ctx.calendar,
          clock,
          claimant: `cli:${instanceId()}`,
        },
        started.plan,
        round,
      );
      if (rows.length > 0)
        ctx.print(
          table(
            ['Action', 'To', 'Outcome', 'Why'],
            rows.map((r) => [r.actionId, r.owner, r.outcome, r.reason]),
          ),
        );
      return;
    }
    case 'status': {
      const status = await roundStatus(deps, actor, planId, group ? { group } : {});
      if (!status) {
        ctx.print(`Plan ${planId} has had no monitoring round${group ? ` for ${group}` : ''} yet.`);
        return;
      }
      const { round, progress } = status;
      ctx.print(
        `Round ${round.number} (${scopeName(status.plan, round.groupId)}), ${round.status}, responses due ${formatUkDate(round.responseDue)}: ${progress.responded} of ${progress.requested} answered.`,
      );
      ctx.print(
        table(
          ['Lead agency', 'Answered', 'Awaiting', 'Waiting on'],
          progress.byAgency.map((a) => [
            a.agency,
            String(a.responded),
            String(a.awaiting),
            a.awaitingOwners.map((o) => status.ownerNames[o.email] || o.email).join(', '),
          ]),
        ),
      );
      if (progress.byContributingAgency.length > 0)
        ctx.print(
          `Contributing: ${progress.byContributingAgency.map((c) => `${c.agency} (${c.actions} actions, ${c.awaiting} awaiting)`).join(', ')}`,
        );
      return;
    }
    case 'close': {
      const number = options.round === undefined ? undefined : Number(options.round);
      if (number !== undefined && !(Number.isInteger(number) && number >= 1))
        throw new UsageError('--round must be a round number such as 2');
      const closed = await closeRound(deps, actor, planId, {
        ...(group ? { group } : {}),
        ...(number ? { number } : {}),
      });
      ctx.print(
        `Round ${closed.round.number} (${scopeName(closed.plan, closed.round.groupId)}) closed: snapshot of ${closed.snapshot.length} actions, ${closed.snapshot.filter((i) => i.responded).length} updated during the round.`,
      );
      return;
    }
    default:
      throw new UsageError('say what to do: round start|status|close --plan <planId> [--group <group>]');
  }
}

function cadenceOf(options: Options): Cadence {
  const value = required(options, 'cadence');
  if (!CADENCES.includes(value as Cadence))
    throw new UsageError(`--cadence must be one of ${CADENCES.join(', ')}`);
  return value as Cadence;
}

function workingDays<K extends string>(options: Options, name: string, key: K): Partial<Record<K, number>> {
  const value = options[name];
  if (value === undefined) return {};
  const days = Number(value);
  if (typeof value !== 'string' || value.trim() === '' || !Number.isInteger(days))
    throw new UsageError(`--${name} must be a whole number of working days`);
  return { [key]: days } as Partial<Record<K, number>>;
}

/** A repeatable option (`--add 2025-01-14 --add 2025-02-11`), each value possibly comma-separated. */
function listOption(value: Options[string]): string[] {
  const values = Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
  return values
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

/** Meeting dates for a new group: checked here so a typing slip names the date, not "meetings". */
function isoDates(texts: readonly string[]): string[] {
  return texts.map((text) => {
    const date = parseUkDate(text);
    if (!date.ok) throw new UsageError(`--meetings: ${date.reason}`);
    return date.value;
  });
}

function describeGroup(group: ReturnType<typeof groupsOf>[number]): string {
  const meetings =
    group.meetings.length > 0 ? `meets ${group.meetings.map(formatUkDate).join(', ')}` : 'no meetings yet';
  const opens =
    group.autoOpenWorkingDaysBefore !== undefined
      ? `; rounds open by themselves ${group.autoOpenWorkingDaysBefore} working days before responses are due`
      : '; rounds are opened by hand';
  return `${group.cadence}, ${group.oversightBody || 'no oversight body'}, ${meetings}; responses due ${group.responseWorkingDaysBefore} working days before each meeting${opens}.`;
}

export const GROUP_COMMANDS_USAGE = `  group  add --plan <planId> --name "…" --cadence monthly|bi-monthly|quarterly [--oversight "…"]
         [--meetings <date>,<date>…] [--response-days <n>] [--open-days <n>]
                                  a monitoring group: its own cadence, oversight body and meetings
  group  list --plan <planId>     the groups, their next meeting, response date and open round
  group  remove --plan <planId> --group <group>
  group  meetings --plan <planId> --group <group> --add <date>… [--cancel <date>…]
  action group --plan <planId> --action <id> --group <group|none>
  action contacts --plan <planId> --action <id> --contacts "Health: Sam Smith <sam@nhs.uk>; …"
                                  contributing agencies' contacts: asked in rounds, may add a note
  round  start --plan <planId> [--group <group>] [--due <date>] [--now <ISO>]
  round  status --plan <planId> [--group <group>]
  round  close --plan <planId> [--group <group>] [--round <n>]`;
