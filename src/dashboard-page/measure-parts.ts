/**
 * What the measures view's pieces share (issue 21): the status told by a symbol and words (never colour
 * alone), the ids a measure's parts take in the DOM, and a fact of a definition list.
 */
import type { TabMeasureStatus } from '../http/dashboard-api/api-types.js';
import { h } from './dom.js';

export const STATUS_SYMBOL: Record<TabMeasureStatus, string> = {
  'on-track': '✓',
  'off-track': '✗',
  'no-data': '?',
};

export const STATUS_TITLE: Record<TabMeasureStatus, string> = {
  'on-track': 'On track',
  'off-track': 'Off track',
  'no-data': 'No data',
};

export function fact(term: string, text: string): HTMLElement[] {
  return [h('dt', {}, term), h('dd', {}, text)];
}

/** An id safe in the DOM for a measure id (letters, digits, dot, dash and underscore). */
export function domId(measureId: string): string {
  return `measure-${measureId.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}
