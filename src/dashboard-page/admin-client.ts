/**
 * The plan management page's API client (contract: src/http/dashboard-api/admin-types.ts), over the
 * dashboard's Api so it carries the same identity. Refusals (400 with issues, 403, 409) are outcomes
 * the forms show; anything else is an ApiError for the page's alert.
 */
import type { TabAdminMe, TabAdminPlan, TabAdminResult } from '../http/dashboard-api/admin-types.js';
import { type Api, apiError, type Refused, readJson, seg } from './api.js';

export type SaveOutcome =
  | { kind: 'saved'; message: string; version?: string; revision?: string; planId?: string }
  | Refused
  /** Someone saved a change after the form was opened. */
  | { kind: 'stale'; error: string };

export class AdminClient {
  constructor(private readonly api: Api) {}

  me(): Promise<TabAdminMe> {
    return this.api.get('/api/tab/admin/me');
  }

  plan(planId: string): Promise<TabAdminPlan> {
    return this.api.get(`/api/tab/admin/plans/${seg(planId)}`);
  }

  /** A change: `path` under the plan (or '' for creating one), with its body. */
  async save(planId: string | undefined, path: string, body: unknown = {}): Promise<SaveOutcome> {
    const url = planId ? `/api/tab/admin/plans/${seg(planId)}${path}` : `/api/tab/admin/plans${path}`;
    const response = await this.api.sendJson(url, body);
    const payload = (await readJson(response)) as Partial<TabAdminResult> | undefined;
    if (response.ok && payload && payload.ok === true) {
      const {
        message,
        version,
        revision,
        planId: created,
      } = payload as Extract<TabAdminResult, { ok: true }>;
      return {
        kind: 'saved',
        message,
        ...(version ? { version } : {}),
        ...(revision ? { revision } : {}),
        ...(created ? { planId: created } : {}),
      };
    }
    const failed = payload as Extract<TabAdminResult, { ok: false }> | undefined;
    if (response.status === 409 && failed?.error) return { kind: 'stale', error: failed.error };
    if ((response.status === 400 || response.status === 403) && failed?.error)
      return { kind: 'refused', error: failed.error, issues: failed.issues ?? [] };
    throw apiError(response, payload);
  }
}
