/**
 * The update page's HTML: the action's facts and the card's four forms (progress, complete with evidence
 * of impact, new date, snooze), and for a lead or coordinator the decision on a pending date request
 * (approve or reject, with a comment), each a plain POST that works without JavaScript. Styles come from
 * /update-page.css, so the Content-Security-Policy allows no inline style or script.
 */

import { actionFacts, type Fact, latestUpdateText } from '../../domain/action-facts';
import { formatUkDate, formatUkDateTime } from '../../domain/dates';
import { isOpen, lifecycleLabel } from '../../domain/lifecycle';
import { ratingLabel, ratingName, ratingsOf } from '../../domain/rating';
import { cardVersion } from '../../domain/status-change';
import { authorWords } from '../../domain/status-update';
import { escapeHtml } from '../../support/escape-html';
import type { ActionCardView, BannerTone } from '../../usecases/shared/action-card-view';
import { snoozeOptions } from '../../usecases/updates/handle-card-action';
import { type CardInputId, type PageInputId, SNOOZE_DAYS } from '../../usecases/updates/update-form-inputs';
import { documentStart } from '../page-head';
import type { CodePurpose } from './link-code';
import type { PageVerb } from './submit-update';

const h = escapeHtml;

/** A control's name, held to the list the page's form reading and the card share. */
const named = (id: PageInputId): string => id;

const TONE_WORD: Record<BannerTone, string> = {
  good: 'Done',
  info: 'Note',
  warning: 'Please check',
  attention: 'Not saved',
};

export interface PageInput {
  view: ActionCardView;
  /** "Jo Bloggs, Police" */
  actingAs: string;
  /** The form's action (this link's own path) and its CSRF token. */
  postPath: string;
  csrf: string;
  canUpdate: boolean;
  canSnooze: boolean;
  /** A lead or coordinator: Approve / Reject on a pending date request. */
  canDecide?: boolean;
  /** Which form was just submitted, so its errors and inputs are shown in it and not in the others. */
  submitted?: PageVerb;
}

export function renderUpdatePage(input: PageInput): string {
  const { view } = input;
  const { action, plan } = view;
  const open = isOpen(action.lifecycle);
  const facts: Fact[] = [
    ...actionFacts({ plan, action, today: view.today, areaText: view.area?.text }),
    [
      'Last update',
      view.latest
        ? latestUpdateText(plan, { at: view.latest.at, by: authorWords(view.latest), note: view.latest.note })
        : 'None yet',
    ],
    ...(action.pendingDateRequest
      ? [
          [
            'New date requested',
            `${formatUkDate(action.pendingDateRequest.date)} by ${action.pendingDateRequest.requestedBy.name}, awaiting a decision`,
          ] as Fact,
        ]
      : []),
  ];
  const banner = view.banner
    ? `<div class="banner banner-${view.banner.tone}" role="status"><strong>${TONE_WORD[view.banner.tone]}:</strong> ${h(view.banner.text)}</div>`
    : '';
  const updateForms =
    input.canUpdate && open
      ? [progressForm(input), completeForm(input), dateForm(input)].join('')
      : view.viewer.canAddNote && open
        ? noteForm(input)
        : `<p>${open ? 'You can see this action but not update it.' : `This action is ${h(lifecycleLabel(action.lifecycle).toLowerCase())}, so it is not updated from here.`}</p>`;
  const snooze = input.canSnooze && open ? snoozeForm(input) : '';
  const deciding = Boolean(input.canDecide && open && action.pendingDateRequest);
  // The decision comes first: it is what the "Please decide" e-mail sent the reader here for.
  const decision = deciding ? decisionForm(input) : '';
  const forms = input.canUpdate || !deciding ? updateForms : '';
  return `${documentStart({ title: `Update action ${action.id}: Action Tracker`, noReferrer: true })}
<link rel="stylesheet" href="/update-page.css">
</head>
<body>
<header><p class="plan">${h(plan.title)}</p></header>
<main>
<h1>Action ${h(action.id)}</h1>
<p class="acting">You are ${deciding && !input.canUpdate ? 'deciding on' : 'updating'} action ${h(action.id)} as <strong>${h(input.actingAs)}</strong>.</p>
${banner}
<dl class="facts">${facts.map(([label, value]) => `<dt>${h(label)}</dt><dd>${h(value)}</dd>`).join('')}</dl>
${decision}${forms}${snooze}
</main>
<footer><p>Questions about this plan: ask its coordinators${plan.coordinators.length ? `, ${h(plan.coordinators.join(', '))}` : ''}. This page is for you alone: please do not share its address.</p></footer>
</body>
</html>`;
}

