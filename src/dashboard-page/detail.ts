/**
 * The action detail: a modal <dialog> with the action in full, its history (newest first) and, for
 * those who may update it, the same update form as the card, validated by the same rules on the server;
 * for a lead or coordinator, Approve / Reject on a pending date request (the use case the card's buttons
 * and the e-mail page's use).
 * Focus moves into the dialog on open and back to the card on close; Escape closes (the browser's own
 * dialog behaviour).
 */
import type {
  TabActionDetail,
  TabDecisionRequest,
  TabDecisionResult,
  TabHistoryEntry,
} from '../http/dashboard-api/api-types.js';
import { type Api, errorText, seg } from './api.js';
import { badges, fact } from './board.js';
import { byId, h, hidden, plural, replace } from './dom.js';
import { clearIssues, showIssues as showFormIssues } from './error-summary.js';

const NOTE_LIMIT = 2000;

const FIELD_LABELS: Record<string, string> = {
  rating: 'Rating',
  note: 'Progress note',
  evidence: 'Evidence link',
};

interface Typed {
  rating: string;
  note: string;
  evidence: string;
}

export interface DetailHooks {
  /** After a successful update: refresh the board (the dialog announces the server's message itself). */
  onSaved(): void;
  /** An error opening the detail, shown on the page. */
  onError(error: unknown): void;
  /** The card that opens `actionId`, to return focus to after the board was redrawn. */
  cardFor(actionId: string): HTMLElement | null;
}

export class ActionDetail {
  private readonly dialog = byId<HTMLDialogElement>('detail');
  private readonly title = byId('detail-title');
  private readonly status = byId('detail-status');
  private readonly body = byId('detail-body');
  private opener: HTMLElement | undefined;
  private current: { planId: string; detail: TabActionDetail } | undefined;

  constructor(
    private readonly api: Api,
    private readonly hooks: DetailHooks,
  ) {
    byId('detail-close').addEventListener('click', () => this.dialog.close());
    // A click on the backdrop (outside the dialog's box) closes it too.
    this.dialog.addEventListener('click', (event) => {
      if (event.target === this.dialog) this.dialog.close();
    });
    this.dialog.addEventListener('close', () => this.restoreFocus());
  }

  async open(planId: string, actionId: string, opener: HTMLElement): Promise<void> {
    this.opener = opener;
    opener.setAttribute('aria-busy', 'true');
    try {
      await this.reload(planId, actionId);
      this.status.replaceChildren();
      if (!this.dialog.open) this.dialog.showModal();
      this.title.focus();
    } catch (error) {
      this.hooks.onError(error);
    } finally {
      opener.removeAttribute('aria-busy');
    }
  }

  close(): void {
    if (this.dialog.open) this.dialog.close();
  }

  private restoreFocus(): void {
    const id = this.current?.detail.action.id;
    const target =
      this.opener?.isConnected === true ? this.opener : id !== undefined ? this.hooks.cardFor(id) : null;
    target?.focus();
  }

  private render(detail: TabActionDetail, typed?: Typed): void {
    const { action } = detail;
    replace(this.title, `Action ${action.id}`);
    replace(
      this.body,
      badges(action),
      h('p', { class: 'description' }, action.description),
      h(
        'dl',
        { class: 'detail-facts' },
        fact('Area for improvement', `${action.areaId}: ${action.areaText}`),
        fact('Lead agency', action.leadAgency),
        fact(
          'Contributing agencies',
          action.contributingAgencies.length > 0 ? action.contributingAgencies.join(', ') : 'None named',
        ),
        fact(
          action.owners.length === 1 ? 'Owner' : 'Owners',
          action.owners.length > 0
            ? h(
                'ul',
                { class: 'plain' },
                action.owners.map((owner) =>
                  h('li', {}, owner.name ? `${owner.name} (${owner.email})` : owner.email),
                ),
              )
            : 'No owner named',
        ),
        fact('Baseline due date', action.baselineDueLabel),
        fact(
          'Current due date',
          `${action.currentDueLabel}${action.rescheduled ? ' (revised from the baseline)' : ''}, ${action.dueText}`,
        ),
        action.pendingDateRequest
          ? fact(
              'Date change requested',
              `${action.pendingDateRequest.dateLabel}, asked by ${action.pendingDateRequest.requestedBy} (${action.pendingDateRequest.requestedAtLabel}): ${action.pendingDateRequest.reason} (awaiting a decision)`,
            )
          : null,
        fact('Last updated', action.lastUpdatedLabel ?? 'Not updated since it was added'),
        ...action.facts.map((f) => fact(f.label, f.text || 'None given')),
        fact(
          'Evidence',
          action.evidenceLinks.length > 0
            ? h(
                'ul',
                { class: 'plain' },
                action.evidenceLinks.map((link) => h('li', {}, externalLink(link, link))),
              )
            : 'None yet',
        ),
      ),
      action.canDecide && action.pendingDateRequest ? this.decisionForm(detail) : null,
      action.canUpdate ? this.updateForm(detail, typed) : null,
      history(detail.history),
    );
  }

