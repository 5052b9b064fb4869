/** Turns a bot reply (data) into an Adaptive Card from the templates in /cards. */

import { type Action, hasDeadline, isDateToBeConfirmed } from '../domain/action';
import { commandText } from '../domain/chat-command';
import type { Audience } from '../domain/commands/command';
import { COMMANDS } from '../domain/commands/registry';
import { formatUkDate, formatUkDateTime } from '../domain/dates';
import { describeDue, noDeadlineOf } from '../domain/deadline';
import { describeHistoryChange, SOURCE_WORDS } from '../domain/history-summary';
import { isOpen, LIFECYCLES, lifecycleLabel } from '../domain/lifecycle';
import { assertNever } from '../domain/never';
import { ratingLabel, ratingName, ratingsOf } from '../domain/rating';
import type { StatusUpdate } from '../domain/status-update';
import { authorWords } from '../domain/status-update';
import type { Membership, NoticeTone, Reply } from '../usecases/chat/replies';
import { actionCard } from './action-card';
import { digestCard } from './digest-card';
import { escapeMarkdown as md, truncate } from './escape';
import { measuresCard } from './measures-card';
import { moderationCard } from './moderation-card';
import { RATING_SYMBOL, ratingText } from './rating-text';
import { type AdaptiveCard, renderCard } from './render';
import {
  reportCard,
  roundClosedCard,
  roundStartedCard,
  roundStatusCard,
  roundStatusesCard,
} from './round-cards';
import { suggestions } from './suggestions';

const OWNERS_SHOWN = 60;

const TONE_COLOUR: Record<NoticeTone, string> = {
  info: 'Default',
  warning: 'Warning',
  refusal: 'Attention',
  error: 'Attention',
};

export function cardForReply(reply: Reply): AdaptiveCard {
  switch (reply.kind) {
    case 'notice':
      return renderCard('message', {
        title: md(reply.title),
        text: md(reply.text),
        color: TONE_COLOUR[reply.tone],
        suggestions: suggestions(reply.suggestions ?? []),
      });
    case 'welcome':
      return renderCard('welcome', {
        name: md(reply.name),
        memberships: membershipFacts(reply.memberships),
        tryText: tryText(reply.memberships),
        suggestions: suggestions(starterCommands(reply.memberships)),
        dashboards: (reply.dashboards ?? []).slice(0, 3).map((d) => ({
          title: `Run ${truncate(d.planTitle, 60)} in the dashboard`,
          url: d.url,
        })),
      });
    case 'help':
      return helpCard(reply.memberships);
    case 'summary':
      return summaryCard(reply);
    case 'action-list':
      return actionListCard(reply);
    case 'action-card':
      return actionCard(reply.view);
    case 'moderation-card':
      return moderationCard(reply.view);
    case 'history':
      return renderCard('history', {
        id: reply.action.id,
        description: md(truncate(reply.action.description, 200)),
        entries: reply.entries.map((entry) => historyEntry(entry, reply.plan.timeZone)),
        truncated: reply.entries.length >= 20,
        shown: reply.entries.length,
      });
    case 'owners': {
      const view = (o: (typeof reply.owners)[number], reason: string) => ({
        name: md(o.name),
        email: md(o.email),
        openText: o.openActions === 1 ? '1 open action' : `${o.openActions} open actions`,
        reason: md(reason),
        channelLabel: md(o.channelLabel),
      });
      const why = (...parts: (string | undefined)[]) => parts.filter(Boolean).join('; ');
      // Grouped by how the next message goes; lists are capped so hundreds of owners fit one message.
      const inTeams = reply.owners.filter(
        (o) => o.channel.kind === 'reached' && o.channel.by.includes('teams'),
      );
      const byEmail = reply.owners.filter(
        (o) => o.channel.kind === 'reached' && !o.channel.by.includes('teams'),
      );
      const unreachable = reply.owners.filter((o) => o.channel.kind !== 'reached');
      return renderCard('owners', {
        planTitle: md(reply.plan.title),
        total: reply.owners.length,
        emailOn: reply.emailOn,
        reachableCount: reply.owners.filter((o) => o.reachable).length,
        teamsCount: inTeams.length,
        emailCount: byEmail.length,
        unreachableCount: unreachable.length,
        noContactCount: unreachable.length,
        reachable: inTeams.slice(0, OWNERS_SHOWN).map((o) => view(o, '')),
        byEmail: byEmail
          .slice(0, OWNERS_SHOWN)
          .map((o) => view(o, why(o.channelDetail, o.reason && `not in Teams: ${o.reason}`))),
        unreachable: unreachable.slice(0, OWNERS_SHOWN).map((o) => view(o, why(o.reason, o.channelDetail))),
        moreReachable: Math.max(0, inTeams.length - OWNERS_SHOWN),
        moreByEmail: Math.max(0, byEmail.length - OWNERS_SHOWN),
        moreUnreachable: Math.max(0, unreachable.length - OWNERS_SHOWN),
        unreachableAdvice: reply.emailOn
          ? 'Owners who are not reachable will not get reminders. Check their e-mail address in the plan, or ask them to install Action Tracker in Teams.'
          : 'Owners who are not reachable will not get reminders. Ask them to install Action Tracker in Teams.',
      });
    }
    case 'measures':
      return measuresCard(reply);
    case 'digest':
      return digestCard(reply.plan, reply.digest, reply.today, reply.dashboardUrl);
    case 'round-started':
      return roundStartedCard(reply);
    case 'round-status':
      return roundStatusCard(reply);
    case 'round-statuses':
      return roundStatusesCard(reply);
    case 'round-closed':
      return roundClosedCard(reply);
    case 'report':
      return reportCard(reply);
    case 'choose-plan':
      return renderCard('choose-plan', {
        plans: reply.plans.map((p) => ({ id: p.id, title: truncate(p.title, 60) })),
        afterChoice: commandText(reply.afterChoice),
      });
    default:
      return assertNever(reply);
  }
}

