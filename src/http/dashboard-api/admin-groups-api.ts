/**
 * The management page's monitoring section (contract in admin-groups-types.ts): monitoring groups and
 * their meetings, each action's group and the plan's governance, through the use cases the command line
 * calls (monitoring-admin.ts puts the access policy in front of them). Each route reads its body, calls one
 * use case and hands the outcome to `answer`, the management API's one presenter.
 */
import { type Request, Router } from 'express';
import type { Cadence } from '../../domain/cadence';
import { formatUkDate } from '../../domain/dates';
import { NotFoundError, ValidationError } from '../../domain/errors';
import { CADENCES } from '../../domain/plan';
import { groupsOf } from '../../domain/plan-groups';
import {
  addGroupAs,
  changeGroupMeetingsAs,
  editGroupAs,
  type GroupFields,
  type GroupsAdminView,
  loadGroupsAs,
  removeGroupAs,
  setActionGroupsAs,
  setGovernanceAs,
} from '../../usecases/admin/monitoring-admin';
import type { GroupOverview } from '../../usecases/groups/monitoring-groups';
import type { Actor } from '../../usecases/shared/actor';
import type { AdminDeps, AdminOutcome } from '../../usecases/shared/admin-outcome';
import {
  ADMIN_PLAN,
  actorOf,
  answer,
  bodyOf,
  changeRoute,
  jsonBody,
  planIdOf,
  type Route,
  text,
} from './admin-answer';
import type { TabAdminGroups, TabGroup } from './admin-groups-types';
import type { TabAdminResult } from './admin-types';

const GROUP = `${ADMIN_PLAN}/groups/:groupId`;

/** The domain's names for a group's fields, as the page's form names them (so a refusal finds its field). */
const FORM_FIELDS: Record<string, string> = {
  'oversight body': 'oversightBody',
  'response working days before': 'responseDays',
  'open working days before': 'openDays',
};

/** The command a domain refusal suggests, and the control on this page that does the same. */
const COMMAND_HINTS: [string, string][] = [
  ['("action group")', 'under “Which group monitors each action”'],
  ['("group add")', 'under “Add a monitoring group”'],
];

export function adminGroupsRouter(useCases: AdminDeps, route: Route): Router {
  const router = Router();
  const json = jsonBody();
  const change = changeRoute(route);
  // The domain's field names turned into the form's, so each refusal finds its field.
  const changeForm = <T>(
    run: (req: Request, actor: Actor) => Promise<AdminOutcome<T>>,
    message: (value: T) => TabAdminResult,
  ) => change(async (req, actor) => inPageWords(await run(req, actor)), message);

  router.get(
    `${ADMIN_PLAN}/groups`,
    route(async (req, res, actor) => {
      const outcome = await loadGroupsAs(useCases, actorOf(actor), planIdOf(req));
      if (outcome.kind === 'saved') res.json(groupsView(outcome.value));
      else answer(res, outcome, () => ({ ok: true, message: '' }));
    }),
  );

  router.post(
    `${ADMIN_PLAN}/groups`,
    json,
    changeForm(
      (req, actor) => {
        const body = bodyOf(req);
        return addGroupAs(useCases, actor, {
          planId: planIdOf(req),
          group: { ...groupFields(body), meetings: dateList(text(body, 'meetings', 4000)) },
        });
      },
      (group) => ({ ok: true, message: `Monitoring group “${group.name}” added.` }),
    ),
  );

  router.post(
    GROUP,
    json,
    changeForm(
      (req, actor) =>
        editGroupAs(useCases, actor, {
          planId: planIdOf(req),
          group: groupIdOf(req),
          changes: groupFields(bodyOf(req)),
        }),
      (group) => ({ ok: true, message: `Monitoring group “${group.name}” saved.` }),
    ),
  );

  router.post(
    `${GROUP}/meetings`,
    json,
    changeForm(
      (req, actor) =>
        changeGroupMeetingsAs(useCases, actor, {
          planId: planIdOf(req),
          group: groupIdOf(req),
          dates: dateList(text(bodyOf(req), 'meetings', 4000)),
        }),
      (group) => ({ ok: true, message: `Meetings of “${group.name}”: ${meetingWords(group.meetings)}.` }),
    ),
  );

  router.post(
    `${GROUP}/meetings/cancel`,
    json,
    changeForm(
      (req, actor) =>
        changeGroupMeetingsAs(useCases, actor, {
          planId: planIdOf(req),
          group: groupIdOf(req),
          dates: dateList(text(bodyOf(req), 'meetings', 40)),
          remove: true,
        }),
      (group) => ({
        ok: true,
        message: `Meeting cancelled. Meetings of “${group.name}”: ${meetingWords(group.meetings)}.`,
      }),
    ),
  );

  router.post(
    `${GROUP}/remove`,
    json,
    changeForm(
      (req, actor) => removeGroupAs(useCases, actor, { planId: planIdOf(req), group: groupIdOf(req) }),
      ({ name }) => ({ ok: true, message: `Monitoring group “${name}” removed.` }),
    ),
  );

  router.post(
    `${ADMIN_PLAN}/action-groups`,
    json,
    changeForm(
      (req, actor) =>
        setActionGroupsAs(useCases, actor, { planId: planIdOf(req), moves: movesOf(bodyOf(req)) }),
      ({ moved }) => ({
        ok: true,
        message:
          moved.length === 0
            ? 'No action changed group, so there was nothing to save.'
            : `Saved: ${movesInWords(moved)}.`,
      }),
    ),
  );

  router.post(
    `${ADMIN_PLAN}/governance`,
    json,
    change(
      (req, actor) => {
        const body = bodyOf(req);
        return setGovernanceAs(useCases, actor, {
          planId: planIdOf(req),
          moderationGroup: text(body, 'moderationGroup', 4000),
          protectiveMarking: text(body, 'protectiveMarking', 4000),
        });
      },
      (plan) => ({
        ok: true,
        message: `Saved: ratings are agreed by ${plan.moderationGroup ?? 'whoever closes the round'}; papers are marked ${plan.protectiveMarking ?? 'OFFICIAL'}.`,
      }),
    ),
  );

  return router;
}

