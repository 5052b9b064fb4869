/**
 * Import a plan spreadsheet from the dashboard: choose the plan (or name a new one) and the file, see
 * what was understood — the sheets, the proposed column mapping (changeable), how each timescale and
 * rating was read, the rows with problems and what a re-import changes — then import the good rows or
 * cancel. Nothing is written before "Import"; every change of a choice previews again. After an import
 * the answer links to the plan (and its management page), and the plan pickers are drawn again from the
 * server's list, so a plan just created can be chosen at once.
 */
import type { TabMe } from '../http/dashboard-api/api-types.js';
import type { TabImportAnswer, TabImportRequest } from '../http/dashboard-api/import-types.js';
import { type Api, errorText } from './api.js';
import { field, h, plural, replace, uniqueId } from './dom.js';
import { pageLink } from './page-shell.js';

/** The server refuses more; said here first so no one waits for a large upload to be refused. */
const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;
const NEW_PLAN = '';

interface Draft {
  planId: string;
  title: string;
  fileName: string;
  file: string;
  leaveOut: Set<string>;
  mapping: Record<string, string>;
  /** "actionId|field" of each value edited in Action Tracker whose file value the person chose. */
  takeFile: Set<string>;
}

/** Shows the import panel to coordinators (who administer a plan); answers whether it was shown. */
export function mountImport(
  section: HTMLElement,
  body: HTMLElement,
  api: Api,
  me: TabMe,
  say: (message: string) => void,
  plansChanged?: (me: TabMe) => void | Promise<void>,
): boolean {
  const coordinated = me.plans.filter((p) => p.roles.includes('coordinator'));
  section.hidden = coordinated.length === 0;
  if (coordinated.length === 0) return false;

  const planSelect = h('select', { id: 'import-plan' });
  const fillPlans = (plans: TabMe['plans'], chosen: string) => {
    replace(
      planSelect,
      ...plans
        .filter((p) => p.roles.includes('coordinator'))
        .map((p) => h('option', { value: p.id }, `${p.title} (re-import)`)),
      h('option', { value: NEW_PLAN }, 'A new plan…'),
    );
    planSelect.value = chosen;
  };
  fillPlans(me.plans, coordinated[0]?.id ?? NEW_PLAN);
  const newId = h('input', { id: 'import-new-id', type: 'text', autocomplete: 'off', spellcheck: 'false' });
  const newTitle = h('input', { id: 'import-new-title', type: 'text', autocomplete: 'off' });
  const newPlan = h(
    'div',
    { class: 'import-new-plan' },
    field(
      'import-new-id',
      'New plan id',
      newId,
      h('p', { class: 'hint' }, 'Lower-case letters, digits and hyphens, like leeds-2024'),
    ),
    field('import-new-title', 'New plan title', newTitle),
  );
  newPlan.hidden = true;
  const fileInput = h('input', {
    id: 'import-file',
    type: 'file',
    accept: '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  });
  const previewButton = h('button', { type: 'submit', class: 'primary' }, 'Preview');
  const form = h(
    'form',
    { class: 'import-form', novalidate: true },
    field('import-plan', 'Plan', planSelect),
    newPlan,
    field(
      'import-file',
      'Spreadsheet (.csv or .xlsx, up to 5 MB)',
      fileInput,
      h('p', { class: 'hint' }, 'Nothing is saved until you choose Import after the preview.'),
    ),
    previewButton,
  );
  const result = h('div', { class: 'import-result', 'aria-live': 'polite' });
  replace(body, form, result);

  planSelect.addEventListener('change', () => {
    newPlan.hidden = planSelect.value !== NEW_PLAN;
  });

  // After an import the plan (new, perhaps) is in the pickers, and chosen in this one. The import has
  // been written whatever happens here, so a failure only says the list may be out of date.
  const refreshPlans = async (planId: string): Promise<void> => {
    try {
      const fresh = await api.me();
      fillPlans(fresh.plans, planId);
      newPlan.hidden = planSelect.value !== NEW_PLAN;
      await plansChanged?.(fresh);
    } catch (error) {
      say(`Imported, but the list of plans could not be refreshed: ${errorText(error)} Reload the page.`);
    }
  };

  let draft: Draft | undefined;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void (async () => {
      const chosen = fileInput.files?.[0];
      const planId = planSelect.value === NEW_PLAN ? newId.value.trim() : planSelect.value;
      const problems: string[] = [];
      if (planSelect.value === NEW_PLAN && planId === '') problems.push('Give the new plan an id.');
      if (planSelect.value === NEW_PLAN && newTitle.value.trim() === '')
        problems.push('Give the new plan a title.');
      if (!chosen) problems.push('Choose a .csv or .xlsx file.');
      else if (chosen.size > MAX_UPLOAD_BYTES) problems.push('That file is larger than 5 MB.');
      if (problems.length > 0 || !chosen) {
        replace(result, refusal('Nothing was previewed.', problems));
        return;
      }
      draft = {
        planId,
        title: newTitle.value.trim(),
        fileName: chosen.name,
        file: await base64Of(chosen),
        leaveOut: new Set(),
        mapping: {},
        takeFile: new Set(),
      };
      await preview(draft);
    })();
  });

  const send = (d: Draft, confirm: boolean): Promise<TabImportAnswer> => {
    const request: TabImportRequest = {
      planId: d.planId,
      ...(d.title ? { title: d.title } : {}),
      fileName: d.fileName,
      file: d.file,
      choices: { leaveOut: [...d.leaveOut], mapping: d.mapping },
      confirm,
      takeFile: [...d.takeFile].map((key) => {
        const at = key.indexOf('|');
        return { actionId: key.slice(0, at), field: key.slice(at + 1) };
      }),
    };
    return api.importSpreadsheet(request);
  };

  const preview = async (d: Draft): Promise<void> => {
    say('Reading the spreadsheet…');
    result.setAttribute('aria-busy', 'true');
    try {
      const answer = await send(d, false);
      replace(result, ...previewOf(answer, d));
      say(
        `Read ${plural(answer.changes.created.length + answer.changes.updated.length + answer.changes.unchanged, 'good row')}` +
          `${answer.problems.length > 0 ? ` and ${plural(answer.problems.length, 'row')} with problems` : ''}. Check the preview, then import or cancel.`,
      );
    } catch (error) {
      say('');
      replace(result, refusal(errorText(error), issuesOf(error)));
    } finally {
      result.removeAttribute('aria-busy');
    }
  };

  const previewOf = (answer: TabImportAnswer, d: Draft): (Node | null)[] => {
    // The Measures sheet's good rows are imported with the actions' (issue 21).
    const m = answer.measures;
    const good =
      answer.changes.created.length +
      answer.changes.updated.length +
      answer.changes.unchanged +
      (m ? m.created.length + m.updated.length + m.unchanged : 0);
    const label = new Map(answer.columns.map((c) => [c.id, c.label]));
    const missing = answer.sheets.flatMap((sheet) =>
      (sheet.missingColumns ?? []).map((c) => `${sheet.name}: no header is read as ${label.get(c) ?? c}`),
    );
    const importButton = h(
      'button',
      { type: 'button', class: 'primary', disabled: good === 0 || missing.length > 0 },
      answer.problems.length > 0 ? `Import the ${plural(good, 'good row')}` : `Import ${plural(good, 'row')}`,
    );
    const cancelButton = h('button', { type: 'button', class: 'secondary' }, 'Cancel');
    importButton.addEventListener('click', () => {
      void (async () => {
        importButton.disabled = true;
        say('Importing…');
        try {
          const done = await send(d, true);
          draft = undefined;
          replace(
            result,
            h(
              'div',
              { class: 'import-done' },
              h('h3', { tabindex: '-1' }, 'Imported'),
              summaryOf(done),
              linksTo(done.planId),
            ),
          );
          (result.querySelector('h3') as HTMLElement | null)?.focus();
          say(`Imported into plan ${done.planId}.`);
          void refreshPlans(done.planId);
        } catch (error) {
          importButton.disabled = false;
          say('');
          replace(result, refusal(errorText(error), issuesOf(error)));
        }
      })();
    });
    cancelButton.addEventListener('click', () => {
      draft = undefined;
      replace(result, h('p', {}, 'Cancelled: nothing was imported.'));
      say('Cancelled: nothing was imported.');
      fileInput.focus();
    });
    return [
      h('h3', {}, `Preview of ${d.fileName}`),
      sheetsOf(answer, d),
      missing.length > 0
        ? refusal('Choose which header holds each of these, or leave the sheet out:', missing)
        : null,
      ...answer.sheets.filter((s) => s.included).map((s) => mappingOf(s, answer, d)),
      readingsOf(answer),
      problemsOf(answer),
      h('h4', {}, 'What the import changes'),
      summaryOf(answer),
      editedOf(answer, d),
      h('div', { class: 'import-buttons' }, importButton, cancelButton),
    ];
  };

  const sheetsOf = (answer: TabImportAnswer, d: Draft): HTMLElement => {
    const items = answer.sheets.map((sheet) => {
      const id = uniqueId('import-sheet');
      const readable = sheet.headerRow !== undefined;
      const box = h('input', {
        type: 'checkbox',
        id,
        checked: readable && !d.leaveOut.has(sheet.name),
        disabled: !readable,
      });
      box.addEventListener('change', () => {
        if (box.checked) d.leaveOut.delete(sheet.name);
        else d.leaveOut.add(sheet.name);
        void preview(d);
      });
      const about = readable
        ? `header on row ${sheet.headerRow}, ${plural(sheet.rows, 'row')}`
        : (sheet.skippedBecause ?? 'not read');
      return h('li', {}, box, h('label', { for: id }, `${sheet.name}: ${about}`));
    });
    return h('fieldset', { class: 'import-sheets' }, h('legend', {}, 'Sheets to import'), h('ul', {}, items));
  };

  const mappingOf = (
    sheet: TabImportAnswer['sheets'][number],
    answer: TabImportAnswer,
    d: Draft,
  ): HTMLElement => {
    const rows = sheet.headers.map((header) => {
      const id = uniqueId('import-map');
      const select = h(
        'select',
        { id, 'aria-label': `Column for the header “${header.header}” on ${sheet.name}` },
        h('option', { value: 'ignore' }, 'Not imported'),
        ...answer.columns.map((c) => h('option', { value: c.id }, c.label)),
      );
      select.value = header.column ?? 'ignore';
      select.addEventListener('change', () => {
        d.mapping[header.header] = select.value;
        void preview(d);
      });
      return h(
        'tr',
        {},
        h('th', { scope: 'row' }, h('label', { for: id }, header.header)),
        h('td', {}, select),
      );
    });
    return h(
      'table',
      { class: 'import-table' },
      h('caption', {}, `Columns of ${sheet.name}: change any that were read wrongly`),
      h(
        'thead',
        {},
        h('tr', {}, h('th', { scope: 'col' }, 'Header in the file'), h('th', { scope: 'col' }, 'Read as')),
      ),
      h('tbody', {}, rows),
    );
  };

  /**
   * Each value the file would change that was edited in Action Tracker since the last import: who edited
   * it and when, both values, and a choice that keeps Action Tracker's value unless the file's is chosen.
   */
  const editedOf = (answer: TabImportAnswer, d: Draft): HTMLElement | null => {
    const edited = answer.changes.edited;
    if (edited.length === 0) return null;
    return h(
      'div',
      { class: 'import-edited' },
      h('h4', {}, `Edited in Action Tracker since the last import (${edited.length})`),
      h(
        'p',
        {},
        'The file has different values for these. Action Tracker’s value is kept unless you choose the file’s.',
      ),
      edited.map((e) => {
        const key = `${e.actionId}|${e.field}`;
        const name = uniqueId('import-edited');
        const option = (takeFile: boolean, text: string, value: string) => {
          const id = uniqueId('import-edited-choice');
          const radio = h('input', {
            type: 'radio',
            id,
            name,
            value: takeFile ? 'file' : 'app',
            checked: d.takeFile.has(key) === takeFile,
          });
          radio.addEventListener('change', () => {
            if (!radio.checked) return;
            if (takeFile) d.takeFile.add(key);
            else d.takeFile.delete(key);
          });
          return h(
            'div',
            { class: 'import-edited-choice' },
            radio,
            h('label', { for: id }, `${text}: ${value}`),
          );
        };
        return h(
          'fieldset',
          { class: 'import-edited-field' },
          h('legend', {}, `Action ${e.actionId}, ${e.label} (${e.edited})`),
          option(false, 'Keep Action Tracker’s value', e.appValue),
          option(true, 'Take the file’s value', e.fileValue),
        );
      }),
    );
  };

  return true;
}