function membershipFacts(memberships: Membership[]) {
  return memberships.map((m) => {
    const parts: string[] = [...m.roles];
    if (m.openActionsOwned > 0) {
      parts.push(`owner of ${m.openActionsOwned} open action${m.openActionsOwned === 1 ? '' : 's'}`);
    } else if (m.roles.length === 0) parts.push('owner (nothing open)');
    const text = parts.join(', ');
    return { planTitle: md(m.planTitle), description: text.charAt(0).toUpperCase() + text.slice(1) };
  });
}

function hasRole(memberships: Membership[]): boolean {
  return memberships.some((m) => m.roles.length > 0);
}

function starterCommands(memberships: Membership[]): string[] {
  return hasRole(memberships) ? ['summary', 'overdue', 'mine', 'help'] : ['mine', 'help'];
}

function tryText(memberships: Membership[]): string {
  return hasRole(memberships)
    ? '**summary** for the plan at a glance, **overdue** for what is late, **mine** for your own actions, or **help** for everything.'
    : '**mine** to see your actions, **show 2.3** to see one, or **help** for everything.';
}

/** The help card's groups, from the command registry: who each command is for decides where it goes. */
const HELP_GROUPS: readonly { heading: string; audiences: readonly Audience[]; forRoles: boolean }[] = [
  { heading: 'For action owners', audiences: ['owners'], forRoles: false },
  {
    heading: 'For coordinators and leads',
    audiences: ['coordinators-and-leads', 'coordinators'],
    forRoles: true,
  },
  { heading: 'For everyone', audiences: ['everyone'], forRoles: false },
];

function helpLines(audiences: readonly Audience[]) {
  // "help" itself is not listed: the card is its answer.
  return COMMANDS.filter((command) => command.name !== 'help' && audiences.includes(command.audience)).map(
    (command) => ({
      usage: command.usage,
      description:
        command.audience === 'coordinators' ? `Coordinators: ${command.description}` : command.description,
    }),
  );
}

function helpCard(memberships: Membership[]): AdaptiveCard {
  const roleWords = memberships.flatMap((m) => m.roles.map((r) => `${r} of ${m.planTitle}`));
  const owns = memberships.reduce((n, m) => n + m.openActionsOwned, 0);
  const rolesText =
    roleWords.length > 0
      ? `You are ${roleWords.join('; ')}.`
      : owns > 0
        ? `You own ${owns} open action${owns === 1 ? '' : 's'}.`
        : 'You are not named in any plan yet.';
  // "help" itself (for everyone) is not listed: this card is its answer.
  const groups = HELP_GROUPS.filter((g) => !g.forRoles || hasRole(memberships));
  return renderCard('help', {
    rolesText: md(rolesText),
    groups: groups.map((g) => ({
      heading: g.heading,
      commands: helpLines(g.audiences).map((c) => ({ usage: md(c.usage), description: c.description })),
    })),
    suggestions: suggestions(starterCommands(memberships).filter((c) => c !== 'help')),
  });
}

