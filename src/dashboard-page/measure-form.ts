/**
 * Defining a measure on the dashboard (issue 21), for the plan's coordinators: every field the issue
 * names — name, definition and source, unit, which direction is better (higher, lower or within a range),
 * a dated baseline, a target and its date, how often it is reported, who reports it, its kind in the
 * outcomes-based-accountability sense, its area and linked actions. Adding and changing are one form:
 * the server reads it with the domain's readMeasure, so a refusal names each field, shown beside it.
 */
import type {
  TabMeasureDefineResult,
  TabMeasureDefinition,
  TabMeasureSummary,
} from '../http/dashboard-api/api-types.js';
import { h } from './dom.js';
import type { FindField } from './error-summary.js';
import { onMeasureSubmit } from './measure-parts.js';

type Option = readonly [value: string, label: string];

const UNITS: readonly Option[] = [
  ['number', 'A number'],
  ['percentage', 'A percentage'],
  ['days', 'Days'],
  ['count', 'A count (whole numbers)'],
];
const BETTER: readonly Option[] = [
  ['higher', 'Higher is better'],
  ['lower', 'Lower is better'],
  ['within', 'Within a range is best'],
];
const FREQUENCIES: readonly Option[] = [
  ['monthly', 'Monthly'],
  ['quarterly', 'Quarterly (financial year: Apr–Jun, Jul–Sep, Oct–Dec, Jan–Mar)'],
  ['termly', 'Termly (autumn, spring, summer)'],
];
const KINDS: readonly Option[] = [
  ['how-much', 'How much did we do?'],
  ['how-well', 'How well did we do it?'],
  ['better-off', 'Is anyone better off?'],
];

export interface DefinitionFormParts {
  /** The plan's areas, in order: the measure belongs to one. */
  areas: readonly { id: string; text: string }[];
  /** The measure being changed; absent when adding one. */
  measure?: TabMeasureSummary;
  /** When adding: the reference offered (the next free M-number). */
  suggestedId?: string;
  send: (body: TabMeasureDefinition) => Promise<TabMeasureDefineResult>;
  saved: (measure: TabMeasureSummary, message: string) => void;
}

