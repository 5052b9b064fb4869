import type { Area } from '../../domain/area';
import type { Plan } from '../../domain/plan';
import type { Stores, TeamsUser } from '../ports/index';

/** People looked up by e-mail once per run, however many of their messages fall due. */
export class PeopleCache {
  private readonly people = new Map<string, Promise<TeamsUser | undefined>>();
  constructor(private readonly stores: Pick<Stores, 'users'>) {}

  get(email: string): Promise<TeamsUser | undefined> {
    let found = this.people.get(email);
    if (!found) {
      found = this.stores.users.findByEmails([email]).then((users) => users[0]);
      this.people.set(email, found);
    }
    return found;
  }
}

/** Plans and their areas, read once per run. */
export class PlanCache {
  private readonly plans = new Map<string, Promise<Plan | undefined>>();
  private readonly areas = new Map<string, Map<string, Promise<Area | undefined>>>();
  constructor(private readonly stores: Pick<Stores, 'plans' | 'actions'>) {}

  plan(planId: string): Promise<Plan | undefined> {
    let found = this.plans.get(planId);
    if (!found) {
      found = this.stores.plans.get(planId).then((p) => p?.value);
      this.plans.set(planId, found);
    }
    return found;
  }

  area(planId: string, areaId: string): Promise<Area | undefined> {
    let ofPlan = this.areas.get(planId);
    if (!ofPlan) {
      ofPlan = new Map();
      this.areas.set(planId, ofPlan);
    }
    let found = ofPlan.get(areaId);
    if (!found) {
      found = this.stores.actions.getArea(planId, areaId);
      ofPlan.set(areaId, found);
    }
    return found;
  }
}