  /** Approve / Reject on the pending request, with an optional comment kept in the history. */
  private decisionForm(detail: TabActionDetail): HTMLElement | null {
    const request = detail.action.pendingDateRequest;
    if (!request) return null;
    const comment = h('textarea', {
      id: 'decide-comment',
      name: 'comment',
      rows: 3,
      maxlength: NOTE_LIMIT,
      'aria-describedby': 'decide-comment-hint',
    });
    const approve = h('button', { type: 'button', class: 'primary' }, `Approve ${request.dateLabel}`);
    const reject = h('button', { type: 'button' }, 'Reject');
    const form = h(
      'form',
      { class: 'decision-form', novalidate: true, 'aria-labelledby': 'decide-heading' },
      h('h3', { id: 'decide-heading' }, 'Decide on the new due date'),
      h(
        'p',
        {},
        `${request.requestedBy} asks for ${request.dateLabel} instead of ${detail.action.currentDueLabel}. Reason: ${request.reason}`,
      ),
      h(
        'div',
        { class: 'field', 'data-field': 'comment' },
        h('label', { for: 'decide-comment' }, 'Comment (optional)'),
        h(
          'p',
          { id: 'decide-comment-hint', class: 'hint' },
          'Recorded in the action’s history with your decision.',
        ),
        comment,
      ),
      h('div', { class: 'form-actions' }, approve, ' ', reject),
    );
    form.addEventListener('submit', (event) => event.preventDefault());
    const decide = (decision: TabDecisionRequest['decision']) => {
      void this.decide(form, [approve, reject], {
        requestId: request.id,
        decision,
        ...(comment.value.trim() ? { comment: comment.value.trim() } : {}),
      });
    };
    approve.addEventListener('click', () => decide('approve'));
    reject.addEventListener('click', () => decide('reject'));
    return form;
  }

  private async decide(form: HTMLFormElement, buttons: HTMLButtonElement[], body: TabDecisionRequest) {
    const current = this.current;
    if (!current || buttons.some((b) => b.disabled)) return;
    const { planId, detail } = current;
    for (const button of buttons) button.disabled = true;
    form.setAttribute('aria-busy', 'true');
    this.status.textContent = 'Saving…';
    let message: string;
    try {
      const result = await this.api.post<TabDecisionResult>(
        `/api/tab/plans/${seg(planId)}/actions/${seg(detail.action.id)}/decision`,
        body,
      );
      message = result.ok ? result.message : result.error;
      this.hooks.onSaved();
    } catch (error) {
      // Decided elsewhere meanwhile, or no longer allowed: the server's words, over the action as it now is.
      message = errorText(error);
    }
    try {
      await this.reload(planId, detail.action.id);
    } catch (error) {
      this.hooks.onError(error);
    }
    this.say(message);
  }

