/**
 * The tab's JSON API client (contract: src/http/dashboard-api/api-types.ts). Every call carries the caller's
 * identity — a Teams SSO bearer token, or in local mode the X-Local-User header — and a 401 is retried
 * once with a fresh token.
 */
import type {
  TabActionDetail,
  TabComparison,
  TabError,
  TabMe,
  TabPlanView,
  TabTrends,
  TabUpdateRequest,
  TabUpdateResult,
} from '../http/dashboard-api/api-types.js';
import type { TabImportAnswer, TabImportRequest } from '../http/dashboard-api/import-types.js';

/** Who the caller is, as request headers. `fresh` asks for a new token after a 401. */
export interface Identity {
  headers(fresh: boolean): Promise<Record<string, string>>;
  /** Whether asking again can help after a 401 (a Teams token can be renewed; local mode has none). */
  readonly renewable: boolean;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly body?: TabError,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** A downloaded file: its bytes and the name the server suggests. */
export interface Download {
  blob: Blob;
  filename?: string;
}

export type UpdateOutcome =
  | { kind: 'saved'; result: Extract<TabUpdateResult, { ok: true }> }
  | Refused
  | { kind: 'conflict'; error: string };

/** A form the server refused: its words, and each problem by field. */
export type Refused = { kind: 'refused'; error: string; issues: { field: string; reason: string }[] };

/** A path segment from a plan's or an action's id. */
export const seg = encodeURIComponent;

const jsonPost = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

export class Api {
  constructor(private readonly identity: Identity) {}

  me(): Promise<TabMe> {
    return this.json('/api/tab/me');
  }

  plan(planId: string): Promise<TabPlanView> {
    return this.json(`/api/tab/plans/${seg(planId)}`);
  }

  action(planId: string, actionId: string): Promise<TabActionDetail> {
    return this.json(`/api/tab/plans/${seg(planId)}/actions/${seg(actionId)}`);
  }

  trends(planId: string): Promise<TabTrends> {
    return this.json(`/api/tab/plans/${seg(planId)}/trends`);
  }

  compare(planId: string, from: string, to: string): Promise<TabComparison> {
    const query = new URLSearchParams({ from, to });
    return this.json(`/api/tab/plans/${seg(planId)}/compare?${query.toString()}`);
  }

  /** Saves an update. Refusals (400 with issues, or ok:false) and conflicts (409) are outcomes, not errors. */
  async update(planId: string, actionId: string, body: TabUpdateRequest): Promise<UpdateOutcome> {
    const response = await this.sendJson(`/api/tab/plans/${seg(planId)}/actions/${seg(actionId)}`, body);
    const payload = (await readJson(response)) as Partial<TabUpdateResult & TabError> | undefined;
    if (response.status === 409) {
      return { kind: 'conflict', error: payload?.error ?? 'This action changed while you were updating it.' };
    }
    if (response.ok && payload && payload.ok === true) {
      return { kind: 'saved', result: payload as Extract<TabUpdateResult, { ok: true }> };
    }
    if ((response.ok || response.status === 400) && payload && (payload.ok === false || payload.issues)) {
      return {
        kind: 'refused',
        error: payload.error ?? 'The update was not saved.',
        issues: payload.issues ?? [],
      };
    }
    throw apiError(response, payload);
  }

  /** A GET of any JSON endpoint (feature modules such as moderation.ts keep their own paths and types). */
  get<T>(path: string): Promise<T> {
    return this.json(path);
  }

  /** A POST of JSON that answers JSON; a refusal (4xx, 5xx) is an ApiError with the server's words. */
  async post<T>(path: string, body: unknown, headers: Record<string, string> = {}): Promise<T> {
    const response = await this.sendJson(path, body, headers);
    const payload = await readJson(response);
    if (!response.ok) throw apiError(response, payload);
    if (payload === undefined) throw new ApiError(response.status, 'The server sent an unreadable answer.');
    return payload as T;
  }

