/**
 * The filter bar above the board: search, area, lead agency, owner, status, due, and group by. Every
 * change is reported at once, so the board and its counts follow as the person types.
 */
import type { TabPlanView } from '../http/dashboard-api/api-types.js';
import { clip, field, h } from './dom.js';
import { type DueFilter, type Filters, type GroupBy, NO_FILTERS, ownersOf } from './filters.js';

interface Choice {
  value: string;
  label: string;
}

export function renderFilterForm(
  container: HTMLElement,
  view: TabPlanView,
  initial: Filters,
  onChange: (filters: Filters) => void,
  locale?: string,
): void {
  const search = h('input', {
    type: 'search',
    id: 'filter-q',
    name: 'q',
    autocomplete: 'off',
    'aria-describedby': 'filter-q-hint',
    spellcheck: 'false',
  });
  search.value = initial.q;
  const area = select('filter-area', [
    { value: '', label: 'All areas' },
    ...view.areas.map((entry) => ({ value: entry.id, label: `${entry.id}: ${clip(entry.text, 60)}` })),
  ]);
  const agency = select('filter-agency', [
    { value: '', label: 'All agencies' },
    ...view.agencies.map((name) => ({ value: name, label: name })),
  ]);
  const contributor = select('filter-contributor', [
    { value: '', label: 'Any contributing agency' },
    ...view.contributingAgencies.map((name) => ({ value: name, label: name })),
  ]);
  const monitoring = select('filter-monitoring', [
    { value: '', label: 'All monitoring groups' },
    ...view.monitoringGroups.map((g) => ({ value: g.id, label: g.name })),
  ]);
  const owner = select('filter-owner', [
    { value: '', label: 'All owners' },
    ...ownersOf(view.actions, locale).map((entry) => ({
      value: entry.email,
      label: entry.name || entry.email,
    })),
  ]);
  const lifecycle = select('filter-lifecycle', [
    { value: '', label: 'Any status' },
    ...view.lifecycles.map((entry) => ({ value: entry.value, label: entry.label })),
  ]);
  const due = select('filter-due', [
    { value: 'all', label: 'Any due date' },
    { value: 'overdue', label: 'Overdue' },
    { value: 'soon', label: 'Due in the next 30 days' },
  ]);
  const group = select('filter-group', [
    { value: 'none', label: 'No grouping' },
    { value: 'area', label: 'Area for improvement' },
    { value: 'agency', label: 'Lead agency' },
  ]);
  const clear = h('button', { type: 'button', class: 'secondary' }, 'Clear filters');

  const set = (filters: Filters) => {
    search.value = filters.q;
    pick(area, filters.area);
    pick(agency, filters.agency);
    pick(contributor, filters.contributor);
    pick(monitoring, filters.monitoring);
    pick(owner, filters.owner);
    pick(lifecycle, filters.lifecycle);
    pick(due, filters.due);
    pick(group, filters.group);
  };
  const read = (): Filters => ({
    q: search.value,
    area: area.value,
    agency: agency.value,
    contributor: contributor.value,
    monitoring: monitoring.value,
    owner: owner.value,
    lifecycle: lifecycle.value,
    due: due.value as DueFilter,
    group: group.value as GroupBy,
  });
  set(initial);

  const form = h(
    'form',
    { class: 'filters', role: 'search', 'aria-label': 'Filter actions' },
    field(
      'filter-q',
      'Search',
      search,
      h('span', { id: 'filter-q-hint', class: 'hint' }, 'Action id, words, owner or agency'),
    ),
    field('filter-area', 'Area for improvement', area),
    field('filter-agency', 'Lead agency', agency),
    // Offered only where there is something to choose: most plans have neither.
    ...(view.contributingAgencies.length > 0
      ? [field('filter-contributor', 'Contributing agency', contributor)]
      : []),
    ...(view.monitoringGroups.length > 0 ? [field('filter-monitoring', 'Monitoring group', monitoring)] : []),
    field('filter-owner', 'Owner', owner),
    field('filter-lifecycle', 'Status', lifecycle),
    field('filter-due', 'Due', due),
    field('filter-group', 'Group by', group),
    h('div', { class: 'field field-button' }, clear),
  );
  form.addEventListener('submit', (event) => event.preventDefault());
  // Selects fire `input` as well as `change`: one listener hears every edit once.
  form.addEventListener('input', () => onChange(read()));
  clear.addEventListener('click', () => {
    set({ ...NO_FILTERS, group: read().group });
    onChange(read());
    search.focus();
  });
  container.replaceChildren(form);
}

function select(id: string, choices: readonly Choice[]): HTMLSelectElement {
  return h(
    'select',
    { id, name: id.replace(/^filter-/, '') },
    choices.map((choice) => h('option', { value: choice.value }, choice.label)),
  );
}

function pick(control: HTMLSelectElement, value: string): void {
  control.value = value;
  // A value from an old link that is no longer offered falls back to the first choice ("all").
  if (control.value !== value) control.selectedIndex = 0;
}
