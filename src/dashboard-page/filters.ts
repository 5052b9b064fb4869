/**
 * The plan view's filters: pure functions over the actions the API returned, so counts update at once
 * without another request, and the filters round-trip through the URL's query.
 */
import type { TabAction } from '../http/dashboard-api/api-types.js';

export type DueFilter = 'all' | 'overdue' | 'soon';
export type GroupBy = 'none' | 'area' | 'agency';

export interface Filters {
  area: string;
  agency: string;
  /** A contributing agency: the actions it contributes to. */
  contributor: string;
  /** A monitoring group's id. */
  monitoring: string;
  owner: string;
  lifecycle: string;
  due: DueFilter;
  q: string;
  group: GroupBy;
}

export const NO_FILTERS: Readonly<Filters> = {
  area: '',
  agency: '',
  contributor: '',
  monitoring: '',
  owner: '',
  lifecycle: '',
  due: 'all',
  q: '',
  group: 'none',
};

const KEYS = [
  'area',
  'agency',
  'contributor',
  'monitoring',
  'owner',
  'lifecycle',
  'due',
  'q',
  'group',
] as const;

export function filtersFromQuery(query: URLSearchParams): Filters {
  const due = query.get('due');
  const group = query.get('group');
  return {
    area: query.get('area') ?? '',
    agency: query.get('agency') ?? '',
    contributor: query.get('contributor') ?? '',
    monitoring: query.get('monitoring') ?? '',
    owner: query.get('owner') ?? '',
    lifecycle: query.get('lifecycle') ?? '',
    due: due === 'overdue' || due === 'soon' ? due : 'all',
    q: query.get('q') ?? '',
    group: group === 'area' || group === 'agency' ? group : 'none',
  };
}

/** Writes the filters into `query`, leaving out those at their default so links stay short. */
export function filtersToQuery(filters: Filters, query: URLSearchParams): void {
  for (const key of KEYS) {
    const value = filters[key];
    if (value === NO_FILTERS[key]) query.delete(key);
    else query.set(key, value);
  }
}

export function isFiltered(filters: Filters): boolean {
  return KEYS.some((key) => key !== 'group' && filters[key] !== NO_FILTERS[key]);
}

function matches(action: TabAction, filters: Filters): boolean {
  if (filters.area && action.areaId !== filters.area) return false;
  if (filters.agency && action.leadAgency !== filters.agency) return false;
  if (filters.contributor && !action.contributingAgencies.includes(filters.contributor)) return false;
  if (filters.monitoring && action.monitoringGroupId !== filters.monitoring) return false;
  if (filters.owner && !action.owners.some((owner) => owner.email === filters.owner)) return false;
  if (filters.lifecycle && action.lifecycle !== filters.lifecycle) return false;
  if (filters.due === 'overdue' && !action.overdue) return false;
  if (filters.due === 'soon' && !action.dueSoon) return false;
  const terms = normalise(filters.q).split(' ').filter(Boolean);
  if (terms.length === 0) return true;
  const haystack = normalise(
    [
      action.id,
      action.description,
      action.leadAgency,
      ...action.contributingAgencies,
      ...action.owners.flatMap((owner) => [owner.name, owner.email]),
    ].join(' '),
  );
  return terms.every((term) => haystack.includes(term));
}

export function applyFilters(actions: readonly TabAction[], filters: Filters): TabAction[] {
  return actions.filter((action) => matches(action, filters));
}

/** Everyone who owns one of the actions, by name. */
export function ownersOf(actions: readonly TabAction[], locale?: string): { email: string; name: string }[] {
  const byEmail = new Map<string, string>();
  for (const action of actions) for (const owner of action.owners) byEmail.set(owner.email, owner.name);
  const collator = new Intl.Collator(locale ?? 'en-GB', { sensitivity: 'base' });
  return [...byEmail]
    .map(([email, name]) => ({ email, name }))
    .sort((a, b) => collator.compare(a.name, b.name) || collator.compare(a.email, b.email));
}

/** Action ids in plan order: 1.2 before 1.10. */
export function compareActionIds(a: string, b: string): number {
  return a.localeCompare(b, 'en-GB', { numeric: true });
}

function normalise(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim();
}
