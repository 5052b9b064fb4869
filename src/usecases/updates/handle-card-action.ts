/**
 * Answers a press of a button on an action card (Universal Actions, Action.Execute), and the dashboard
 * tab's update form. Identity comes from the activity, never the card; the card's data only says which
 * action, and which version of it the person was looking at. Who may do what is the access policy's
 * answer. Every change appends to the action's history and is ETag-checked. The answer is a typed
 * outcome: the words, tone and status are each surface's presenter's.
 */
import { createHash } from 'node:crypto';
import { type ActionIntent, type DenialReason, decideForAction, mayActOn } from '../../domain/access-policy';
import type { Action } from '../../domain/action';
import { contactOf } from '../../domain/contributing-contacts';
import { addDays, calendarDateIn, type IsoDate } from '../../domain/dates';
import { ConflictError, ValidationError, type ValidationIssue } from '../../domain/errors';
import { escalationOnUpdate } from '../../domain/escalation-policy';
import { newestFirstId } from '../../domain/ids';
import { assertNever } from '../../domain/never';
import { type Plan, reminderSettingsOf } from '../../domain/plan';
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
import type { StatusUpdate, UpdateSource } from '../../domain/status-update';
import { Checker, ITEM_ID_PATTERN, LIMITS, PLAN_ID_PATTERN } from '../../domain/validation';
import type { HolidayCalendar } from '../../domain/working-days';
import { agreeActionRating } from '../moderation/agree-rating';
import {
  isModerationCardView,
  type ModerationCardView,
  moderationCardView,
} from '../moderation/moderation-card-view';
import type { Clock, Stores, Versioned } from '../ports/index';
import { withReminderSchedule } from '../reminders/reminder-schedule';
import { snoozeAction } from '../reminders/snooze';
import type { ActionCardState } from '../shared/action-card-view';
import type { Asker } from '../shared/asker';
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
  'action.note',
  'moderation.show',
  'rating.agree',
  'rating.change',
] as const;
export type CardVerb = (typeof CARD_VERBS)[number];

export interface CardActionDeps {
  stores: Stores;
  clock: Clock;
  calendar: HolidayCalendar;
  random: () => number;
  /** Where the change came from, for the history: the card (default) or the dashboard tab's form. */
  source?: UpdateSource;
}

/**
 * What became of a press, as data: each surface (the card, the tab's JSON) has one presenter that puts
 * it into words, a tone and a status. `view` is the action as it now stands, for this viewer.
 */
export type CardActionOutcome =
  /** Not a verb of ours: a card from an older version, or a forged one. */
  | { kind: 'unrecognised' }
  | OpeningOutcome
  /** A refresh: the card as it stands. */
  | { kind: 'shown'; view: ActionCardState }
  | ChangeOutcome
  | { kind: 'snoozed'; view: ActionCardState; until: IsoDate }
  /** The date request the button was for was decided (or withdrawn) meanwhile. */
  | { kind: 'date-already-decided'; view: ActionCardState; latest?: StatusUpdate }
  /** The requested date was valid when asked for, but is not now (it has passed, say). */
  | { kind: 'requested-date-invalid'; view: ActionCardState; date: IsoDate; issue?: string }
  /** Impact is confirmed only on a complete action. */
  | { kind: 'not-complete'; view: ActionCardState }
  /** A moderator's card: shown, or what became of agreeing (the banner says which). */
  | { kind: 'moderation'; view: ModerationCardView };

/** Before any verb runs: which action, and may this person do this to it. */
export type OpeningOutcome =
  /** The card data does not name an action. */
  | { kind: 'incomplete' }
  | { kind: 'not-found'; actionId: string }
  /** The access policy's refusal; `view` is absent when the person may not even see the action. */
  | { kind: 'forbidden'; reason: DenialReason; intent: ActionIntent; view?: ActionCardState };

