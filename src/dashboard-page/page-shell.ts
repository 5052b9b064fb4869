/**
 * What the dashboard (/tab) and the plan management page (/tab/admin) share around their own content:
 * the status line read out to screen readers, the alert that explains a failure, and links between the
 * two pages that keep local mode's ?theme=.
 */
import { ApiError, errorText } from './api.js';
import { byId, h, replace } from './dom.js';
import { NotSignedInError, notifyTeamsLoaded, type Session, startSession } from './session.js';

/** The elements the page template (src/http/dashboard-api/tab-pages.ts) draws for both pages. */
export function shellElements() {
  return {
    main: byId('main'),
    title: byId('page-title'),
    subtitle: byId('plan-subtitle'),
    alert: byId('alert'),
    status: byId('status'),
    user: byId('user-name'),
    banner: byId('local-banner'),
    picker: byId('plan-picker'),
    nav: byId('section-nav'),
  };
}

/**
 * Status messages, read out politely by screen readers. The line is emptied first and refilled a moment
 * later, so the same words twice are read twice.
 */
export function statusLine(status: HTMLElement): (message: string) => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return (message) => {
    clearTimeout(timer);
    status.textContent = '';
    if (message) timer = setTimeout(() => (status.textContent = message), 50);
  };
}

/** A failure in words in the page's alert; an expired sign-in says how to sign in again. */
export function showError(alert: HTMLElement, error: unknown): void {
  const message =
    error instanceof NotSignedInError
      ? error.message
      : error instanceof ApiError && error.status === 401
        ? `${error.message} Reload the tab to sign in again.`
        : errorText(error);
  replace(alert, h('p', {}, message));
}

/** `path` on this server for `planId`, keeping ?theme= (local mode) on links between the pages. */
export function pageLink(path: string, planId?: string): string {
  const url = new URL(path, location.href);
  if (planId) url.searchParams.set('plan', planId);
  const theme = new URLSearchParams(location.search).get('theme');
  if (theme) url.searchParams.set('theme', theme);
  return `${url.pathname}${url.search}`;
}

/**
 * Starts a page: "Loading…" while the session starts and `run` draws the page; a failure is said in the
 * alert (after `onFailure` has set the scene for it); either way Teams is told the page has loaded.
 */
export async function boot(
  say: (message: string) => void,
  alert: HTMLElement,
  run: (session: Session) => Promise<void>,
  onFailure?: (error: unknown) => void,
): Promise<void> {
  say('Loading…');
  try {
    await run(await startSession());
  } catch (error) {
    say('');
    onFailure?.(error);
    showError(alert, error);
  } finally {
    notifyTeamsLoaded();
  }
}
