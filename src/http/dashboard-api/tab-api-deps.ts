/**
 * What the tab's API is built from. Apart from tab-api.ts so the routes it mounts (import-api.ts) can name
 * it without importing the module that mounts them.
 */
import type { PlanCreators } from '../../domain/plan-creators';
import type { Logger } from '../../support/logger';
import type { Channel, ReachRegistry } from '../../usecases/delivery/channel';
import type { PlanDeps } from '../../usecases/ports/index';
import type { UpdateOutcome } from '../../usecases/updates/handle-card-action';
import type { TokenValidator } from './tab-auth';

export interface TabApiDeps extends PlanDeps {
  logger: Logger;
  /** The composition's channels: the people page shows how each person is reached by their answers. */
  channels: ReachRegistry;
  /** The channel round requests and chases started from the management page go through. */
  channel?: Channel;
  /** Entra ID validation; absent means local mode (no app id, loopback only: the config enforces it). */
  tokens?: TokenValidator;
  /** Runs work that goes on after the answer (leads told when an action turns red). */
  afterResponse?: (saved: Extract<UpdateOutcome, { kind: 'saved' }>) => void;
  /** Requests a minute one signed-in person may make; unset, no per-person limit (tests, bench). */
  perPersonPerMinute?: number;
  /** The key report links are signed with; unset, POST /api/tab/report-link is not offered. */
  reportLinkSecret?: Buffer;
  /** Who may create plans from the dashboard (PLAN_CREATORS); unset, nobody. */
  planCreators?: PlanCreators;
}