function readingsOf(answer: TabImportAnswer): HTMLElement {
  if (answer.readings.length === 0)
    return h('p', {}, 'Every timescale and rating is written exactly; nothing to confirm.');
  const label = new Map(answer.columns.map((c) => [c.id, c.label]));
  // Focusable: at phone width it scrolls sideways, and a keyboard must be able to scroll it.
  return h(
    'table',
    { class: 'import-table', tabindex: '0' },
    h('caption', {}, `How ${plural(answer.readings.length, 'cell was', 'cells were')} read: please check`),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, 'Action'),
        h('th', { scope: 'col' }, 'Column'),
        h('th', { scope: 'col' }, 'Written'),
        h('th', { scope: 'col' }, 'Read as'),
      ),
    ),
    h(
      'tbody',
      {},
      answer.readings.map((r) =>
        h(
          'tr',
          {},
          h('th', { scope: 'row' }, r.actionId),
          h('td', {}, label.get(r.column) ?? r.column),
          h('td', {}, r.text),
          h('td', {}, r.reading),
        ),
      ),
    ),
  );
}

function problemsOf(answer: TabImportAnswer): HTMLElement {
  if (answer.problems.length === 0) return h('p', {}, 'No rows have problems.');
  return h(
    'div',
    { class: 'import-problems' },
    h('h4', {}, `${plural(answer.problems.length, 'row')} with problems, not imported`),
    h(
      'p',
      {},
      'Import the good rows now and fix these in the spreadsheet later (importing it again adds them), or cancel.',
    ),
    h(
      'ul',
      {},
      answer.problems.map((p) =>
        h(
          'li',
          {},
          `${p.sheet}, row ${p.row}${p.actionId ? ` (action ${p.actionId})` : ''}: `,
          p.issues.map((i) => `${i.field} ${i.reason}`).join('; '),
        ),
      ),
    ),
  );
}

