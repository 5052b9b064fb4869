/**
 * Answers a press of a button on an action card (Universal Actions, Action.Execute). Identity comes from
 * the activity, never the card; the card's data only says which action, and which version of it the
 * person was looking at. Every change appends to the action's history and is ETag-checked.
 */
import { createHash } from 'node:crypto';
import { type Action, isOwnedBy } from '../../domain/action';
import { addDays, calendarDateIn, formatUkDate, formatUkDateTime } from '../../domain/dates';
import { ConflictError, ValidationError } from '../../domain/errors';
import { escalationOnUpdate } from '../../domain/escalation-policy';
import { newestFirstId } from '../../domain/ids';
import { isOpen, lifecycleLabel } from '../../domain/lifecycle';
import { agencyLeadOf, type Plan, reminderSettingsOf, rolesOf } from '../../domain/plan';
import { ratingName } from '../../domain/rating';
import {
  type Applied,
  applyLifecycle,
  applyProgress,
  applyRevisedDate,
  cardVersion,
  nextRevision,
  readCompletion,
  readDateRequest,
  readProgress,
} from '../../domain/status-change';
import type { StatusUpdate } from '../../domain/status-update';
import { ITEM_ID_PATTERN, PLAN_ID_PATTERN } from '../../domain/validation';
import type { HolidayCalendar } from '../../domain/working-days';
import type { Asker } from '../chat/replies';
import type { Clock, Stores, Versioned } from '../ports/index';
import { withReminderSchedule } from '../reminders/reminder-schedule';
import { snoozeAction } from '../reminders/snooze';
import type { ActionCardView, BannerTone } from './action-card-view';
import type { Announcement } from './announcements';

export const CARD_VERBS = [
  'action.refresh',
  'action.update',
  'action.complete',
  'action.snooze',
  'date.request',
  'date.approve',
  'date.reject',
  'impact.confirm',
] as const;
export type CardVerb = (typeof CARD_VERBS)[number];

export interface CardActionDeps {
  stores: Stores;
  clock: Clock;
  calendar: HolidayCalendar;
  random: () => number;
  /** Where the change came from, for the history: the card (default) or the dashboard tab's form. */
  source?: 'card' | 'tab';
}

export type CardActionResult =
  /** `saved`: the submission is recorded (now, or by an identical earlier press). */
  | { kind: 'card'; view: ActionCardView; announcements: Announcement[]; saved: boolean }
  | { kind: 'message'; title: string; text: string; tone: BannerTone };

type Handler = (ctx: VerbContext) => Promise<CardActionResult>;

interface VerbContext {
  deps: CardActionDeps;
  asker: Asker;
  plan: Plan;
  loaded: Versioned<Action>;
  data: Record<string, unknown>;
  verb: CardVerb;
  owner: boolean;
  coordinator: boolean;
  lead: boolean;
}

const HANDLERS: Record<CardVerb, Handler> = {
  'action.refresh': async (ctx) => card(ctx, ctx.loaded.value, {}),
  'action.update': (ctx) => change(ctx, 'update'),
  'action.complete': (ctx) => change(ctx, 'complete'),
  'date.request': (ctx) => change(ctx, 'date-request'),
  'action.snooze': snooze,
  'date.approve': (ctx) => decideDate(ctx, 'approved'),
  'date.reject': (ctx) => decideDate(ctx, 'rejected'),
  'impact.confirm': confirmImpact,
};

export function isCardVerb(verb: unknown): verb is CardVerb {
  return typeof verb === 'string' && (CARD_VERBS as readonly string[]).includes(verb);
}

