/**
 * A measure's numbers as tables (issue 21): the value that counts for each period with where the line
 * said it should be and its standing, and every entry ever made, corrections included. The run chart's
 * table alternative; for a reporter, each row offers to correct its period.
 */
import type { TabMeasure } from '../http/dashboard-api/api-types.js';
import { h } from './dom.js';
import { STATUS_SYMBOL } from './measure-parts.js';

function correctButton(period: string, label: string, correct: (period: string) => void): HTMLElement {
  const button = h(
    'button',
    { type: 'button', class: 'secondary' },
    'Correct',
    h('span', { class: 'visually-hidden' }, ` ${label}`),
  );
  button.addEventListener('click', () => correct(period));
  return button;
}

/** `correct`, when the viewer may report: each row offers to correct its period in the form below. */
export function valueTable(measure: TabMeasure, correct?: (period: string) => void): HTMLElement {
  const caption = `Values of ${measure.id} by period`;
  if (measure.points.length === 0) return h('p', { class: 'empty' }, 'No values reported yet.');
  return h(
    'div',
    { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': caption },
    h(
      'table',
      { class: 'measure-table' },
      h('caption', {}, caption),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ['Period', 'Value', 'Expected', 'Status', 'Reported by', 'When'].map((heading) =>
            h('th', { scope: 'col' }, heading),
          ),
          correct ? h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Correct')) : null,
        ),
      ),
      h(
        'tbody',
        {},
        measure.points.map((point) =>
          h(
            'tr',
            { 'data-period': point.period },
            h('th', { scope: 'row' }, point.periodLabel, point.corrected ? ' (corrected)' : ''),
            h('td', {}, point.valueLabel),
            h('td', {}, point.expectedLabel),
            h(
              'td',
              { 'data-status': point.status },
              h('span', { 'aria-hidden': 'true' }, `${STATUS_SYMBOL[point.status]} `),
              point.statusWords,
            ),
            h('td', {}, point.reportedBy),
            h('td', {}, point.reportedAtLabel),
            correct ? h('td', {}, correctButton(point.period, point.periodLabel, correct)) : null,
          ),
        ),
      ),
    ),
  );
}

export function historyDetails(measure: TabMeasure): HTMLElement | null {
  if (measure.entries.length === 0) return null;
  const caption = `Every entry for ${measure.id}, newest first`;
  return h(
    'details',
    { class: 'chart-table' },
    h('summary', {}, `Every entry, corrections included (${measure.entries.length})`),
    h(
      'div',
      { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': caption },
      h(
        'table',
        {},
        h('caption', {}, caption),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ['Period', 'Value', 'Counts', 'Reported by', 'When', 'Note'].map((heading) =>
              h('th', { scope: 'col' }, heading),
            ),
          ),
        ),
        h(
          'tbody',
          {},
          measure.entries.map((entry) =>
            h(
              'tr',
              {},
              h('th', { scope: 'row' }, entry.periodLabel),
              h('td', {}, entry.valueLabel),
              h('td', {}, entry.superseded ? 'No: corrected by a later entry' : 'Yes'),
              h('td', {}, entry.reportedBy),
              h('td', {}, entry.reportedAtLabel),
              h('td', {}, entry.note ?? ''),
            ),
          ),
        ),
      ),
    ),
  );
}
