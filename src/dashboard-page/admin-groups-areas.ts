/**
 * An area's wording changed, in the Actions and areas section: choose the area, its words come into the
 * box, and saving keeps its actions with it (the same use case as the API's area route, editAreaAs).
 */
import type { TabAdminPlan } from '../http/dashboard-api/admin-types.js';
import type { AdminClient } from './admin-client.js';
import { form, labelled, onSubmit, type SubmitHooks, select, textarea } from './admin-forms.js';
import { seg } from './api.js';
import { clip, h } from './dom.js';

export function areaWordingPart(
  view: TabAdminPlan,
  client: AdminClient,
  hooks: SubmitHooks,
): HTMLElement | null {
  const first = view.areas[0];
  if (!first) return null;
  const picker = select(
    'area-wording-choice',
    'areaChoice',
    view.areas.map((a) => ({ value: a.id, label: `${a.id}. ${clip(a.text, 60)}` })),
    first.id,
  );
  // The area is the form's address, not one of its values.
  picker.removeAttribute('data-field');
  const wording = textarea('area-wording-text', 'text', first.text, 3);
  picker.addEventListener('change', () => {
    wording.value = view.areas.find((a) => a.id === picker.value)?.text ?? '';
  });
  const parts = form('area-wording-form', 'area-wording-heading', 'Save the wording', [
    labelled(picker, 'Area'),
    labelled(wording, 'What needs to improve', 'Its actions stay with it'),
  ]);
  onSubmit(parts, hooks, (values) =>
    client.save(view.plan.id, `/areas/${seg(picker.value)}`, { text: values.text }),
  );
  return h('div', {}, h('h3', { id: 'area-wording-heading' }, 'Change an area’s wording'), parts.form);
}