/** A change from a form: recorded, or why not. */
export type ChangeOutcome =
  | { kind: 'saved'; view: ActionCardState; entry: StatusUpdate; announcements: Announcement[] }
  /** The identical submission (a double click, a retry) was recorded earlier; nothing more is done. */
  | { kind: 'already-saved'; view: ActionCardState; entry: StatusUpdate }
  /** The card showed an older version of the action; `view` keeps what was typed. */
  | { kind: 'stale'; view: ActionCardState; latest?: StatusUpdate }
  /** Someone else's write landed between our read and ours; `view` is the action as it now is. */
  | { kind: 'conflict'; view: ActionCardState }
  /** Input problems, by field; `view` keeps what was typed. Nothing was changed. */
  | { kind: 'invalid'; view: ActionCardState; issues: readonly ValidationIssue[] };

/** What the dashboard tab's update form can come to. */
export type UpdateOutcome = OpeningOutcome | ChangeOutcome;

type Handler = (ctx: VerbContext) => Promise<CardActionOutcome>;

interface VerbContext {
  deps: CardActionDeps;
  asker: Asker;
  plan: Plan;
  loaded: Versioned<Action>;
  data: Record<string, unknown>;
  verb: CardVerb;
}

const HANDLERS: Record<CardVerb, Handler> = {
  'action.refresh': async (ctx) => ({ kind: 'shown', view: await card(ctx, ctx.loaded.value) }),
  'action.update': (ctx) => change(ctx, 'update'),
  'action.complete': (ctx) => change(ctx, 'complete'),
  'date.request': (ctx) => change(ctx, 'date-request'),
  'action.snooze': snooze,
  'date.approve': (ctx) => decideDate(ctx, 'approved'),
  'date.reject': (ctx) => decideDate(ctx, 'rejected'),
  'impact.confirm': confirmImpact,
  'action.note': addNote,
  'moderation.show': (ctx) => moderation(ctx),
  'rating.agree': (ctx) => agree(ctx, false),
  'rating.change': (ctx) => agree(ctx, true),
};

/** What each button asks the access policy for. */
const INTENT_OF: Record<CardVerb, ActionIntent> = {
  'action.refresh': 'see',
  'action.update': 'update',
  'action.complete': 'update',
  'date.request': 'update',
  'action.snooze': 'snooze',
  'date.approve': 'decide-date',
  'date.reject': 'decide-date',
  'impact.confirm': 'confirm-impact',
  'action.note': 'add-note',
  'moderation.show': 'agree-rating',
  'rating.agree': 'agree-rating',
  'rating.change': 'agree-rating',
};

export function isCardVerb(verb: unknown): verb is CardVerb {
  return typeof verb === 'string' && (CARD_VERBS as readonly string[]).includes(verb);
}

export async function handleCardAction(
  deps: CardActionDeps,
  asker: Asker,
  verb: string,
  data: Record<string, unknown>,
): Promise<CardActionOutcome> {
  if (!isCardVerb(verb)) return { kind: 'unrecognised' };
  return pressed(deps, asker, verb, data, HANDLERS[verb]);
}

/** The dashboard tab's update form: the card's "save" with the same rules, from another surface. */
export function updateFromForm(
  deps: CardActionDeps,
  asker: Asker,
  data: Record<string, unknown>,
): Promise<UpdateOutcome> {
  return pressed(deps, asker, 'action.update', data, (ctx) => change(ctx, 'update'));
}