function summaryCard(reply: Extract<Reply, { kind: 'summary' }>): AdaptiveCard {
  const { plan, summary } = reply;
  const ratings = ratingsOf(plan.ratingScale).map((rating) => ({
    symbol: RATING_SYMBOL[rating],
    name: ratingName(rating),
    label: ratingLabel(rating, plan.ratingScale),
    // TextBlock text must be a string; a bare number is invalid to strict renderers.
    count: String(summary.byRating[rating]),
  }));
  if (summary.byRating.unrated > 0) {
    ratings.push({
      symbol: '⬜',
      name: 'Not rated',
      label: 'No rating recorded yet',
      count: String(summary.byRating.unrated),
    });
  }
  return renderCard('summary', {
    planTitle: md(plan.title),
    todayText: formatUkDate(reply.today),
    total: summary.total,
    open: summary.open,
    ratings,
    overdue: String(summary.overdue),
    dueSoon: String(summary.dueSoon),
    stale: String(summary.stale),
    rescheduled: String(summary.rescheduled),
    dateToBeConfirmed: String(summary.dateToBeConfirmed),
    lifecycles: LIFECYCLES.filter((l) => summary.byLifecycle[l] > 0).map((l) => ({
      name: lifecycleLabel(l),
      count: String(summary.byLifecycle[l]),
    })),
  });
}

function dueView(action: Action, today: string): { dueText: string; dueColor: string } {
  if (!isOpen(action.lifecycle)) {
    return {
      dueText: hasDeadline(action)
        ? `${lifecycleLabel(action.lifecycle)}, was due ${formatUkDate(action.currentDueDate)}`
        : `${lifecycleLabel(action.lifecycle)}, ${describeDue(undefined, today, noDeadlineOf(action))}`,
      dueColor: 'Default',
    };
  }
  if (!hasDeadline(action)) {
    // A date still owed ("TBC") is flagged for chasing; "Ongoing" needs none.
    return isDateToBeConfirmed(action)
      ? { dueText: 'Date to be confirmed', dueColor: 'Warning' }
      : { dueText: 'No deadline', dueColor: 'Default' };
  }
  const relative = describeDue(action.currentDueDate, today);
  const overdue = action.currentDueDate < today;
  return {
    dueText: `${overdue ? '⚠️ ' : ''}${formatUkDate(action.currentDueDate)} (${relative})`,
    dueColor: overdue ? 'Attention' : 'Default',
  };
}

/** The owners' names, and whom the reader covers for when the action is on their list by cover. */
function ownersText(action: Action, coveringFor: string | undefined): string {
  const names = action.owners.map((o) => o.name).join(', ');
  return coveringFor ? `${names} (covering for ${coveringFor})` : names;
}

function actionListCard(reply: Extract<Reply, { kind: 'action-list' }>): AdaptiveCard {
  const planTitles = new Map(reply.plans.map((p) => [p.id, p.title]));
  const manyPlans = reply.plans.length > 1;
  const items = reply.actions.map((action) => ({
    id: action.id,
    description: md(truncate(action.description, 160)),
    ratingText: ratingText(action.rating),
    owner: md(ownersText(action, reply.coveringFor?.[`${action.planId}/${action.id}`])),
    agency: md(
      manyPlans
        ? `${action.leadAgency}, ${planTitles.get(action.planId) ?? action.planId}`
        : action.leadAgency,
    ),
    ...dueView(action, reply.today),
  }));
  return renderCard('action-list', {
    title: md(reply.title),
    subtitle: md(reply.subtitle),
    emptyText: md(reply.emptyText),
    items,
    page: reply.page,
    pageCount: reply.pageCount,
    total: reply.total,
    more: reply.page < reply.pageCount ? [{ command: commandText(reply.command), page: reply.page + 1 }] : [],
  });
}

function historyEntry(entry: StatusUpdate, timeZone: string) {
  return {
    when: formatUkDateTime(entry.at, timeZone),
    who: md(authorWords(entry)),
    source: SOURCE_WORDS[entry.source],
    change: md(describeHistoryChange(entry)),
    note: entry.note ? md(truncate(entry.note, 300)) : '',
  };
}