/** A group's id as the path gives it; one that could not be a group's id is a 404, never a lookup. */
function groupIdOf(req: Request): string {
  const id = String(req.params.groupId);
  if (!/^[a-z0-9-]{1,40}$/.test(id)) throw new NotFoundError(`Monitoring group ${id.slice(0, 40)}`);
  return id;
}

function groupFields(body: Record<string, unknown>): Omit<GroupFields, 'meetings'> {
  const cadence = text(body, 'cadence', 40);
  if (!(CADENCES as readonly string[]).includes(cadence))
    throw new ValidationError([
      { field: 'cadence', reason: `choose how often the group meets: ${CADENCES.join(', ')}` },
    ]);
  const openDays = text(body, 'openDays', 40).trim();
  return {
    name: text(body, 'name', 400),
    cadence: cadence as Cadence,
    oversightBody: text(body, 'oversightBody', 400),
    // Not a number reads as NaN, which the group's own check refuses with the reason by the field.
    responseWorkingDaysBefore: wholeNumber(text(body, 'responseDays', 40)),
    ...(openDays === '' ? {} : { autoOpenWorkingDaysBefore: wholeNumber(openDays) }),
  };
}

function wholeNumber(value: string): number {
  return /^\s*\d+\s*$/.test(value) ? Number(value) : Number.NaN;
}

/** "31/03/2025, 28 Apr 2025" (commas, semicolons or lines between) as the dates' texts. */
function dateList(value: string): string[] {
  return value
    .split(/[,;\n]/)
    .map((date) => date.trim())
    .filter((date) => date !== '');
}

function movesOf(body: Record<string, unknown>): { actionId: string; group: string }[] {
  const moves = body.moves;
  const wellFormed =
    Array.isArray(moves) &&
    moves.length <= 500 &&
    moves.every(
      (m) => m && typeof m === 'object' && typeof m.actionId === 'string' && typeof m.group === 'string',
    );
  if (!wellFormed)
    throw new ValidationError([{ field: 'moves', reason: 'must be a list of { actionId, group }' }]);
  return (moves as { actionId: string; group: string }[]).map(({ actionId, group }) => ({
    actionId: actionId.slice(0, 64),
    group: group.slice(0, 120),
  }));
}

/** A refusal with the page's field names, and the page's control where the domain names a command. */
function inPageWords<T>(outcome: AdminOutcome<T>): AdminOutcome<T> {
  if (outcome.kind !== 'invalid') return outcome;
  return {
    ...outcome,
    issues: outcome.issues.map((i) => ({
      ...i,
      field: FORM_FIELDS[i.field] ?? i.field,
      reason: COMMAND_HINTS.reduce(
        (reason, [command, control]) => reason.replace(command, control),
        i.reason,
      ),
    })),
  };
}

/** "actions 1.1 and 1.2 are now in Council actions; action 2.1 is now in no group" */
function movesInWords(moved: readonly { actionId: string; groupName?: string }[]): string {
  const destinations = [...new Set(moved.map((m) => m.groupName))];
  return destinations
    .map((name) => {
      const ids = moved.filter((m) => m.groupName === name).map((m) => m.actionId);
      const list =
        ids.length === 1
          ? `action ${ids[0]} is`
          : `actions ${ids.slice(0, -1).join(', ')} and ${ids.at(-1)} are`;
      return `${list} now in ${name ?? 'no group'}`;
    })
    .join('; ');
}

function meetingWords(meetings: readonly string[]): string {
  return meetings.map(formatUkDate).join(', ') || 'none';
}

function groupsView(view: GroupsAdminView): TabAdminGroups {
  const { plan } = view;
  return {
    groups: view.groups.map(groupView),
    ungrouped: view.ungrouped,
    actions: view.actions.map((a) => {
      const known = a.monitoringGroupId && groupsOf(plan).some((g) => g.id === a.monitoringGroupId);
      return { id: a.id, description: a.description, groupId: known ? a.monitoringGroupId! : '' };
    }),
    governance: {
      moderationGroup: plan.moderationGroup ?? '',
      protectiveMarking: plan.protectiveMarking ?? '',
    },
  };
}

function groupView({ group, actions, openRound, next }: GroupOverview): TabGroup {
  return {
    id: group.id,
    name: group.name,
    cadence: group.cadence,
    oversightBody: group.oversightBody,
    responseDays: String(group.responseWorkingDaysBefore),
    openDays: group.autoOpenWorkingDaysBefore === undefined ? '' : String(group.autoOpenWorkingDaysBefore),
    meetings: group.meetings.map((date) => ({ date, label: formatUkDate(date) })),
    actions,
    ...(openRound !== undefined ? { openRound } : {}),
    ...(next
      ? {
          next: {
            meeting: formatUkDate(next.meeting),
            responseDue: formatUkDate(next.responseDue),
            ...(next.opensOn ? { opens: formatUkDate(next.opensOn) } : {}),
          },
        }
      : {}),
  };
}
