/**
 * The quadrant board: one column per rating in the plan's order (and "Not yet rated" when the plan has
 * unrated actions), each headed with its name, the quadrant's heading and the count after filtering;
 * optionally grouped by area for improvement or lead agency.
 */
import type { TabAction, TabPlanView } from '../http/dashboard-api/api-types.js';
import { clip, h, hidden, plural, uniqueId } from './dom.js';
import { compareActionIds, type GroupBy } from './filters.js';
import { type RatingKey, ratingBadge, ratingSymbol, UNRATED_NAME } from './ratings.js';

interface Column {
  key: RatingKey;
  name: string;
  heading: string;
}

export function columnsOf(view: TabPlanView): Column[] {
  const columns: Column[] = view.plan.ratings.map((info) => ({
    key: info.rating,
    name: info.name,
    heading: info.heading,
  }));
  if (view.actions.some((action) => !action.rating)) {
    columns.push({ key: 'unrated', name: UNRATED_NAME, heading: 'No progress rating given yet' });
  }
  return columns;
}

function ratingKey(action: TabAction): RatingKey {
  return action.rating ?? 'unrated';
}

/** The whole board for the actions shown, replacing whatever `container` held. */
export function renderBoard(
  container: HTMLElement,
  view: TabPlanView,
  shown: readonly TabAction[],
  group: GroupBy,
): void {
  const columns = columnsOf(view);
  const sorted = [...shown].sort((a, b) => compareActionIds(a.id, b.id));
  if (group === 'none') {
    container.replaceChildren(columnsBlock(columns, sorted, 3));
    return;
  }
  const groups = groupsOf(view, sorted, group);
  if (groups.length === 0) {
    container.replaceChildren(h('p', { class: 'empty' }, 'No actions match these filters.'));
    return;
  }
  container.replaceChildren(
    ...groups.map(({ title, actions }) => {
      const id = uniqueId('group');
      return h(
        'section',
        { class: 'group', 'aria-labelledby': id },
        h(
          'h3',
          { id, class: 'group-title' },
          title,
          ' ',
          h('span', { class: 'count' }, `(${plural(actions.length, 'action')})`),
        ),
        columnsBlock(columns, actions, 4),
      );
    }),
  );
}

function groupsOf(
  view: TabPlanView,
  actions: readonly TabAction[],
  group: Exclude<GroupBy, 'none'>,
): { title: string; actions: TabAction[] }[] {
  const keyOf = (action: TabAction) => (group === 'area' ? action.areaId : action.leadAgency);
  const order =
    group === 'area'
      ? view.areas.map((area) => ({ key: area.id, title: `${area.id}: ${clip(area.text, 90)}` }))
      : view.agencies.map((agency) => ({ key: agency, title: agency }));
  const known = new Set(order.map((entry) => entry.key));
  for (const action of actions) {
    const key = keyOf(action);
    if (!known.has(key)) {
      known.add(key);
      order.push({ key, title: key });
    }
  }
  return order
    .map(({ key, title }) => ({ title, actions: actions.filter((action) => keyOf(action) === key) }))
    .filter((entry) => entry.actions.length > 0);
}

function columnsBlock(columns: readonly Column[], actions: readonly TabAction[], level: 3 | 4): HTMLElement {
  return h(
    'div',
    { class: 'columns' },
    columns.map((column) => {
      const inColumn = actions.filter((action) => ratingKey(action) === column.key);
      const id = uniqueId(`column-${column.key}`);
      const heading = h(
        level === 3 ? 'h3' : 'h4',
        { id, class: 'column-title' },
        h('span', { class: 'rating-symbol', 'aria-hidden': 'true' }, ratingSymbol(column.key)),
        ` ${column.name} `,
        h(
          'span',
          { class: 'column-count', 'data-count': inColumn.length },
          String(inColumn.length),
          hidden(inColumn.length === 1 ? ' action' : ' actions'),
        ),
      );
      return h(
        'section',
        { class: `column rating-${column.key}`, 'data-rating': column.key, 'aria-labelledby': id },
        heading,
        h('p', { class: 'column-heading' }, column.heading),
        inColumn.length === 0
          ? h('p', { class: 'empty' }, 'None')
          : h('ul', { class: 'cards' }, inColumn.map(card)),
      );
    }),
  );
}

function card(action: TabAction): HTMLLIElement {
  return h(
    'li',
    {
      class: `card rating-${ratingKey(action)}${action.overdue ? ' is-overdue' : ''}`,
      'data-action-id': action.id,
    },
    h(
      'p',
      { class: 'card-title' },
      h(
        'button',
        { type: 'button', class: 'card-open', 'data-open-action': action.id },
        h('span', { class: 'card-id' }, action.id),
        ' ',
        clip(action.description, 120),
      ),
    ),
    badges(action),
    h(
      'dl',
      { class: 'facts' },
      fact('Lead agency', action.leadAgency),
      fact(action.owners.length === 1 ? 'Owner' : 'Owners', ownerNames(action)),
      fact('Due', dueLine(action), action.overdue ? 'overdue-text' : undefined),
    ),
  );
}

/** One term and its description in a <dl>: a card's facts, and the detail's. */
export function fact(term: string, value: string | Node, valueClass?: string): HTMLDivElement {
  return h('div', {}, h('dt', {}, term), h('dd', { class: valueClass }, value));
}

/** The rating, status and due badges, the same on a card and in the detail. */
export function badges(action: TabAction): HTMLParagraphElement {
  return h(
    'p',
    { class: 'badges' },
    ratingBadge(ratingKey(action), ratingWord(action)),
    ratingNote(action),
    ' ',
    h('span', { class: 'badge lifecycle-badge' }, action.lifecycleLabel),
    ' ',
    dueBadge(action),
  );
}

function ratingWord(action: TabAction): string {
  return action.rating ? action.ratingName : UNRATED_NAME;
}

/** "Proposed: Green, not yet agreed" beside the badge: a proposal is never shown as if agreed. */
function ratingNote(action: TabAction): HTMLSpanElement | null {
  return action.ratingNote ? h('span', { class: 'rating-note' }, ` ${action.ratingNote}`) : null;
}

/** "Overdue" or "Due soon" in words (with a symbol), never only a colour. */
function dueBadge(action: TabAction): HTMLSpanElement | null {
  if (action.overdue) {
    return h('span', { class: 'badge overdue-badge' }, h('span', { 'aria-hidden': 'true' }, '⚠'), ' Overdue');
  }
  if (action.dueSoon) {
    return h('span', { class: 'badge soon-badge' }, h('span', { 'aria-hidden': 'true' }, '◷'), ' Due soon');
  }
  return null;
}

function dueLine(action: TabAction): string {
  return `${action.currentDueLabel}${action.rescheduled ? ' (revised)' : ''}, ${action.dueText}`;
}

function ownerNames(action: TabAction): string {
  const names = action.owners.map((owner) => owner.name || owner.email);
  if (names.length === 0) return 'No owner named';
  if (names.length <= 2) return names.join(' and ');
  return `${names.slice(0, 2).join(', ')} and ${plural(names.length - 2, 'other')}`;
}

/** Counts per rating for the summary line, in column order. */
export function countsByRating(
  view: TabPlanView,
  actions: readonly TabAction[],
): { key: RatingKey; name: string; count: number }[] {
  return columnsOf(view).map((column) => ({
    key: column.key,
    name: column.name,
    count: actions.filter((action) => ratingKey(action) === column.key).length,
  }));
}