function hidden(input: PageInput, verb: PageVerb): string {
  return `<input type="hidden" name="csrf" value="${h(input.csrf)}"><input type="hidden" name="version" value="${h(cardVersion(input.view.action))}"><input type="hidden" name="verb" value="${verb}">`;
}

/** Errors and inputs belong to the form that was submitted; the use case names completion's fields note and evidence. */
function errorsFor(input: PageInput, verb: PageVerb): Map<string, string> {
  const errors = new Map<string, string>();
  if (input.submitted !== verb) return errors;
  for (const issue of input.view.errors ?? []) {
    const field =
      verb === 'action.complete'
        ? ({ note: 'impactNote', evidence: 'impactEvidence' }[issue.field] ?? issue.field)
        : issue.field;
    errors.set(field, issue.reason);
  }
  return errors;
}

function typedValue(input: PageInput, verb: PageVerb, field: PageInputId, fallback = ''): string {
  return input.submitted === verb ? (input.view.inputs?.[field] ?? fallback) : fallback;
}

function field(
  id: string,
  label: string,
  control: (describedBy: string) => string,
  errors: Map<string, string>,
  hint?: string,
): string {
  const error = errors.get(id.replace(/^[a-z]+-/, ''));
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return `<div class="field${error ? ' field-error' : ''}"><label for="${id}">${h(label)}</label>${hint ? `<p class="hint" id="${id}-hint">${h(hint)}</p>` : ''}${error ? `<p class="error" id="${id}-error"><strong>Problem:</strong> ${h(error)}</p>` : ''}${control(ids ? ` aria-describedby="${ids}"` : '')}</div>`;
}

function progressForm(input: PageInput): string {
  const { view } = input;
  const verb: PageVerb = 'action.update';
  const errors = errorsFor(input, verb);
  const chosen = typedValue(input, verb, 'rating', view.action.rating ?? '');
  const ratingError = errors.get('rating');
  const choices = ratingsOf(view.plan.ratingScale)
    .map(
      (r) =>
        `<div class="choice"><input type="radio" id="rating-${r}" name="${named('rating')}" value="${r}"${chosen === r ? ' checked' : ''}><label for="rating-${r}"><strong>${ratingName(r)}</strong>: ${h(ratingLabel(r, view.plan.ratingScale))}</label></div>`,
    )
    .join('');
  return `<form method="post" action="${h(input.postPath)}" class="panel">
<h2>Update progress</h2>
${hidden(input, verb)}
<fieldset${ratingError ? ' class="field-error" aria-describedby="rating-error"' : ''}><legend>Rating</legend>${ratingError ? `<p class="error" id="rating-error"><strong>Problem:</strong> ${h(ratingError)}</p>` : ''}${choices}</fieldset>
${field('progress-note', 'Progress note', (d) => `<textarea id="progress-note" name="${named('note')}" rows="5" maxlength="2000"${d}>${h(typedValue(input, verb, 'note'))}</textarea>`, errors, 'Required when the rating is amber or red, or gets worse. At most 2,000 characters.')}
${field('progress-evidence', 'Evidence link (optional)', (d) => `<input type="url" id="progress-evidence" name="${named('evidence')}" inputmode="url" value="${h(typedValue(input, verb, 'evidence'))}"${d}>`, errors, 'An https:// link to a document, for example on SharePoint.')}
<button type="submit">Save update</button>
</form>`;
}

function completeForm(input: PageInput): string {
  const verb: PageVerb = 'action.complete';
  const errors = errorsFor(input, verb);
  return `<form method="post" action="${h(input.postPath)}" class="panel">
<h2>Mark complete</h2>
<p>Say what evidence shows the impact against the success measure: ${h(input.view.action.successMeasure)}</p>
${hidden(input, verb)}
${field('complete-impactNote', 'Evidence of impact', (d) => `<textarea id="complete-impactNote" name="${named('impactNote')}" rows="4" maxlength="2000"${d}>${h(typedValue(input, verb, 'impactNote'))}</textarea>`, errors)}
${field('complete-impactEvidence', 'Evidence link (optional)', (d) => `<input type="url" id="complete-impactEvidence" name="${named('impactEvidence')}" inputmode="url" value="${h(typedValue(input, verb, 'impactEvidence'))}"${d}>`, errors)}
<button type="submit">Mark complete</button>
</form>`;
}

