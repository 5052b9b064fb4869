/**
 * A coordinator's changes to actions and areas from the dashboard: add an area, add an action, edit one,
 * reschedule it, withdraw it. Each is checked against the version the form was drawn from, so a form
 * opened before someone else's change is refused and says who made it; each writes the action
 * ETag-checked, appends to its history (source "in the dashboard") and records an audit event.
 */
import type { Action } from '../../domain/action';
import {
  applyActionText,
  applyReschedule,
  applyWithdraw,
  newAction,
  readActionText,
} from '../../domain/action-edit';
import type { Area } from '../../domain/area';
import { calendarDateIn } from '../../domain/dates';
import { ConflictError, ValidationError } from '../../domain/errors';
import { newestFirstId } from '../../domain/ids';
import { type Plan, reminderSettingsOf } from '../../domain/plan';
import type { EditContext } from '../../domain/status-change';
import { type Applied, cardVersion } from '../../domain/status-change';
import { Checker, LIMITS } from '../../domain/validation';
import { revokeRemovedOwnersLinks } from '../people/people-service';
import type { Versioned } from '../ports/index';
import { withReminderSchedule } from '../reminders/reminder-schedule';
import type { Actor } from '../shared/actor';
import { type AdminDeps, type AdminOutcome, invalid, saved } from '../shared/admin-outcome';
import { administeredPlan } from '../shared/administered-plan';

export interface ActionSaved {
  actionId: string;
  /** The action's version now, for the next form. */
  version: string;
  changed: string[];
}

function contextOf(deps: AdminDeps, actor: Actor, now: Date): EditContext {
  return {
    at: now.toISOString(),
    author: { aadObjectId: actor.aadObjectId, name: actor.name },
    source: 'tab',
    entryId: newestFirstId(now, deps.random),
  };
}

function refusal(error: unknown) {
  if (error instanceof ValidationError) return invalid(error.issues);
  throw error;
}

/** A new area for improvement, numbered after the last unless an id is given. */
export async function addAreaAs(
  deps: AdminDeps,
  actor: Actor,
  request: { planId: string; id?: string; text: string },
): Promise<AdminOutcome<{ areaId: string }>> {
  const now = deps.clock.now();
  const found = await administeredPlan(deps.stores, actor, request.planId, now);
  if (found.kind !== 'ok') return found;
  const areas = await deps.stores.actions.listAreas(request.planId);
  const check = new Checker();
  const text = check.text('text', request.text, LIMITS.areaText, { required: true });
  const wanted = (request.id ?? '').trim();
  const numbers = areas.map((a) => Number(a.id)).filter(Number.isInteger);
  const id = wanted === '' ? String(Math.max(0, ...numbers) + 1) : check.itemId('id', wanted);
  if (areas.some((a) => a.id.toLowerCase() === id.toLowerCase()))
    check.add('id', `the plan has an area ${id} already`);
  if (!check.ok) return invalid(check.issues);
  const area: Area = {
    planId: request.planId,
    id,
    text,
    order: Math.max(0, ...areas.map((a) => a.order)) + 1,
  };
  await deps.stores.actions.writeMany(request.planId, [{ kind: 'create-area', area }]);
  await deps.stores.audit.record({
    at: now.toISOString(),
    actor: actor.email,
    event: 'area.added',
    planId: request.planId,
    details: { areaId: id },
  });
  return saved({ areaId: id });
}

/** The wording of an area changes; its actions stay with it. */
export async function editAreaAs(
  deps: AdminDeps,
  actor: Actor,
  request: { planId: string; areaId: string; text: string },
): Promise<AdminOutcome<{ areaId: string }>> {
  const now = deps.clock.now();
  const found = await administeredPlan(deps.stores, actor, request.planId, now);
  if (found.kind !== 'ok') return found;
  const area = await deps.stores.actions.getArea(request.planId, request.areaId);
  if (!area) return { kind: 'not-found', what: `Area ${request.areaId}` };
  const check = new Checker();
  const text = check.text('text', request.text, LIMITS.areaText, { required: true });
  if (!check.ok) return invalid(check.issues);
  if (text === area.text) return saved({ areaId: area.id });
  await deps.stores.actions.writeMany(request.planId, [{ kind: 'update-area', area: { ...area, text } }]);
  await deps.stores.audit.record({
    at: now.toISOString(),
    actor: actor.email,
    event: 'area.edited',
    planId: request.planId,
    details: { areaId: area.id },
  });
  return saved({ areaId: area.id });
}