async function pressed<O>(
  deps: CardActionDeps,
  asker: Asker,
  verb: CardVerb,
  data: Record<string, unknown>,
  handler: (ctx: VerbContext) => Promise<O>,
): Promise<O | OpeningOutcome> {
  const planId =
    typeof data.planId === 'string' && PLAN_ID_PATTERN.test(data.planId) ? data.planId : undefined;
  const actionId =
    typeof data.actionId === 'string' && ITEM_ID_PATTERN.test(data.actionId) ? data.actionId : undefined;
  if (!planId || !actionId) return { kind: 'incomplete' };
  const plan = (await deps.stores.plans.get(planId))?.value;
  const loaded = plan ? await deps.stores.actions.get(planId, actionId) : undefined;
  if (!plan || !loaded) return { kind: 'not-found', actionId };

  const ctx: VerbContext = { deps, asker, plan, loaded, data, verb };
  const email = asker.email ?? '';
  const intent = INTENT_OF[verb];
  // Today in the plan's time zone: a delegate covering for an owner acts as the owner while cover lasts.
  const today = calendarDateIn(plan.timeZone, deps.clock.now());
  const seeing = decideForAction(plan, loaded.value, email, 'see', today);
  if (!seeing.allowed) return { kind: 'forbidden', reason: seeing.reason, intent };
  const decision = decideForAction(plan, loaded.value, email, intent, today);
  if (!decision.allowed)
    return { kind: 'forbidden', reason: decision.reason, intent, view: await card(ctx, loaded.value) };
  return handler(ctx);
}

async function change(
  ctx: VerbContext,
  kind: 'update' | 'complete' | 'date-request',
): Promise<ChangeOutcome> {
  const { deps, asker, plan, loaded, data } = ctx;
  const inputs = inputsOf(data);
  const submissionKey = fingerprint(asker.aadObjectId, ctx.verb, String(data.version ?? ''), inputs);
  const current = cardVersion(loaded.value);
  if (String(data.version ?? '') !== current) {
    const recent = await deps.stores.history.listForAction(plan.id, loaded.value.id, 5);
    const same = recent.find((entry) => entry.submissionKey === submissionKey);
    if (same)
      return { kind: 'already-saved', entry: same, view: await card(ctx, loaded.value, { latest: same }) };
    const latest = recent[0];
    return {
      kind: 'stale',
      ...(latest ? { latest } : {}),
      view: await card(ctx, loaded.value, { inputs, ...(latest ? { latest } : {}) }),
    };
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
      return { kind: 'invalid', issues: error.issues, view: await card(ctx, loaded.value, { inputs }) };
    throw error;
  }
  return save(ctx, applied, announcements);
}

async function save(
  ctx: VerbContext,
  applied: Applied,
  announcements: Announcement[],
): Promise<ChangeOutcome> {
  const { deps, plan, loaded } = ctx;
  const after = withReminderSchedule(applied.after, plan, deps.calendar, deps.clock.now());
  // The action is written first (ETag-checked, so a conflict records nothing), then its history entry.
  // The entry's id is fixed, so retrying the append can never record it twice.
  try {
    await deps.stores.actions.update(after, loaded.etag, loaded.value);
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    return { kind: 'conflict', view: await card(ctx, await freshOf(ctx)) };
  }
  await appendWithRetry(deps, applied.entry);
  await deps.stores.audit.record({
    at: applied.entry.at,
    actor: ctx.asker.aadObjectId,
    event: `action.${ctx.verb}`,
    planId: plan.id,
    details: { actionId: after.id, entryId: applied.entry.id },
  });
  return {
    kind: 'saved',
    entry: applied.entry,
    announcements,
    view: await card(ctx, after, { latest: applied.entry }),
  };
}

async function freshOf(ctx: VerbContext): Promise<Action> {
  return (await ctx.deps.stores.actions.get(ctx.plan.id, ctx.loaded.value.id))?.value ?? ctx.loaded.value;
}

async function snooze(ctx: VerbContext): Promise<CardActionOutcome> {
  const days = Number(ctx.data.days);
  try {
    const { until } = await snoozeAction(ctx.deps, ctx.asker, {
      planId: ctx.plan.id,
      actionId: ctx.loaded.value.id,
      days,
    });
    return { kind: 'snoozed', until, view: await card(ctx, await freshOf(ctx)) };
  } catch (error) {
    if (error instanceof ValidationError)
      return { kind: 'invalid', issues: error.issues, view: await card(ctx, ctx.loaded.value) };
    if (error instanceof ConflictError)
      return { kind: 'conflict', view: await card(ctx, await freshOf(ctx)) };
    throw error;
  }
}