function dateForm(input: PageInput): string {
  const verb: PageVerb = 'date.request';
  const errors = errorsFor(input, verb);
  return `<form method="post" action="${h(input.postPath)}" class="panel">
<h2>Ask for a new due date</h2>
<p>The plan's leads and coordinators decide; until then the action stays ${h(input.view.action.currentDueDate ? `due on ${formatUkDate(input.view.action.currentDueDate)}` : 'with no deadline')}.</p>
${hidden(input, verb)}
${field('date-revisedDate', 'New due date', (d) => `<input type="date" id="date-revisedDate" name="${named('revisedDate')}" value="${h(typedValue(input, verb, 'revisedDate'))}"${d}>`, errors, 'A future working day, for example 31/03/2025.')}
${field('date-reason', 'Reason', (d) => `<textarea id="date-reason" name="${named('reason')}" rows="3" maxlength="2000"${d}>${h(typedValue(input, verb, 'reason'))}</textarea>`, errors)}
<button type="submit">Ask for this date</button>
</form>`;
}

/**
 * Approve or Reject the pending request: what was asked, by whom, when and why, an optional comment the
 * requester is sent, and one button each. The request's id goes with it, so a decision made meanwhile
 * elsewhere (Teams, the dashboard) is reported rather than overwritten.
 */
function decisionForm(input: PageInput): string {
  const { action, plan } = input.view;
  const request = action.pendingDateRequest;
  if (!request) return '';
  const from = action.currentDueDate ? formatUkDate(action.currentDueDate) : 'no deadline';
  const asked: Fact[] = [
    ['New due date asked for', formatUkDate(request.date)],
    ['Due now', from],
    ['Asked by', `${request.requestedBy.name}, ${formatUkDateTime(request.requestedAt, plan.timeZone)}`],
    ['Reason given', request.reason],
  ];
  return `<form method="post" action="${h(input.postPath)}" class="panel" aria-labelledby="decide-heading">
<h2 id="decide-heading">Decide on the new due date</h2>
<dl class="facts">${asked.map(([label, value]) => `<dt>${h(label)}</dt><dd>${h(value)}</dd>`).join('')}</dl>
<input type="hidden" name="csrf" value="${h(input.csrf)}"><input type="hidden" name="version" value="${h(cardVersion(action))}"><input type="hidden" name="requestId" value="${h(request.id)}">
${field('decide-comment', 'Comment (optional)', (d) => `<textarea id="decide-comment" name="comment" rows="3" maxlength="2000"${d}></textarea>`, new Map(), 'Recorded in the action’s history with your decision. At most 2,000 characters.')}
<div class="buttons"><button type="submit" name="verb" value="date.approve">Approve ${h(formatUkDate(request.date))}</button> <button type="submit" name="verb" value="date.reject" class="secondary">Reject</button></div>
</form>`;
}

/**
 * A contributing agency's contact adds a note for their agency; the owners propose the rating, so the
 * note is all this page offers them (the access entry's add-note right, as on the card).
 */
function noteForm(input: PageInput): string {
  const verb: PageVerb = 'action.note';
  const errors = errorsFor(input, verb);
  const id: CardInputId = 'contributionNote';
  const typed = input.submitted === verb ? (input.view.inputs?.[id] ?? '') : '';
  return `<form method="post" action="${h(input.postPath)}" class="panel">
<h2>Add a note for ${h(input.view.viewer.noteFor ?? 'your organisation')}</h2>
<p>What your organisation has done towards this action. The owners propose the rating.</p>
${hidden(input, verb)}
${field('note-contributionNote', 'Note', (d) => `<textarea id="note-contributionNote" name="${id}" rows="5" maxlength="2000" required${d}>${h(typed)}</textarea>`, errors)}
<button type="submit">Add note</button>
</form>`;
}

function snoozeForm(input: PageInput): string {
  const options = snoozeOptions(input.view.today)
    .map(
      (o) =>
        `<button type="submit" name="${SNOOZE_DAYS}" value="${o.days}" class="secondary">${o.days === 7 ? '1 week' : `${o.days} days`} (until ${h(formatUkDate(o.until))})</button>`,
    )
    .join(' ');
  return `<form method="post" action="${h(input.postPath)}" class="panel">
<h2>Snooze reminders</h2>
<p>No reminders about this action for a while. The due date does not change.</p>
${hidden(input, 'action.snooze')}
<div class="buttons">${options}</div>
</form>`;
}

