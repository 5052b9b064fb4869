/**
 * E-mails about one action: the reminder (nudge), monitoring-round request and chase, escalation, date
 * request and date decision. They carry the facts the action card shows (id and text, area, due date,
 * rating with its label, status, latest update) and one button to the update page when the reader may
 * update the action.
 */

import { type Action, NO_DEADLINE } from '../domain/action';
import { actionFacts, type Fact, latestUpdateText } from '../domain/action-facts';
import { formatUkDate, type IsoDate } from '../domain/dates';
import { describeDue, formatDueDate } from '../domain/deadline';
import type { CoveringFor } from '../domain/delegation';
import { isOpen } from '../domain/lifecycle';
import type { Plan } from '../domain/plan';
import { authorWords } from '../domain/status-update';
import type { Nudge } from '../usecases/delivery/channel';
import type { ActionCardView } from '../usecases/shared/action-card-view';
import { composeEmail, type EmailBlock, type EmailMessage } from './compose';
import { senderFooter, ukDayDate } from './wording';

/** Why an action card goes by e-mail; the subject says what the reader is asked to do. */
export type ActionEmailPurpose =
  | { kind: 'round-request'; round: number; responseDue: IsoDate }
  | { kind: 'round-chase'; round: number; responseDue: IsoDate }
  | { kind: 'escalation'; trigger: 'red' | 'overdue-14' | 'unanswered' }
  | { kind: 'date-request' }
  | { kind: 'date-decision'; decision: 'approved' | 'rejected'; requestedDate: IsoDate }
  /** Anything else a use case sends as a card, with the card's own one-line summary. */
  | { kind: 'notice'; summary: string };

export interface ActionEmailLinks {
  /** The signed update page for this reader and action; absent when they may not update it. */
  updateUrl?: string;
  /** Where leads and coordinators decide on dates and see the whole plan. */
  dashboardUrl: string;
}

export function renderNudgeEmail(nudge: Nudge, links: ActionEmailLinks): EmailMessage {
  const { action, plan, today } = nudge;
  const due = action.currentDueDate;
  const distance = describeDue(due, today);
  // Reminders go only to dated actions; a round's request may reach one with no deadline.
  const subject =
    due === undefined
      ? `Action ${action.id}: please update it`
      : distance.endsWith('overdue')
        ? `Action ${action.id} is ${distance}: please update it now (it was due ${ukDayDate(due)})`
        : distance === 'due today'
          ? `Action ${action.id} is due today (${ukDayDate(due)}): please update it`
          : `Action ${action.id} is ${distance}: please update by ${ukDayDate(due)}`;
  const cover = nudge.coveringFor;
  return actionEmail({
    subject: withCover(subject, cover),
    intro: cover
      ? `${coverSentence(cover)} ${cover.name} is named as an owner of this action in ${plan.title}. Please record how it is going on their behalf: a rating, a short note and any evidence.`
      : `${nudge.owner.name}, you are named as an owner of this action in ${plan.title}. Please record how it is going: a rating, a short note and any evidence.`,
    plan,
    action,
    today,
    areaText: nudge.area?.text,
    links,
    canUpdate: nudge.rights.canUpdate,
  });
}

export function renderActionCardEmail(
  view: ActionCardView,
  purpose: ActionEmailPurpose,
  links: ActionEmailLinks,
): EmailMessage {
  const { action, plan } = view;
  const canUpdate = view.viewer.canUpdate && isOpen(action.lifecycle) && links.updateUrl !== undefined;
  // A contributing agency's contact: the same link opens a page with the note form alone.
  const canAddNote =
    !canUpdate &&
    view.viewer.canAddNote === true &&
    isOpen(action.lifecycle) &&
    links.updateUrl !== undefined;
  const { subject, intro } = wordingOf(purpose, action, plan, view);
  const cover = view.coveringFor;
  return actionEmail({
    subject: withCover(subject, cover),
    // The subject is the e-mail's heading, so the first paragraph says something else: whose action it
    // is for a delegate, then what to do.
    intro: cover ? `${coverSentence(cover)} ${intro}` : intro,
    plan,
    action,
    today: view.today,
    areaText: view.area?.text,
    links,
    canUpdate,
    ...(canAddNote ? { noteFor: view.viewer.noteFor ?? 'your organisation' } : {}),
    latest: view.latest
      ? { at: view.latest.at, by: authorWords(view.latest), note: view.latest.note }
      : undefined,
    decide: purpose.kind === 'date-request' && view.viewer.canDecide,
  });
}