async function decideDate(ctx: VerbContext, decision: 'approved' | 'rejected'): Promise<CardActionOutcome> {
  const { deps, asker, plan, loaded, data } = ctx;
  const pending = loaded.value.pendingDateRequest;
  const requestId = String(data.requestId ?? '');
  if (!pending || pending.id !== requestId) {
    const [latest] = await deps.stores.history.listForAction(plan.id, loaded.value.id, 1);
    return {
      kind: 'date-already-decided',
      ...(latest ? { latest } : {}),
      view: await card(ctx, loaded.value, latest ? { latest } : {}),
    };
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
      const issue = error.issues[0]?.reason;
      return {
        kind: 'requested-date-invalid',
        date: pending.date,
        ...(issue ? { issue } : {}),
        view: await card(ctx, loaded.value),
      };
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

async function confirmImpact(ctx: VerbContext): Promise<CardActionOutcome> {
  const { deps, asker, loaded } = ctx;
  if (loaded.value.lifecycle !== 'complete')
    return { kind: 'not-complete', view: await card(ctx, loaded.value) };
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

/**
 * A contributing agency's contact adds a note (the lead owner proposes the rating). The note is history
 * only: the action itself is unchanged, so it still waits on its owners in the round.
 */
async function addNote(ctx: VerbContext): Promise<CardActionOutcome> {
  const { deps, asker, plan, loaded, data } = ctx;
  const inputs = inputsOf(data);
  const check = new Checker();
  const note = check.text('contributionNote', inputs.contributionNote ?? '', LIMITS.note, { required: true });
  if (!check.ok)
    return { kind: 'invalid', issues: check.issues, view: await card(ctx, loaded.value, { inputs }) };
  const submissionKey = fingerprint(asker.aadObjectId, ctx.verb, cardVersion(loaded.value), { note });
  const recent = await deps.stores.history.listForAction(plan.id, loaded.value.id, 5);
  const same = recent.find((entry) => entry.submissionKey === submissionKey);
  if (same)
    return { kind: 'already-saved', entry: same, view: await card(ctx, loaded.value, { latest: same }) };
  const now = deps.clock.now();
  const contact = contactOf(loaded.value, asker.email ?? '');
  const entry: StatusUpdate = {
    planId: plan.id,
    actionId: loaded.value.id,
    id: newestFirstId(now, deps.random),
    at: now.toISOString(),
    author: { aadObjectId: asker.aadObjectId, name: asker.name },
    note,
    source: deps.source ?? 'card',
    submissionKey,
    ...(contact ? { contributingAgency: contact.agency } : {}),
  };
  await appendWithRetry(deps, entry);
  await deps.stores.audit.record({
    at: entry.at,
    actor: asker.aadObjectId,
    event: 'action.note-added',
    planId: plan.id,
    details: { actionId: loaded.value.id, entryId: entry.id, ...(contact ? { agency: contact.agency } : {}) },
  });
  return { kind: 'saved', entry, announcements: [], view: await card(ctx, loaded.value, { latest: entry }) };
}

/** The action as it now stands, for this viewer, with the buttons the access policy gives them. */
async function card(
  ctx: VerbContext,
  action: Action,
  extra: { latest?: StatusUpdate; inputs?: Record<string, string> } = {},
): Promise<ActionCardState> {
  const { deps, plan } = ctx;
  const email = ctx.asker.email ?? '';
  const area = await deps.stores.actions.getArea(plan.id, action.areaId);
  const latest = extra.latest ?? (await deps.stores.history.listForAction(plan.id, action.id, 1))[0];
  const today = calendarDateIn(plan.timeZone, deps.clock.now());
  return {
    plan,
    ...(area ? { area } : {}),
    action,
    today,
    ...(latest ? { latest } : {}),
    ...(extra.inputs ? { inputs: extra.inputs } : {}),
    viewer: {
      aadObjectId: ctx.asker.aadObjectId,
      canUpdate: mayActOn(plan, action, email, 'update', today),
      canDecide: mayActOn(plan, action, email, 'decide-date', today),
      canAddNote: mayActOn(plan, action, email, 'add-note', today),
      ...(contactOf(action, email) ? { noteFor: contactOf(action, email)!.agency } : {}),
    },
    refreshUserIds: [ctx.asker.aadObjectId],
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
  'contributionNote',
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

/** The moderator's card for the pressed action, with a banner and what was typed when there is one. */
async function moderation(
  ctx: VerbContext,
  extra: Pick<ModerationCardView, 'banner' | 'errors' | 'inputs'> = {},
): Promise<CardActionOutcome> {
  const drawn = await moderationCardView(
    ctx.deps.stores,
    { email: ctx.asker.email ?? '', aadObjectId: ctx.asker.aadObjectId },
    ctx.plan.id,
    ctx.deps.clock.now(),
    ctx.loaded.value.id,
  );
  if (!isModerationCardView(drawn)) return { kind: 'not-found', actionId: ctx.loaded.value.id };
  return { kind: 'moderation', view: { ...drawn, ...extra } };
}

/** "Agree as proposed" (`change` false) or "Change to the chosen rating", with the commentary typed. */
async function agree(ctx: VerbContext, change: boolean): Promise<CardActionOutcome> {
  const inputs = inputsOf(ctx.data);
  const commentary = typeof ctx.data.commentary === 'string' ? ctx.data.commentary.slice(0, 10_000) : '';
  const typed = { ...(inputs.rating ? { rating: inputs.rating } : {}), commentary };
  if (change && !inputs.rating)
    return moderation(ctx, {
      errors: [{ field: 'rating', reason: 'choose the agreed rating to change to' }],
      inputs: typed,
      banner: { text: 'Nothing was saved. Please check the highlighted answers.', tone: 'attention' },
    });
  const outcome = await agreeActionRating(
    { stores: ctx.deps.stores, clock: ctx.deps.clock, random: ctx.deps.random },
    {
      name: ctx.asker.name,
      email: ctx.asker.email ?? '',
      aadObjectId: ctx.asker.aadObjectId,
    },
    {
      planId: ctx.plan.id,
      actionId: ctx.loaded.value.id,
      ...(change ? { rating: inputs.rating } : {}),
      commentary,
      version: String(ctx.data.version ?? ''),
      source: ctx.deps.source ?? 'card',
    },
  );
  switch (outcome.kind) {
    case 'agreed': {
      const { rating, proposal } = outcome.action.agreed!;
      const words =
        proposal === rating
          ? `Agreed ${ratingName(rating)} as proposed.`
          : `Agreed ${ratingName(rating)} (the owner proposed ${proposal ? ratingName(proposal) : 'no rating'}).`;
      return moderation(ctx, {
        banner: { text: `${words} The paper will print your commentary.`, tone: 'good' },
      });
    }
    case 'invalid':
      return moderation(ctx, {
        errors: outcome.issues,
        inputs: typed,
        banner: { text: 'Nothing was saved. Please check the highlighted answers.', tone: 'attention' },
      });
    case 'stale':
    case 'conflict':
      return moderation(ctx, {
        inputs: typed,
        banner: {
          text: `Action ${outcome.action.id} changed after this card was drawn. Check the owner’s latest proposal below and agree again. Nothing was saved.`,
          tone: 'warning',
        },
      });
    case 'forbidden':
      return { kind: 'forbidden', reason: outcome.reason, intent: 'agree-rating' };
    default:
      return assertNever(outcome);
  }
}