export async function handleCardAction(
  deps: CardActionDeps,
  asker: Asker,
  verb: string,
  data: Record<string, unknown>,
): Promise<CardActionResult> {
  if (!isCardVerb(verb)) {
    return message(
      'This button is not recognised',
      'The card may be from an older version of Action Tracker. Say "mine" for a fresh one.',
      'warning',
    );
  }
  const planId =
    typeof data.planId === 'string' && PLAN_ID_PATTERN.test(data.planId) ? data.planId : undefined;
  const actionId =
    typeof data.actionId === 'string' && ITEM_ID_PATTERN.test(data.actionId) ? data.actionId : undefined;
  if (!planId || !actionId)
    return message('This card is incomplete', 'It does not say which action it is about.', 'warning');
  const plan = (await deps.stores.plans.get(planId))?.value;
  const loaded = plan ? await deps.stores.actions.get(planId, actionId) : undefined;
  if (!plan || !loaded)
    return message(
      `Action ${actionId} is no longer in the plan`,
      'Ask your partnership business manager.',
      'warning',
    );

  const email = asker.email ?? '';
  const roles = rolesOf(plan, email);
  const ctx: VerbContext = {
    deps,
    asker,
    plan,
    loaded,
    data,
    verb,
    owner: email !== '' && isOwnedBy(loaded.value, email),
    coordinator: roles.includes('coordinator'),
    lead: roles.includes('lead'),
  };
  const agencyLead = email !== '' && agencyLeadOf(plan, loaded.value.leadAgency) === email;
  if (!ctx.owner && !ctx.coordinator && !ctx.lead && !agencyLead) {
    return message(
      'This action is not yours',
      'Only its owners and the plan’s coordinators and leads can see or change it.',
      'attention',
    );
  }
  if (plan.closedAt && verb !== 'action.refresh') {
    return message(
      'This plan is closed',
      'Monitoring of this plan has ended, so its actions can no longer be changed.',
      'attention',
    );
  }
  return HANDLERS[verb](ctx);
}

async function change(
  ctx: VerbContext,
  kind: 'update' | 'complete' | 'date-request',
): Promise<CardActionResult> {
  const { deps, asker, plan, loaded, data } = ctx;
  if (!ctx.owner && !ctx.coordinator) {
    return card(ctx, loaded.value, {
      banner: {
        text: 'Only the owners and the plan’s coordinators can update this action.',
        tone: 'attention',
      },
    });
  }
  const inputs = inputsOf(data);
  if (!isOpen(loaded.value.lifecycle)) {
    // Closing is final here: "impact evidenced" is confirmed by a lead, "withdrawn" by the plan.
    return card(ctx, loaded.value, {
      banner: {
        text: `This action is ${lifecycleLabel(loaded.value.lifecycle).toLowerCase()}, so it cannot be updated from a card.`,
        tone: 'info',
      },
    });
  }
  const submissionKey = fingerprint(asker.aadObjectId, ctx.verb, String(data.version ?? ''), inputs);
  const current = cardVersion(loaded.value);
  if (String(data.version ?? '') !== current) {
    const recent = await deps.stores.history.listForAction(plan.id, loaded.value.id, 5);
    const same = recent.find((entry) => entry.submissionKey === submissionKey);
    if (same)
      return card(ctx, loaded.value, { banner: recordedBanner(same, plan), latest: same, saved: true });
    const latest = recent[0];
    return card(ctx, loaded.value, {
      banner: {
        text: `This action changed after this card was sent${latest ? ` (${latest.author.name}, ${formatUkDateTime(latest.at, plan.timeZone)})` : ''}. Check the current state below and submit again if you still want to.`,
        tone: 'warning',
      },
      inputs,
      ...(latest ? { latest } : {}),
    });
  }
  const now = deps.clock.now();
  const at = now.toISOString();
  const context = {
    at,
    author: { aadObjectId: asker.aadObjectId, name: asker.name },
    source: deps.source ?? 'card',
    entryId: newestFirstId(now, deps.random),
    submissionKey,
  };
  let applied: Applied;
  const announcements: Announcement[] = [];
  try {
    const action = loaded.value;
    if (kind === 'update') {
      applied = applyProgress(action, readProgress(inputs, action, plan.ratingScale), context);
      const red = escalationOnUpdate(action, applied.after, context.entryId);
      if (red) announcements.push({ kind: 'escalation', escalation: red });
    } else if (kind === 'complete') {
      // The completion form has its own inputs, so they cannot be confused with the progress form's.
      const completion = readCompletion({
        note: inputs.impactNote ?? '',
        evidence: inputs.impactEvidence ?? '',
      });
      applied = applyLifecycle(action, 'complete', completion, context);
    } else {
      const today = calendarDateIn(plan.timeZone, now);
      const request = readDateRequest(inputs, action, {
        today,
        region: reminderSettingsOf(plan).region,
        calendar: deps.calendar,
      });
      const after: Action = {
        ...action,
        lastUpdatedAt: at,
        revision: nextRevision(action),
        pendingDateRequest: {
          id: context.entryId,
          date: request.date,
          reason: request.reason,
          requestedBy: context.author,
          requestedAt: at,
        },
      };
      applied = {
        after,
        entry: {
          planId: plan.id,
          actionId: action.id,
          id: context.entryId,
          at,
          author: context.author,
          ...(action.rating ? { oldRating: action.rating, newRating: action.rating } : {}),
          oldLifecycle: action.lifecycle,
          newLifecycle: action.lifecycle,
          note: request.reason,
          revisedDueDateRequested: request.date,
          source: deps.source ?? 'card',
          submissionKey,
        },
      };
      announcements.push({ kind: 'date-request', entryId: context.entryId });
    }
  } catch (error) {
    if (error instanceof ValidationError)
      return card(ctx, loaded.value, {
        errors: error.issues,
        inputs,
        banner: { text: 'Nothing was saved. Please check the highlighted answers.', tone: 'attention' },
      });
    throw error;
  }
  return save(ctx, applied, announcements);
}

