/**
 * The card's forms and the update page's forms name their inputs from one list
 * (src/usecases/updates/update-form-inputs.ts), which the card-action use case reads.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Action } from '../../src/domain/action';
import type { Plan } from '../../src/domain/plan';
import { renderUpdatePage } from '../../src/http/update-page/render-page';
import { projectRoot } from '../../src/support/project-root';
import {
  CARD_INPUT_IDS,
  inputLabel,
  PAGE_FORM_FIELDS,
  PAGE_INPUT_IDS,
} from '../../src/usecases/updates/update-form-inputs';

function inputIds(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(inputIds);
  if (node === null || typeof node !== 'object') return [];
  const element = node as Record<string, unknown>;
  const own =
    typeof element.type === 'string' && element.type.startsWith('Input.') ? [String(element.id)] : [];
  return [...own, ...Object.values(element).flatMap(inputIds)];
}

describe('the update forms’ inputs', () => {
  test('when the action card template is read, then its Input ids are exactly the list', () => {
    const template = JSON.parse(readFileSync(join(projectRoot(), 'cards', 'action-card.json'), 'utf8'));
    expect(inputIds(template)).toEqual(CARD_INPUT_IDS);
  });

  test('when the update page is drawn, then its controls are named from the list, and nothing else is posted', () => {
    const action: Action = {
      planId: 'p',
      id: '1.1',
      areaId: 'A1',
      description: 'Run the panel',
      leadAgency: 'Police',
      owners: [{ name: 'Jo', email: 'jo@police.uk' }],
      contributingAgencies: [],
      baselineDueDate: '2025-03-31',
      currentDueDate: '2025-03-31',
      lifecycle: 'in_progress',
      successMeasure: 'Fewer episodes',
      evidenceLinks: [],
    };
    const plan = {
      id: 'p',
      title: 'Plan',
      coordinators: [],
      ratingScale: 'rag',
      timeZone: 'Europe/London',
    } as unknown as Plan;
    const html = renderUpdatePage({
      view: {
        plan,
        action,
        today: '2025-01-15',
        viewer: { aadObjectId: 'a', canUpdate: true, canDecide: false },
        refreshUserIds: [],
      },
      actingAs: 'Jo, Police',
      postPath: '/update/x',
      csrf: 'c',
      canUpdate: true,
      canSnooze: true,
    });
    const names = new Set(
      [...html.matchAll(/<(?:input|textarea|button)[^>]* name="([^"]+)"/g)].map((m) => m[1]),
    );
    names.delete('csrf');
    names.delete('version');
    names.delete('verb');
    expect([...names].sort()).toEqual([...PAGE_FORM_FIELDS].sort());
    for (const id of PAGE_INPUT_IDS) expect(CARD_INPUT_IDS).toContain(id);
    expect(html).toContain('<dt>Success measure</dt><dd>Fewer episodes</dd>');
  });

  test('when an input has a problem, then the error names it in words', () => {
    expect(inputLabel('revisedDate')).toBe('New date');
    expect(inputLabel('days')).toBe('Snooze');
    expect(inputLabel('impactNote')).toBe('Evidence of impact');
  });
});
