/** The board's filters by contributing agency and monitoring group: pure, and round-tripped through the URL. */
import {
  applyFilters,
  filtersFromQuery,
  filtersToQuery,
  isFiltered,
  NO_FILTERS,
} from '../../src/dashboard-page/filters';
import type { TabAction } from '../../src/http/dashboard-api/api-types';

function action(id: string, extra: Partial<TabAction>): TabAction {
  return {
    id,
    areaId: 'A1',
    description: `Action ${id}`,
    leadAgency: 'Council',
    owners: [{ name: 'Olu Owner', email: 'olu@council.gov.uk' }],
    contributingAgencies: [],
    ratingName: 'Not yet rated',
    lifecycle: 'in_progress',
    lifecycleLabel: 'In progress',
    open: true,
    baselineDue: '2025-06-30',
    baselineDueLabel: '30 Jun 2025',
    currentDue: '2025-06-30',
    currentDueLabel: '30 Jun 2025',
    rescheduled: false,
    overdue: false,
    dueSoon: false,
    dueText: 'due in 5 months',
    canUpdate: false,
    version: '0',
    ...extra,
  };
}

const ACTIONS = [
  action('1.1', { contributingAgencies: ['Police', 'Health'], monitoringGroupId: 'council-actions' }),
  action('1.2', { contributingAgencies: ['Health'], monitoringGroupId: 'partnership-actions' }),
  action('1.3', {}),
];

describe('dashboard filters: contributing agencies and monitoring groups', () => {
  test('when filtered by a contributing agency, then only the actions it contributes to remain', () => {
    const ids = (filters: Partial<typeof NO_FILTERS>) =>
      applyFilters(ACTIONS, { ...NO_FILTERS, ...filters }).map((a) => a.id);
    expect(ids({ contributor: 'Health' })).toEqual(['1.1', '1.2']);
    expect(ids({ contributor: 'Police' })).toEqual(['1.1']);
    expect(ids({ monitoring: 'partnership-actions' })).toEqual(['1.2']);
    expect(ids({ contributor: 'Health', monitoring: 'council-actions' })).toEqual(['1.1']);
    // Search finds contributing agencies too.
    expect(ids({ q: 'police' })).toEqual(['1.1']);
  });

  test('when the filters go into the URL and back, then they are the same, and count as filtering', () => {
    const filters = { ...NO_FILTERS, contributor: 'Health', monitoring: 'council-actions' };
    const query = new URLSearchParams();
    filtersToQuery(filters, query);
    expect(query.toString()).toBe('contributor=Health&monitoring=council-actions');
    expect(filtersFromQuery(query)).toEqual(filters);
    expect(isFiltered(filters)).toBe(true);
    expect(isFiltered(NO_FILTERS)).toBe(false);
  });
});
