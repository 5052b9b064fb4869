/**
 * The moderator's card for one action, as data: the owner's proposal against the agreed rating, the
 * owner's note and evidence (for the moderator's eyes), the flags, and which action awaits next. Drawn
 * by src/cards/moderation-card.ts; built by the chat command `moderate` and by the card's own buttons.
 */

import type { ValidationIssue } from '../../domain/errors';
import { moderationFlagLabel } from '../../domain/moderation';
import type { Plan } from '../../domain/plan';
import type { Stores } from '../ports/index';
import { type ModerationItem, moderationItem, moderationQueue } from './moderation-queue';

export interface ModerationCardView {
  plan: Plan;
  today: string;
  item: ModerationItem;
  flagLabels: string[];
  /** Proposals still awaiting agreement after this one, and the next of them. */
  awaiting: number;
  nextActionId?: string;
  banner?: { text: string; tone: 'good' | 'warning' | 'attention' };
  errors?: readonly ValidationIssue[];
  /** What the moderator typed, kept when nothing was saved. */
  inputs?: { rating?: string; commentary?: string };
  refreshUserIds: string[];
}

/** The card for `actionId`, or for the first proposal awaiting agreement when none is named. */
export async function moderationCardView(
  stores: Stores,
  viewer: { email: string; aadObjectId: string },
  planId: string,
  now: Date,
  actionId?: string,
): Promise<
  ModerationCardView | { kind: 'nothing-awaiting'; plan: Plan } | { kind: 'not-in-queue'; plan: Plan }
> {
  const queue = await moderationQueue(stores, viewer, planId, now);
  const waiting = queue.items.filter((i) => i.standing.status === 'proposed');
  let item = actionId ? queue.items.find((i) => i.action.id === actionId) : waiting[0];
  const named = actionId ? queue.find(actionId) : undefined;
  if (!item && named) item = await moderationItem(stores, named, queue.round, queue.today);
  if (!item)
    return actionId
      ? { kind: 'not-in-queue', plan: queue.plan }
      : { kind: 'nothing-awaiting', plan: queue.plan };
  const after = waiting.filter((i) => i.action.id !== item.action.id);
  const next = after.find((i) => i.action.id > item.action.id) ?? after[0];
  return {
    plan: queue.plan,
    today: queue.today,
    item,
    flagLabels: item.flags.map((flag) => moderationFlagLabel(flag, item.action, queue.today)),
    awaiting: after.length,
    ...(next ? { nextActionId: next.action.id } : {}),
    refreshUserIds: [viewer.aadObjectId],
  };
}

export function isModerationCardView(
  value: Awaited<ReturnType<typeof moderationCardView>>,
): value is ModerationCardView {
  return 'item' in value;
}
