/** Everything the plan's management page shows a coordinator, read once. */
import { type Action, compareActionIds } from '../../domain/action';
import type { Area } from '../../domain/area';
import { calendarDateIn, type IsoDate } from '../../domain/dates';
import type { Delegation } from '../../domain/delegation';
import type { Plan } from '../../domain/plan';
import { type PlanSettings, settingsOf } from '../../domain/plan-settings';
import { cardVersion } from '../../domain/status-change';
import type { ReachRegistry } from '../delivery/channel';
import { type PlanPerson, planPeople, type UnaddressedOwner } from '../people/people-view';
import type { Actor } from '../shared/actor';
import type { AdminDeps, AdminOutcome } from '../shared/admin-outcome';
import { administeredPlan } from '../shared/administered-plan';

export interface PlanAdminView {
  plan: Plan;
  settings: PlanSettings;
  /** Pass back with a settings save; a newer one is refused and says who saved it. */
  revision: string;
  today: IsoDate;
  people: PlanPerson[];
  /** Owners named without an address: nothing reaches them until one is added. */
  unaddressedOwners: UnaddressedOwner[];
  delegations: (Delegation & { active: boolean })[];
  areas: Area[];
  actions: (Action & { version: string })[];
}

/** The page also shows how each person is reached: the channels' own answers (the one reachability). */
export type AdminViewDeps = AdminDeps & { channels: ReachRegistry };

export async function loadPlanAdmin(
  deps: AdminViewDeps,
  actor: Actor,
  planId: string,
): Promise<AdminOutcome<PlanAdminView>> {
  const now = deps.clock.now();
  const found = await administeredPlan(deps.stores, actor, planId, now);
  if (found.kind !== 'ok') return found;
  const plan = found.plan.value;
  const today = calendarDateIn(plan.timeZone, now);
  const [{ areas, actions }, { people, unaddressedOwners }] = await Promise.all([
    deps.stores.actions.readPlan(plan.id),
    planPeople(deps.stores, plan, deps.channels, now),
  ]);
  return {
    kind: 'saved',
    value: {
      plan,
      settings: settingsOf(plan),
      revision: String(plan.revision ?? 0),
      today,
      people,
      unaddressedOwners,
      delegations: (plan.delegations ?? [])
        .filter((d) => d.to >= today)
        .map((d) => ({ ...d, active: d.from <= today })),
      areas: [...areas].sort((a, b) => a.order - b.order),
      actions: actions
        .map((a) => ({ ...a.value, version: cardVersion(a.value) }))
        .sort((a, b) => compareActionIds(a.id, b.id)),
    },
  };
}