function wordingOf(
  purpose: ActionEmailPurpose,
  action: Action,
  plan: Plan,
  view: ActionCardView,
): { subject: string; intro: string } {
  const id = action.id;
  switch (purpose.kind) {
    case 'round-request':
      return {
        subject: `Round ${purpose.round}: please update action ${id} by ${formatUkDate(purpose.responseDue)}`,
        intro: `${plan.title} is collecting updates for monitoring round ${purpose.round}. Please update this action by ${ukDayDate(purpose.responseDue)}.`,
      };
    case 'round-chase':
      return {
        subject: `Reminder – Round ${purpose.round}: please update action ${id} by ${formatUkDate(purpose.responseDue)}`,
        intro: `We have not had an update on this action since monitoring round ${purpose.round} opened. Please update it by ${ukDayDate(purpose.responseDue)}.`,
      };
    case 'escalation': {
      const why =
        purpose.trigger === 'red'
          ? 'is now rated red'
          : purpose.trigger === 'overdue-14'
            ? 'is more than 14 days overdue'
            : 'has had three reminders without an update';
      return {
        subject: `Escalation: action ${id} ${why}, please review it`,
        intro: `You are told because you lead on actions for ${action.leadAgency} or for the plan. Action ${id} ${why}. Please check with its owners what is needed.`,
      };
    }
    case 'date-request': {
      const request = action.pendingDateRequest;
      return {
        subject: request
          ? `Please decide: a new due date of ${ukDayDate(request.date)} is requested for action ${id}`
          : `Please decide: a new due date is requested for action ${id}`,
        intro: request
          ? `${request.requestedBy.name} asks to move action ${id} from ${formatDueDate(action.currentDueDate)} to ${formatUkDate(request.date)}. Reason given: ${request.reason}`
          : `A new due date is requested for action ${id}.`,
      };
    }
    case 'date-decision':
      return purpose.decision === 'approved'
        ? {
            subject: `New due date approved for action ${id}: now due ${ukDayDate(purpose.requestedDate)}`,
            intro: `The new due date you asked for has been approved. Reminders now follow ${formatUkDate(purpose.requestedDate)}.`,
          }
        : {
            subject: `New due date not approved for action ${id}: it stays ${action.currentDueDate ? `due ${ukDayDate(action.currentDueDate)}` : NO_DEADLINE}`,
            intro: `The new due date of ${formatUkDate(purpose.requestedDate)} was not approved, so the action stays ${action.currentDueDate ? `due on ${formatUkDate(action.currentDueDate)}` : 'with no deadline'}.${view.latest?.note ? ` Comment: ${view.latest.note}` : ''}`,
          };
    case 'notice':
      // The summary is the card's headline (the round and its date, or the escalation's reason), which
      // the e-mail shows as its heading; the paragraph under it says what the reader can do instead.
      return { subject: purpose.summary, intro: whatToDo(view) };
    default: {
      const never: never = purpose;
      throw new Error(`Unknown purpose ${String(never)}`);
    }
  }
}

/** " (covering for Jo Bloggs)" on the subject of whatever a delegate receives for an owner on leave. */
function withCover(subject: string, cover: CoveringFor | undefined): string {
  return cover ? `${subject} (covering for ${cover.name})` : subject;
}

/** The body's first sentence for a delegate: whose action it is, and until when they cover. */
function coverSentence(cover: CoveringFor): string {
  return `You are covering for ${cover.name} (${cover.email}) until ${formatUkDate(cover.until)}.`;
}

/** What the reader of an action card e-mail can do, by the rights the access entry gave them. */
function whatToDo(view: ActionCardView): string {
  const { action, plan } = view;
  if (!isOpen(action.lifecycle)) return `Action ${action.id} in ${plan.title} is no longer open.`;
  if (view.viewer.canUpdate)
    return `Please record how action ${action.id} in ${plan.title} is going: a rating, a short note and any evidence.`;
  if (view.viewer.canAddNote)
    return `${view.viewer.noteFor ?? 'Your organisation'} contributes to action ${action.id} in ${plan.title}. Please add a short note on what it has done towards it; the owners propose the rating.`;
  return `Action ${action.id} in ${plan.title} needs your attention: the details are below.`;
}