/** A refusal (bad link, replaced owner, closed plan): says why and what to do; nothing else is shown. */
export function renderRefusal(title: string, text: string): string {
  return `${documentStart({ title: `${title}: Action Tracker` })}
<link rel="stylesheet" href="/update-page.css">
</head>
<body>
<main>
<h1>${h(title)}</h1>
<p>${h(text)}</p>
</main>
</body>
</html>`;
}

export interface CodePageInput {
  actionId: string;
  planTitle: string;
  /** What the code confirms. */
  what: CodePurpose;
  postPath: string;
  csrf: string;
  /** The form as it was posted (verb, version and its fields), carried through unchanged. */
  carried: Readonly<Record<string, string>>;
  /** Said above the box: that a code was sent, or why the one given was not accepted. */
  message: string;
  /** A problem with the code given, shown at the box. */
  error?: string;
}

/**
 * "Enter the code we sent you": the step a complete or a date request takes when the link is more than a
 * day old. Never shows the code; the form carries what was typed, so nothing needs typing again.
 */
export function renderCodePage(input: CodePageInput): string {
  const doing =
    input.what === 'complete'
      ? `mark action ${input.actionId} complete`
      : input.what === 'decide'
        ? `decide on the new due date requested for action ${input.actionId}`
        : `ask for a new due date for action ${input.actionId}`;
  const carried = Object.entries(input.carried)
    .map(([name, value]) => `<input type="hidden" name="${h(name)}" value="${h(value)}">`)
    .join('');
  const fields = `<input type="hidden" name="csrf" value="${h(input.csrf)}">${carried}`;
  const described = ['code-hint', input.error ? 'code-error' : ''].filter(Boolean).join(' ');
  return `${documentStart({ title: `Enter your code: Action Tracker` })}
<link rel="stylesheet" href="/update-page.css">
</head>
<body>
<header><p class="plan">${h(input.planTitle)}</p></header>
<main>
<h1>Enter the code we sent you</h1>
<p>This link was sent more than a day ago, so to ${h(doing)} we check it is still you. ${h(input.message)}</p>
<form method="post" action="${h(input.postPath)}" class="panel">
${fields}
<div class="field${input.error ? ' field-error' : ''}"><label for="code">6-digit code</label><p class="hint" id="code-hint">From the e-mail we sent to the address this link was made for. It works once, for 10 minutes.</p>${input.error ? `<p class="error" id="code-error"><strong>Problem:</strong> ${h(input.error)}</p>` : ''}<input type="text" class="code" id="code" name="code" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9 ]{6,7}" maxlength="7" required aria-describedby="${described}"></div>
<button type="submit">Confirm</button>
</form>
<form method="post" action="${h(input.postPath)}">
${fields}<input type="hidden" name="resend" value="1">
<p>No e-mail? Check your junk folder, or <button type="submit" class="secondary">send a new code</button></p>
</form>
</main>
<footer><p>Nothing has been saved yet. If you did not ask for this, close the page and nothing will change.</p></footer>
</body>
</html>`;
}

/**
 * An expired link, still genuine: says so and offers a fresh one, sent to the address the link was made
 * for (never shown here: whoever holds a forwarded link learns nothing from the page). A form, not a link,
 * because mail scanners open every link in a mail and must not send mail by doing so.
 */
export function renderExpiredLink(input: { postPath: string; csrf: string }): string {
  return `${documentStart({ title: 'This link has expired: Action Tracker', noReferrer: true })}
<link rel="stylesheet" href="/update-page.css">
</head>
<body>
<main>
<h1>This link has expired</h1>
<p>Update links work until the work they ask for is due, and for at least 21 days. Nothing was saved.</p>
<form method="post" action="${h(input.postPath)}" class="panel">
<input type="hidden" name="csrf" value="${h(input.csrf)}">
<p>We can e-mail a new link to this action to the address this link was sent to, and to no other.</p>
<button type="submit">Send me a new link</button>
</form>
</main>
<footer><p>If you were not sent this link yourself, ask the plan’s coordinators for one of your own.</p></footer>
</body>
</html>`;
}

/** The same answer whether or not a mail went: it must not tell anyone whether the address can still act. */
export function renderFreshLinkAsked(): string {
  return renderRefusal(
    'Check your e-mail',
    'If this link’s address can still update the action, we have sent it a new link. It should arrive within a few minutes: check your junk folder too. The new link works only for that address.',
  );
}