export function definitionForm(parts: DefinitionFormParts): HTMLFormElement {
  const { measure } = parts;
  const prefix = measure ? `define-${measure.id.replace(/[^A-Za-z0-9_-]/g, '_')}` : 'define-new';
  const controls = new Map<
    keyof TabMeasureDefinition,
    [HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement, string]
  >();
  const fieldId = (name: string) => `${prefix}-${name}`;

  const labelled = (
    name: keyof TabMeasureDefinition,
    label: string,
    control: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement,
    hint?: string,
  ): HTMLElement => {
    control.id = fieldId(name);
    control.name = name;
    controls.set(name, [control, label]);
    const hintId = `${control.id}-hint`;
    if (hint) control.setAttribute('aria-describedby', hintId);
    return h(
      'div',
      { class: 'field' },
      h('label', { for: control.id }, label),
      hint ? h('p', { id: hintId, class: 'hint' }, hint) : null,
      control,
    );
  };
  const text = (value: string, attrs: Record<string, string | number | boolean> = {}) => {
    const input = h('input', { type: 'text', ...attrs });
    input.value = value;
    return input;
  };
  const select = (options: readonly Option[], value: string) => {
    const control = h(
      'select',
      {},
      options.map(([v, label]) => h('option', { value: v }, label)),
    );
    control.value = value;
    return control;
  };
  const number = (value: number | undefined) =>
    text(value === undefined ? '' : String(value), { inputmode: 'decimal', autocomplete: 'off' });
  const date = (value: string | undefined) => {
    const input = h('input', { type: 'date' });
    input.value = value ?? '';
    return input;
  };

  const better = select(BETTER, measure?.better ?? 'higher');
  const range = h(
    'fieldset',
    { class: 'measure-range' },
    h('legend', {}, 'The range that is best'),
    labelled('low', 'From', number(measure?.range?.low)),
    labelled('high', 'To', number(measure?.range?.high)),
  );
  const showRange = () => {
    range.hidden = better.value !== 'within';
  };
  better.addEventListener('change', showRange);
  showRange();

  const area = select(
    parts.areas.map((a) => [a.id, `${a.id}: ${a.text}`] as const),
    measure?.areaId ?? parts.areas[0]?.id ?? '',
  );
  const definition = h('textarea', { rows: 3, maxlength: 2000 });
  definition.value = measure?.definition ?? '';
  const submit = h(
    'button',
    { type: 'submit', class: 'primary' },
    measure ? 'Save the changes' : 'Add the measure',
  );
  const status = h('p', { class: 'status', role: 'status' });
  const summary = h('div', { class: 'error-summary', tabindex: -1, hidden: true });
  const headingId = `${prefix}-heading`;
  const form = h(
    'form',
    { class: 'measure-form measure-definition-form', novalidate: true, 'aria-labelledby': headingId },
    h('h4', { id: headingId }, measure ? `Change the definition of ${measure.id}` : 'Add a measure'),
    summary,
    measure
      ? null
      : labelled(
          'id',
          'Reference',
          text(parts.suggestedId ?? '', { autocomplete: 'off' }),
          'Such as M4: letters, digits and dots.',
        ),
    labelled(
      'name',
      'Name',
      text(measure?.name ?? '', { maxlength: 2000 }),
      'What is counted, such as “Return home interviews within 72 hours”.',
    ),
    labelled(
      'definition',
      'Definition (optional)',
      definition,
      'How it is counted: the numerator, the denominator, what is left out.',
    ),
    labelled(
      'source',
      'Source (optional)',
      text(measure?.source ?? '', { maxlength: 200 }),
      'Where the figure comes from, such as “Police PPN log”.',
    ),
    labelled('areaId', 'Area', area),
    labelled(
      'actionIds',
      'Linked actions (optional)',
      text(measure?.actionIds.join(', ') ?? '', { autocomplete: 'off' }),
      'The ids of the actions whose impact it shows, separated by commas, such as 1.1, 1.2.',
    ),
    labelled('kind', 'Question it answers', select(KINDS, measure?.kind ?? 'better-off')),
    labelled('unit', 'Unit', select(UNITS, measure?.unit ?? 'percentage')),
    labelled('better', 'Better when', better),
    range,
    labelled('baseline', 'Baseline', number(measure?.baseline.value)),
    labelled('baselineDate', 'Baseline date', date(measure?.baseline.date)),
    labelled('target', 'Target', number(measure?.target.value)),
    labelled('targetDate', 'Target date', date(measure?.target.date)),
    labelled('frequency', 'Reported', select(FREQUENCIES, measure?.frequency ?? 'monthly')),
    labelled(
      'reporter',
      'Reporter’s e-mail',
      (() => {
        const input = h('input', { type: 'email', autocomplete: 'off' });
        input.value = measure?.reporter ?? '';
        return input;
      })(),
      'Who is asked for each period’s value, on their channel, in the rounds.',
    ),
    h('div', { class: 'form-actions wrap' }, submit, status),
  );
  const find: FindField = (field) => {
    const [control, label] = controls.get(field as keyof TabMeasureDefinition) ?? [null, field];
    return { control, label };
  };
  const value = (name: keyof TabMeasureDefinition) => controls.get(name)?.[0].value ?? '';
  onMeasureSubmit(
    { form, summary, submit, status, find },
    () => {
      const within = value('better') === 'within';
      const body: TabMeasureDefinition = {
        ...(measure ? {} : { id: value('id') }),
        areaId: value('areaId'),
        actionIds: value('actionIds'),
        name: value('name'),
        definition: value('definition'),
        source: value('source'),
        unit: value('unit'),
        better: value('better'),
        ...(within ? { low: value('low'), high: value('high') } : {}),
        baseline: value('baseline'),
        baselineDate: value('baselineDate'),
        target: value('target'),
        targetDate: value('targetDate'),
        frequency: value('frequency'),
        reporter: value('reporter'),
        kind: value('kind'),
      };
      return parts.send(body);
    },
    (result) => parts.saved(result.measure, result.message),
  );
  return form;
}

/** The next free M-number, offered as a new measure's reference. */
export function nextMeasureId(measures: readonly { id: string }[]): string {
  const taken = measures.map((m) => /^M(\d+)$/i.exec(m.id)).map((match) => (match ? Number(match[1]) : 0));
  return `M${Math.max(0, ...taken) + 1}`;
}