async function save(
  ctx: VerbContext,
  applied: Applied,
  announcements: Announcement[],
): Promise<CardActionResult> {
  const { deps, plan, loaded } = ctx;
  const after = withReminderSchedule(applied.after, plan, deps.calendar, deps.clock.now());
  // The action is written first (ETag-checked, so a conflict records nothing), then its history entry.
  // The entry's id is fixed, so retrying the append can never record it twice.
  try {
    await deps.stores.actions.update(after, loaded.etag, loaded.value);
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    const fresh = (await deps.stores.actions.get(plan.id, loaded.value.id))?.value ?? loaded.value;
    return card(ctx, fresh, { banner: { text: `${error.message} Nothing was saved.`, tone: 'warning' } });
  }
  await appendWithRetry(deps, applied.entry);
  await deps.stores.audit.record({
    at: applied.entry.at,
    actor: ctx.asker.aadObjectId,
    event: `action.${ctx.verb}`,
    planId: plan.id,
    details: { actionId: after.id, entryId: applied.entry.id },
  });
  return card(
    ctx,
    after,
    { banner: recordedBanner(applied.entry, plan), latest: applied.entry, saved: true },
    announcements,
  );
}

async function snooze(ctx: VerbContext): Promise<CardActionResult> {
  if (!ctx.owner && !ctx.coordinator) {
    return card(ctx, ctx.loaded.value, {
      banner: { text: 'Only the owners can snooze this action’s reminders.', tone: 'attention' },
    });
  }
  const days = Number(ctx.data.days);
  try {
    const { until } = await snoozeAction(ctx.deps, ctx.asker, {
      planId: ctx.plan.id,
      actionId: ctx.loaded.value.id,
      days,
    });
    const fresh = (await ctx.deps.stores.actions.get(ctx.plan.id, ctx.loaded.value.id))!.value;
    return card(ctx, fresh, {
      banner: { text: `No reminders about this action until ${formatUkDate(until)}.`, tone: 'good' },
    });
  } catch (error) {
    if (error instanceof ValidationError)
      return card(ctx, ctx.loaded.value, {
        banner: { text: 'Snooze for 3 days or 1 week.', tone: 'warning' },
      });
    if (error instanceof ConflictError)
      return card(ctx, ctx.loaded.value, { banner: { text: error.message, tone: 'warning' } });
    throw error;
  }
}