  private updateForm(detail: TabActionDetail, typed?: Typed): HTMLElement {
    const { action } = detail;
    const rating = h(
      'select',
      { id: 'update-rating', name: 'rating' },
      action.proposedRating ? null : h('option', { value: '' }, 'Not yet rated (leave unrated)'),
      detail.ratings.map((info) => h('option', { value: info.rating }, `${info.name}: ${info.label}`)),
    );
    rating.value = typed?.rating ?? action.proposedRating ?? '';
    const note = h('textarea', {
      id: 'update-note',
      name: 'note',
      rows: 4,
      maxlength: NOTE_LIMIT,
      'aria-describedby': 'update-note-hint update-note-count',
    });
    note.value = typed?.note ?? '';
    const count = h('p', { id: 'update-note-count', class: 'hint' });
    const showCount = () => {
      count.textContent = `${note.value.length.toLocaleString('en-GB')} of ${NOTE_LIMIT.toLocaleString('en-GB')} characters`;
    };
    showCount();
    note.addEventListener('input', showCount);
    const evidence = h('input', {
      id: 'update-evidence',
      name: 'evidence',
      type: 'url',
      inputmode: 'url',
      autocomplete: 'off',
      spellcheck: 'false',
      'aria-describedby': 'update-evidence-hint',
    });
    evidence.value = typed?.evidence ?? '';
    const submit = h('button', { type: 'submit', class: 'primary' }, 'Save update');
    const summary = h('div', { class: 'error-summary', tabindex: -1, hidden: true });

    const form = h(
      'form',
      { class: 'update-form', novalidate: true, 'aria-labelledby': 'update-heading' },
      h('h3', { id: 'update-heading' }, 'Update this action'),
      summary,
      h(
        'div',
        { class: 'field', 'data-field': 'rating' },
        h('label', { for: 'update-rating' }, 'Rating'),
        rating,
      ),
      h(
        'div',
        { class: 'field', 'data-field': 'note' },
        h('label', { for: 'update-note' }, 'Progress note'),
        h(
          'p',
          { id: 'update-note-hint', class: 'hint' },
          'Needed when the rating is amber or red, or gets worse: say what has changed.',
        ),
        note,
        count,
      ),
      h(
        'div',
        { class: 'field', 'data-field': 'evidence' },
        h('label', { for: 'update-evidence' }, 'Evidence link (optional)'),
        h(
          'p',
          { id: 'update-evidence-hint', class: 'hint' },
          'An https:// link, such as a report or minutes.',
        ),
        evidence,
      ),
      h('div', { class: 'form-actions' }, submit),
    );

    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.save(form, summary, submit, {
        rating: rating.value,
        note: note.value,
        evidence: evidence.value,
      });
    });
    return form;
  }

  private async save(form: HTMLFormElement, summary: HTMLElement, submit: HTMLButtonElement, typed: Typed) {
    const current = this.current;
    if (!current || submit.disabled) return;
    const { planId, detail } = current;
    clearIssues({ form, summary });
    submit.disabled = true;
    form.setAttribute('aria-busy', 'true');
    this.status.textContent = 'Saving…';
    try {
      const outcome = await this.api.update(planId, detail.action.id, {
        version: detail.action.version,
        ...(typed.rating ? { rating: typed.rating } : {}),
        ...(typed.note.trim() ? { note: typed.note } : {}),
        ...(typed.evidence.trim() ? { evidence: typed.evidence.trim() } : {}),
      });
      switch (outcome.kind) {
        case 'saved': {
          this.hooks.onSaved();
          await this.reload(planId, detail.action.id);
          this.say(outcome.result.message);
          return;
        }
        case 'refused':
          this.status.replaceChildren();
          showIssues(form, summary, outcome.error, outcome.issues);
          return;
        case 'conflict':
          await this.reload(planId, detail.action.id, typed);
          // The server's words are written for the card ("after this card was sent"), so the tab says its own.
          this.say(
            'Nothing was saved: this action was updated by someone else while you had it open. It has been reloaded; check the history, then save again. What you typed is kept.',
          );
          return;
        default:
          return outcome satisfies never;
      }
    } catch (error) {
      this.status.replaceChildren();
      showIssues(form, summary, errorText(error), []);
    } finally {
      if (submit.isConnected) {
        submit.disabled = false;
        form.removeAttribute('aria-busy');
      }
    }
  }

  /** Fetches the action and draws it (on opening, and after a save or a conflict). */
  private async reload(planId: string, actionId: string, typed?: Typed): Promise<void> {
    const detail = await this.api.action(planId, actionId);
    this.current = { planId, detail };
    this.render(detail, typed);
  }

  /** A message in the dialog's live region, with focus on it (the form it came from was redrawn). */
  private say(message: string): void {
    this.status.textContent = message;
    this.status.focus();
  }
}

function history(entries: readonly TabHistoryEntry[]): HTMLElement {
  const newestFirst = [...entries].sort((a, b) => b.at.localeCompare(a.at));
  return h(
    'section',
    { class: 'history', 'aria-labelledby': 'history-heading' },
    h(
      'h3',
      { id: 'history-heading' },
      'History ',
      h('span', { class: 'count' }, `(${plural(newestFirst.length, 'entry', 'entries')})`),
    ),
    newestFirst.length === 0
      ? h('p', { class: 'empty' }, 'No updates recorded yet.')
      : h(
          'ol',
          { class: 'timeline', reversed: true },
          newestFirst.map((entry) =>
            h(
              'li',
              { class: 'timeline-entry' },
              h(
                'p',
                { class: 'when' },
                h('time', { datetime: entry.at }, entry.atLabel),
                `, ${entry.author}`,
              ),
              h('p', { class: 'summary' }, entry.summary),
              entry.note ? h('p', { class: 'note' }, entry.note) : null,
              entry.evidenceLink ? h('p', {}, externalLink(entry.evidenceLink, 'Evidence')) : null,
            ),
          ),
        ),
  );
}

/** A link that opens in a new tab, or plain text when it is not an http(s) address. */
function externalLink(href: string, text: string): Node {
  let url: URL | undefined;
  try {
    url = new URL(href);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) return document.createTextNode(href);
  return h(
    'a',
    { href: url.href, target: '_blank', rel: 'noopener noreferrer' },
    text,
    hidden(' (opens in a new tab)'),
  );
}

/** The update form's refusal: its controls are #update-<field>, labelled in the page's own words. */
function showIssues(
  form: HTMLFormElement,
  summary: HTMLElement,
  error: string,
  issues: readonly { field: string; reason: string }[],
): void {
  const find = (field: string) => ({
    control: form.querySelector<HTMLElement>(`#update-${CSS.escape(field)}`),
    label: FIELD_LABELS[field] ?? field,
  });
  showFormIssues({ form, summary }, error, issues, find, ' — ');
}
