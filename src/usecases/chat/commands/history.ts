import type { Answer } from '../chat-deps';
import { withVisibleAction } from './action-card';

/** The newest updates that fit one card. */
const HISTORY_SHOWN = 20;

export const answerHistory: Answer<'history'> = (deps, actor, command) =>
  withVisibleAction(deps, actor, command, async ({ plan, action }) => {
    const entries = await deps.stores.history.listForAction(plan.id, action.id, HISTORY_SHOWN);
    return { kind: 'history', plan, action, entries };
  });