async function decideDate(ctx: VerbContext, decision: 'approved' | 'rejected'): Promise<CardActionResult> {
  const { deps, asker, plan, loaded, data } = ctx;
  if (!ctx.lead && !ctx.coordinator) {
    return card(ctx, loaded.value, {
      banner: { text: 'Only the plan’s leads and coordinators can decide on a new date.', tone: 'attention' },
    });
  }
  const pending = loaded.value.pendingDateRequest;
  const requestId = String(data.requestId ?? '');
  if (!pending || pending.id !== requestId) {
    const [latest] = await deps.stores.history.listForAction(plan.id, loaded.value.id, 1);
    const already = latest?.dateDecision
      ? `It was ${latest.dateDecision} by ${latest.author.name}.`
      : 'It is no longer pending.';
    return card(ctx, loaded.value, {
      banner: { text: `That date request has been dealt with already. ${already}`, tone: 'info' },
      ...(latest ? { latest } : {}),
    });
  }
  const comment = typeof data.comment === 'string' ? data.comment.trim().slice(0, 2000) : '';
  const now = deps.clock.now();
  const context = {
    at: now.toISOString(),
    author: { aadObjectId: asker.aadObjectId, name: asker.name },
    source: deps.source ?? 'card',
    entryId: newestFirstId(now, deps.random),
    submissionKey: fingerprint(asker.aadObjectId, ctx.verb, requestId, { comment }),
  };
  const note = comment || undefined;
  let applied: Applied;
  if (decision === 'approved') {
    try {
      // The request was valid when made; the date must still be a future working day now.
      readDateRequest(
        { revisedDate: pending.date, reason: pending.reason },
        { ...loaded.value, currentDueDate: '' },
        {
          today: calendarDateIn(plan.timeZone, now),
          region: reminderSettingsOf(plan).region,
          calendar: deps.calendar,
        },
      );
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return card(ctx, loaded.value, {
        banner: {
          text: `The requested date ${formatUkDate(pending.date)} ${error.issues[0]?.reason ?? 'is no longer valid'}; reject it and ask for another.`,
          tone: 'warning',
        },
      });
    }
    applied = applyRevisedDate(loaded.value, pending.date, { ...(note ? { note } : {}) }, context);
  } else {
    const { pendingDateRequest: _rejected, ...rest } = loaded.value;
    const after = { ...rest, lastUpdatedAt: context.at, revision: nextRevision(loaded.value) };
    applied = {
      after,
      entry: {
        planId: plan.id,
        actionId: after.id,
        id: context.entryId,
        at: context.at,
        author: context.author,
        oldLifecycle: after.lifecycle,
        newLifecycle: after.lifecycle,
        ...(after.rating ? { oldRating: after.rating, newRating: after.rating } : {}),
        ...(note ? { note } : {}),
        source: deps.source ?? 'card',
        submissionKey: context.submissionKey,
      },
    };
  }
  applied.entry = { ...applied.entry, dateDecision: decision, revisedDueDateRequested: pending.date };
  return save(ctx, applied, [{ kind: 'date-decision', decision, requestId: pending.id, date: pending.date }]);
}

async function confirmImpact(ctx: VerbContext): Promise<CardActionResult> {
  const { deps, asker, loaded } = ctx;
  if (!ctx.lead && !ctx.coordinator) {
    return card(ctx, loaded.value, {
      banner: { text: 'Impact is confirmed by the plan’s coordinators or leads.', tone: 'attention' },
    });
  }
  if (loaded.value.lifecycle !== 'complete') {
    return card(ctx, loaded.value, {
      banner: {
        text: `Only a complete action can have its impact confirmed; this one is ${lifecycleLabel(loaded.value.lifecycle).toLowerCase()}.`,
        tone: 'warning',
      },
    });
  }
  const now = deps.clock.now();
  const comment =
    typeof ctx.data.impactComment === 'string' ? ctx.data.impactComment.trim().slice(0, 2000) : '';
  const applied = applyLifecycle(loaded.value, 'impact_evidenced', comment ? { note: comment } : {}, {
    at: now.toISOString(),
    author: { aadObjectId: asker.aadObjectId, name: asker.name },
    source: deps.source ?? 'card',
    entryId: newestFirstId(now, deps.random),
    submissionKey: fingerprint(asker.aadObjectId, ctx.verb, cardVersion(loaded.value), { comment }),
  });
  return save(ctx, applied, []);
}

