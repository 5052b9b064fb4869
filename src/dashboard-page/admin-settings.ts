/** The plan settings form: what the plan is, and how it is run. */
import type { TabAdminPlan } from '../http/dashboard-api/admin-types.js';
import type { AdminClient } from './admin-client.js';
import { form, input, labelled, onSubmit, type SubmitHooks, select } from './admin-forms.js';
import { h } from './dom.js';

export function settingsSection(view: TabAdminPlan, client: AdminClient, hooks: SubmitHooks): HTMLElement {
  const s = view.settings;
  const o = view.options;
  const id = (field: string) => `settings-${field}`;
  const text = (
    field: keyof typeof s,
    label: string,
    hint?: string,
    attrs: Record<string, string | boolean> = {},
  ) => labelled(input(id(field), field, s[field], attrs), label, hint);
  const date = (field: keyof typeof s, label: string, hint?: string) =>
    labelled(input(id(field), field, s[field], { type: 'date' }), label, hint);
  const choice = (
    field: keyof typeof s,
    label: string,
    options: { value: string; label: string }[],
    hint?: string,
  ) => labelled(select(id(field), field, options, s[field]), label, hint);

  const parts = form('settings-form', 'settings-heading', 'Save settings', [
    h(
      'fieldset',
      {},
      h('legend', {}, 'The plan'),
      text('title', 'Title', undefined, { required: true, autocomplete: 'off' }),
      text('principalAuthority', 'Principal authority', 'The council that leads the partnership'),
      text('inspectionTheme', 'Inspection theme', 'For example: serious youth violence'),
      date('inspectionStart', 'Inspection start'),
      date('inspectionEnd', 'Inspection end'),
      date('submissionDate', 'Submission deadline', 'When the written statement of action is due'),
    ),
    h(
      'fieldset',
      {},
      h('legend', {}, 'How it is run'),
      choice('region', 'Bank holidays of', o.regions, 'Reminders, rounds and digests skip these holidays'),
      choice(
        'timeZone',
        'Time zone',
        o.timeZones.map((zone) => ({ value: zone, label: zone })),
      ),
      choice('ratingScale', 'Rating scale', o.ratingScales),
      text(
        'reminderDaysBefore',
        'Reminder days before a due date',
        'Numbers of days, separated by commas, such as 14, 7, 1',
        {
          inputmode: 'numeric',
        },
      ),
      labelled(
        input(id('windowStart'), 'windowStart', s.windowStart, { type: 'time' }),
        'Send reminders from',
      ),
      labelled(input(id('windowEnd'), 'windowEnd', s.windowEnd, { type: 'time' }), 'Until'),
      choice('cadence', 'Monitoring cadence', o.cadences),
      text(
        'oversightBody',
        'Oversight body',
        'Who the plan reports to, such as the safeguarding partnership board',
      ),
      choice('digestDay', 'Weekly digest on', o.digestDays, 'Or the next working day after a bank holiday'),
    ),
  ]);
  onSubmit(parts, hooks, (values) => {
    const { title, ...rest } = values;
    return client.save(view.plan.id, '/settings', { revision: view.revision, settings: { title, ...rest } });
  });
  return h('div', {}, view.lastSaved ? h('p', { class: 'hint' }, `${view.lastSaved}.`) : null, parts.form);
}