function summaryOf(answer: TabImportAnswer): HTMLElement {
  const c = answer.changes;
  const verb = answer.written ? '' : 'would be ';
  return h(
    'ul',
    { class: 'import-summary' },
    h(
      'li',
      {},
      answer.planCreated ? `A new plan, ${answer.planId}, ${verb}created.` : `Plan ${answer.planId}.`,
    ),
    h(
      'li',
      {},
      `Added: ${c.created.length === 0 ? 'none' : `${plural(c.created.length, 'action')} (${c.created.join(', ')})`}`,
    ),
    c.updated.length === 0
      ? h('li', {}, 'Changed: none')
      : h(
          'li',
          {},
          `Changed: ${plural(c.updated.length, 'action')}`,
          h(
            'ul',
            {},
            c.updated.flatMap((u) => u.fields.map((f) => h('li', {}, `${u.id} ${f}`))),
          ),
        ),
    answer.measures ? measuresLine(answer.measures, verb) : null,
    answer.written && c.edited.length > 0
      ? h(
          'li',
          {},
          'Edited in Action Tracker since the last import:',
          h(
            'ul',
            {},
            c.edited.map((e) =>
              h(
                'li',
                {},
                e.took === 'app'
                  ? `${e.actionId} ${e.label}: kept Action Tracker’s value (${e.appValue})`
                  : `${e.actionId} ${e.label}: took the file’s value (${e.fileValue})`,
              ),
            ),
          ),
        )
      : null,
    h('li', {}, `Unchanged: ${plural(c.unchanged, 'action')}`),
    h('li', {}, `Not in the file (kept): ${c.notInFile.length === 0 ? 'none' : c.notInFile.join(', ')}`),
  );
}