async function card(
  ctx: VerbContext,
  action: Action,
  extra: Partial<Pick<ActionCardView, 'banner' | 'errors' | 'inputs' | 'latest'>> & { saved?: boolean },
  announcements: Announcement[] = [],
): Promise<CardActionResult> {
  const { deps, plan } = ctx;
  const area = await deps.stores.actions.getArea(plan.id, action.areaId);
  const latest = extra.latest ?? (await deps.stores.history.listForAction(plan.id, action.id, 1))[0];
  return {
    kind: 'card',
    announcements,
    saved: extra.saved ?? false,
    view: {
      plan,
      ...(area ? { area } : {}),
      action,
      today: calendarDateIn(plan.timeZone, deps.clock.now()),
      ...(latest ? { latest } : {}),
      ...(extra.banner ? { banner: extra.banner } : {}),
      ...(extra.errors ? { errors: extra.errors } : {}),
      ...(extra.inputs ? { inputs: extra.inputs } : {}),
      viewer: {
        aadObjectId: ctx.asker.aadObjectId,
        canUpdate: ctx.owner || ctx.coordinator,
        canDecide: ctx.lead || ctx.coordinator,
      },
      refreshUserIds: [ctx.asker.aadObjectId],
    },
  };
}

function recordedBanner(entry: StatusUpdate, plan: Plan): { text: string; tone: BannerTone } {
  const when = formatUkDateTime(entry.at, plan.timeZone);
  const parts: string[] = [];
  if (entry.oldRating !== entry.newRating && entry.newRating) {
    parts.push(
      `rating ${entry.oldRating ? ratingName(entry.oldRating) : 'none'} → ${ratingName(entry.newRating)}`,
    );
  }
  if (entry.oldLifecycle !== entry.newLifecycle && entry.newLifecycle)
    parts.push(lifecycleLabel(entry.newLifecycle).toLowerCase());
  if (entry.dateDecision === 'approved' && entry.revisedDueDateRequested)
    parts.push(`new due date ${formatUkDate(entry.revisedDueDateRequested)} approved`);
  if (entry.dateDecision === 'rejected') parts.push('new date not approved');
  if (!entry.dateDecision && entry.revisedDueDateRequested)
    parts.push(`new date ${formatUkDate(entry.revisedDueDateRequested)} requested`);
  if (parts.length === 0 && entry.note) parts.push('note added');
  return {
    text: `Updated by ${entry.author.name} at ${when}${parts.length ? `: ${parts.join(', ')}` : ''}.`,
    tone: 'good',
  };
}

const INPUT_IDS = [
  'rating',
  'note',
  'evidence',
  'revisedDate',
  'reason',
  'comment',
  'impactNote',
  'impactEvidence',
] as const;

/** Only the form's own inputs are read from card data, as strings, trimmed to a safe length. */
function inputsOf(data: Record<string, unknown>): Record<string, string> {
  const inputs: Record<string, string> = {};
  for (const id of INPUT_IDS) {
    const value = data[id];
    if (typeof value === 'string') inputs[id] = value.slice(0, 10_000);
    else if (typeof value === 'number') inputs[id] = String(value);
  }
  return inputs;
}

function fingerprint(who: string, verb: string, version: string, inputs: Record<string, string>): string {
  const normalised = Object.keys(inputs)
    .sort()
    .map((k) => `${k}=${(inputs[k] ?? '').trim()}`)
    .join('&');
  return createHash('sha256')
    .update(`${who}|${verb}|${version}|${normalised}`)
    .digest('base64url')
    .slice(0, 32);
}

function message(title: string, text: string, tone: BannerTone): CardActionResult {
  return { kind: 'message', title, text, tone };
}

export function snoozeOptions(today: string): { days: number; until: string }[] {
  return [3, 7].map((days) => ({ days, until: addDays(today, days) }));
}

async function appendWithRetry(deps: CardActionDeps, entry: StatusUpdate): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await deps.stores.history.append([entry]);
      return;
    } catch (error) {
      if (attempt >= 3) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
    }
  }
}