  /** Previews (or, with confirm, imports) a spreadsheet; a refusal is an ApiError carrying its issues. */
  importSpreadsheet(body: TabImportRequest): Promise<TabImportAnswer> {
    // The plan in a header too: the server decides who may import before it reads the file.
    return this.post<TabImportAnswer>('/api/tab/import', body, { 'X-Plan-Id': body.planId });
  }

  /** A report or export file, fetched with the caller's identity (a plain link could not carry it). */
  async download(path: string, init: RequestInit = {}): Promise<Download> {
    const response = await this.fetch(path, init);
    if (!response.ok) throw apiError(response, await readJson(response));
    const filename = filenameFrom(response.headers.get('Content-Disposition'));
    return { blob: await response.blob(), ...(filename ? { filename } : {}) };
  }

  /** The report a card's signed link names, given only to the person it was made for (signed in). */
  reportByLink(link: string): Promise<Download> {
    return this.download('/api/tab/report-link', jsonPost({ link }));
  }

  /**
   * A POST of `body` as JSON with the caller's identity (a 401 retried once with a fresh token); the
   * answer is the caller's to read (the plan management page's client, admin-client.ts, reads its own).
   */
  sendJson(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
    return this.fetch(path, jsonPost(body, headers));
  }

  private async json<T>(path: string): Promise<T> {
    const response = await this.fetch(path);
    const payload = await readJson(response);
    if (!response.ok) throw apiError(response, payload);
    if (payload === undefined) throw new ApiError(response.status, 'The server sent an unreadable answer.');
    return payload as T;
  }

  private async fetch(path: string, init: RequestInit = {}): Promise<Response> {
    const send = async (fresh: boolean) => {
      const headers = new Headers(init.headers);
      headers.set('Accept', 'application/json');
      for (const [name, value] of Object.entries(await this.identity.headers(fresh)))
        headers.set(name, value);
      try {
        return await fetch(path, { ...init, headers, credentials: 'same-origin', cache: 'no-store' });
      } catch {
        throw new ApiError(0, 'Action Tracker could not be reached. Check your connection and try again.');
      }
    };
    const first = await send(false);
    if (first.status !== 401 || !this.identity.renewable) return first;
    return send(true);
  }
}

export async function readJson(response: Response): Promise<unknown> {
  if (!(response.headers.get('Content-Type') ?? '').includes('json')) return undefined;
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}

export function apiError(response: Response, payload: unknown): ApiError {
  const body = isTabError(payload) ? payload : undefined;
  return new ApiError(response.status, body?.error ?? fallbackMessage(response.status), body);
}

function isTabError(value: unknown): value is TabError {
  return typeof value === 'object' && value !== null && typeof (value as TabError).error === 'string';
}

function fallbackMessage(status: number): string {
  switch (status) {
    case 400:
      return 'The request was not understood.';
    case 401:
      return 'You are not signed in.';
    case 403:
      return 'You do not have access to this.';
    case 404:
      return 'Not found: it may have been removed, or the link is wrong.';
    case 409:
      return 'It changed while you were looking at it.';
    case 503:
      return 'The action plan store is not available just now. Try again in a minute.';
    default:
      return `Something went wrong (HTTP ${status}). Try again, and tell your coordinator if it keeps happening.`;
  }
}

/** The file name from a Content-Disposition header: filename* (RFC 5987) first, then filename. */
function filenameFrom(header: string | null): string | undefined {
  if (!header) return undefined;
  const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)?''([^;]+)/.exec(header);
  if (extended?.[1]) {
    try {
      return safeName(decodeURIComponent(extended[1].trim().replace(/^"|"$/g, '')));
    } catch {
      // Not valid percent-encoding: fall through to the plain name.
    }
  }
  const plain = /filename\s*=\s*("([^"]*)"|[^;]+)/.exec(header);
  const name = plain?.[2] ?? plain?.[1];
  return name ? safeName(name.trim()) : undefined;
}

function safeName(name: string): string | undefined {
  const base = name.split(/[/\\]/).pop()?.trim();
  return base ? base : undefined;
}

/** What to tell the person about a failure: the API's own words, or a plain fallback. */
export function errorText(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return 'Something went wrong. Try again, and tell your coordinator if it keeps happening.';
}