interface ActionEmailInput {
  subject: string;
  intro: string;
  plan: Plan;
  action: Action;
  today: IsoDate;
  areaText: string | undefined;
  links: ActionEmailLinks;
  canUpdate: boolean;
  /** A contributing agency's contact may add a note through the link: the agency they add it for. */
  noteFor?: string;
  latest?: { at: string; by: string; note: string | undefined } | undefined;
  decide?: boolean;
}

function actionEmail(input: ActionEmailInput): EmailMessage {
  const { plan, action, today, links } = input;
  const facts = [
    ...actionFacts({ plan, action, today, areaText: input.areaText }),
    ...(input.latest ? [['Last update', latestUpdateText(plan, input.latest)] as Fact] : []),
  ].map(([label, value]) => ({ label, value }));
  const blocks: EmailBlock[] = [
    { kind: 'heading', text: input.subject },
    { kind: 'paragraph', text: input.intro },
    { kind: 'facts', facts },
  ];
  if (input.decide && links.updateUrl) {
    // The decider's own signed page, so a lead or coordinator in another tenant decides without Teams.
    blocks.push(
      { kind: 'button', label: 'Approve or reject the new date', url: links.updateUrl },
      {
        kind: 'paragraph',
        text: 'The button opens a page showing the request, where you can approve or reject it with a comment. The link is yours alone: please do not forward this e-mail.',
      },
    );
  } else if (input.canUpdate && links.updateUrl) {
    blocks.push(
      { kind: 'button', label: `Update action ${action.id}`, url: links.updateUrl },
      {
        kind: 'paragraph',
        text: 'The button opens a page where you can give a rating, a note and an evidence link, mark the action complete, ask for a new date or snooze these reminders. The link is yours alone: please do not forward this e-mail.',
      },
    );
  } else if (input.noteFor !== undefined && links.updateUrl) {
    blocks.push(
      { kind: 'button', label: `Add a note to action ${action.id}`, url: links.updateUrl },
      {
        kind: 'paragraph',
        text: `The button opens a page where you can add a note for ${input.noteFor}. The link is yours alone: please do not forward this e-mail.`,
      },
    );
  } else if (input.decide) {
    blocks.push({ kind: 'button', label: 'Decide in the dashboard', url: links.dashboardUrl });
  } else {
    blocks.push({ kind: 'button', label: 'Open the dashboard', url: links.dashboardUrl });
  }
  return composeEmail({
    subject: input.subject,
    preview: input.intro,
    blocks,
    footer: senderFooter(plan),
  });
}

/**
 * The one-time code that confirms "mark complete" or a new date asked for from an update link more than
 * a day old: sent to the address the link was made for, so a forwarded mail alone cannot close an action.
 * The code is the whole point of the message, so it comes first, with what it is for and how long it lasts.
 */
export function renderLinkCodeEmail(input: {
  code: string;
  plan: Plan;
  actionId: string;
  what: 'complete' | 'date' | 'decide';
  minutes: number;
}): EmailMessage {
  const doing =
    input.what === 'complete'
      ? `mark action ${input.actionId} complete`
      : input.what === 'decide'
        ? `decide on the new due date requested for action ${input.actionId}`
        : `ask for a new due date for action ${input.actionId}`;
  return composeEmail({
    // Not in the subject: subjects end up in logs and notification previews.
    subject: `Your code to confirm action ${input.actionId}`,
    preview: `Enter it on the update page to ${doing}.`,
    blocks: [
      { kind: 'heading', text: `Your code is ${input.code}` },
      {
        kind: 'paragraph',
        text: `Someone using the update link sent to this address asked to ${doing} in ${input.plan.title}. Enter this code on that page to confirm. It works once, for ${input.minutes} minutes.`,
      },
      {
        kind: 'paragraph',
        text: 'If that was not you, do not enter the code and nothing will change. You may want to tell the plan’s coordinators, who can withdraw your update links.',
      },
    ],
    footer: senderFooter(input.plan),
  });
}
