/** Small pieces every command's answer uses: notices, today's date, a page of a list. */
import { calendarDateIn, type IsoDate } from '../../domain/dates';
import type { Plan } from '../../domain/plan';
import type { ChatDeps } from './chat-deps';
import type { Reply } from './replies';

export const PAGE_SIZE = 10;

export function notice(
  tone: Extract<Reply, { kind: 'notice' }>['tone'],
  title: string,
  text: string,
  suggestions?: string[],
): Reply {
  return { kind: 'notice', tone, title, text, ...(suggestions ? { suggestions } : {}) };
}

export function noEmail(): Reply {
  return notice(
    'warning',
    "I don't know your e-mail address yet",
    'Teams did not give me your e-mail address, so I cannot match you to a plan. Please try again in a minute; if it keeps happening, ask your Teams administrator.',
  );
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function today(deps: ChatDeps, plan?: Plan): IsoDate {
  return calendarDateIn(plan?.timeZone ?? 'Europe/London', deps.clock.now());
}

export function listReply(
  deps: ChatDeps,
  input: Omit<Extract<Reply, { kind: 'action-list' }>, 'kind' | 'today' | 'pageCount' | 'total'> & {
    page: number;
  },
): Reply {
  const total = input.actions.length;
  const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const page = Math.min(Math.max(1, Math.floor(input.page)), pageCount);
  return {
    kind: 'action-list',
    ...input,
    actions: input.actions.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE),
    today: today(deps, input.plans[0]),
    page,
    pageCount,
    total,
  };
}