export async function addActionAs(
  deps: AdminDeps,
  actor: Actor,
  request: { planId: string; fields: Record<string, unknown> },
): Promise<AdminOutcome<ActionSaved>> {
  const now = deps.clock.now();
  const found = await administeredPlan(deps.stores, actor, request.planId, now);
  if (found.kind !== 'ok') return found;
  const plan = found.plan.value;
  const { areas, actions } = await deps.stores.actions.readPlan(plan.id);
  let applied: Applied;
  try {
    applied = newAction(plan.id, request.fields, {
      ...contextOf(deps, actor, now),
      areaIds: areas.map((a) => a.id),
      takenIds: actions.map((a) => a.value.id),
      today: calendarDateIn(plan.timeZone, now),
    });
  } catch (error) {
    return refusal(error);
  }
  const action = withReminderSchedule(applied.after, plan, deps.calendar, now);
  await deps.stores.actions.writeMany(plan.id, [{ kind: 'create-action', action }]);
  await deps.stores.history.append([applied.entry]);
  await audit(deps, actor, plan, 'action.added', action.id, applied.entry.id);
  return saved({ actionId: action.id, version: cardVersion(action), changed: ['created'] });
}

type ActionChange = (
  loaded: Versioned<Action>,
  plan: Plan,
  context: EditContext,
  now: Date,
) => Applied | undefined;

/** Load, check the version, apply, write ETag-checked, record: the same for every change to one action. */
async function changeAction(
  deps: AdminDeps,
  actor: Actor,
  request: { planId: string; actionId: string; version: string },
  event: string,
  apply: ActionChange,
): Promise<AdminOutcome<ActionSaved>> {
  const now = deps.clock.now();
  const found = await administeredPlan(deps.stores, actor, request.planId, now);
  if (found.kind !== 'ok') return found;
  const plan = found.plan.value;
  const loaded = await deps.stores.actions.get(plan.id, request.actionId);
  if (!loaded) return { kind: 'not-found', what: `Action ${request.actionId}` };
  if (cardVersion(loaded.value) !== request.version) return staleAction(deps, plan.id, request.actionId);
  let applied: Applied | undefined;
  try {
    applied = apply(loaded, plan, contextOf(deps, actor, now), now);
  } catch (error) {
    return refusal(error);
  }
  if (!applied) return saved({ actionId: loaded.value.id, version: request.version, changed: [] });
  const after = withReminderSchedule(applied.after, plan, deps.calendar, now);
  try {
    await deps.stores.actions.update(after, loaded.etag, loaded.value);
  } catch (error) {
    if (error instanceof ConflictError) return staleAction(deps, plan.id, request.actionId);
    throw error;
  }
  await deps.stores.history.append([applied.entry]);
  await audit(deps, actor, plan, event, after.id, applied.entry.id);
  // A person taken off the action loses the e-mail links they were sent as its owner.
  await revokeRemovedOwnersLinks(deps, actor, plan.id, loaded.value.owners, after.owners);
  return saved({
    actionId: after.id,
    version: cardVersion(after),
    changed: applied.entry.changedFields ?? [applied.entry.newLifecycle ?? 'lifecycle'],
  });
}

/** Who changed the action since: its newest history entry says. */
async function staleAction(deps: AdminDeps, planId: string, actionId: string) {
  const [latest] = await deps.stores.history.listForAction(planId, actionId, 1);
  return {
    kind: 'stale' as const,
    ...(latest ? { changedBy: latest.author.name, changedAt: latest.at } : {}),
  };
}

export async function editActionAs(
  deps: AdminDeps,
  actor: Actor,
  request: { planId: string; actionId: string; version: string; fields: Record<string, unknown> },
): Promise<AdminOutcome<ActionSaved>> {
  const areaIds = (await deps.stores.actions.listAreas(request.planId)).map((a) => a.id);
  return changeAction(deps, actor, request, 'action.edited', (loaded, _plan, context) =>
    applyActionText(loaded.value, readActionText(request.fields, areaIds), context),
  );
}

export function rescheduleActionAs(
  deps: AdminDeps,
  actor: Actor,
  request: { planId: string; actionId: string; version: string; date: string; reason: string },
): Promise<AdminOutcome<ActionSaved>> {
  return changeAction(deps, actor, request, 'action.rescheduled', (loaded, plan, context, now) =>
    applyReschedule(
      loaded.value,
      { date: request.date, reason: request.reason },
      {
        ...context,
        today: calendarDateIn(plan.timeZone, now),
        region: reminderSettingsOf(plan).region,
        calendar: deps.calendar,
      },
    ),
  );
}

export function withdrawActionAs(
  deps: AdminDeps,
  actor: Actor,
  request: { planId: string; actionId: string; version: string; reason: string },
): Promise<AdminOutcome<ActionSaved>> {
  return changeAction(deps, actor, request, 'action.withdrawn', (loaded, _plan, context) =>
    applyWithdraw(loaded.value, { reason: request.reason }, context),
  );
}

async function audit(
  deps: AdminDeps,
  actor: Actor,
  plan: Plan,
  event: string,
  actionId: string,
  entryId: string,
): Promise<void> {
  await deps.stores.audit.record({
    at: deps.clock.now().toISOString(),
    actor: actor.email,
    event,
    planId: plan.id,
    details: { actionId, entryId },
  });
}