/** Where to go next: the plan's board, and its management page (areas, people, settings). */
function linksTo(planId: string): HTMLElement {
  return h(
    'p',
    { class: 'import-next' },
    h('a', { href: pageLink('/tab', planId) }, `Open plan ${planId} on the dashboard`),
    ' · ',
    h('a', { href: pageLink('/tab/admin', planId) }, `Manage plan ${planId} (people, settings)`),
  );
}

function refusal(message: string, issues: string[]): HTMLElement {
  return h(
    'div',
    { class: 'import-refusal', role: 'alert' },
    h('p', {}, message),
    issues.length > 0
      ? h(
          'ul',
          {},
          issues.map((i) => h('li', {}, i)),
        )
      : null,
  );
}

function issuesOf(error: unknown): string[] {
  const body = (error as { body?: { issues?: { field: string; reason: string }[] } }).body;
  return (body?.issues ?? []).map((i) => `${i.field}: ${i.reason}`);
}

async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  // In slices: String.fromCharCode over millions of arguments overflows the stack.
  for (let at = 0; at < bytes.length; at += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(at, at + 0x8000));
  }
  return btoa(binary);
}

/** The Measures sheet's part of the import, in one line (issue 21). */
function measuresLine(m: NonNullable<TabImportAnswer['measures']>, verb: string): HTMLElement {
  const parts = [
    `${plural(m.created.length, 'measure')} ${verb}added${m.created.length > 0 ? ` (${m.created.join(', ')})` : ''}`,
    `${plural(m.updated.length, 'measure')} ${verb}changed${m.updated.length > 0 ? ` (${m.updated.map((u) => `${u.id}: ${u.fields.join('; ')}`).join(', ')})` : ''}`,
    `${m.unchanged} unchanged`,
    `latest values ${verb}recorded: ${m.values.length === 0 ? 'none' : m.values.join(', ')}`,
  ];
  return h(
    'li',
    { class: 'import-measures' },
    `Measures (sheet ${m.sheets.join(', ')}): ${parts.join('; ')}.`,
  );
}
