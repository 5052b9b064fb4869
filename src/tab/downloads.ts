/**
 * Report and export downloads. The API wants the caller's Authorization (or X-Local-User) header, which
 * a plain link cannot send, so the file is fetched, turned into a Blob URL and saved through a
 * temporary <a download>.
 */
import { type Api, errorText } from './api.js';
import { h, replace } from './dom.js';

interface Item {
  label: string;
  path: (round: string) => string;
  fallback: (round: string) => string;
}

export function renderDownloads(
  container: HTMLElement,
  api: Api,
  planId: string,
  closedRounds: readonly { number: number; label: string }[],
  say: (message: string) => void,
): void {
  const base = `/api/tab/plans/${encodeURIComponent(planId)}`;
  const query = (round: string) => (round ? `?round=${encodeURIComponent(round)}` : '');
  const prefix = (round: string) => (round ? `${planId}-round-${round}` : planId);
  const report = (ext: string, label: string): Item => ({
    label: `Progress report (${label})`,
    path: (round) => `${base}/report.${ext}${query(round)}`,
    fallback: (round) => `${prefix(round)}-progress.${ext}`,
  });
  const items: Item[] = [report('html', 'HTML'), report('xlsx', 'Excel'), report('csv', 'CSV')];
  const exportItem: Item = {
    label: 'Action export (CSV)',
    path: () => `${base}/export.csv`,
    fallback: () => `${planId}-actions.csv`,
  };

  const round = h(
    'select',
    { id: 'report-round' },
    h('option', { value: '' }, 'The plan as it stands today'),
    closedRounds.map((r) => h('option', { value: String(r.number) }, `${r.label} (as it closed)`)),
  );
  const error = h('div', { class: 'download-error' });
  const button = (item: Item, roundControl?: HTMLSelectElement) => {
    const control = h('button', { type: 'button', class: 'secondary download' }, item.label);
    control.addEventListener('click', () => {
      const chosen = roundControl?.value ?? '';
      control.disabled = true;
      error.replaceChildren();
      say(`Preparing ${item.label}…`);
      api
        .download(item.path(chosen))
        .then(({ blob, filename }) => {
          const name = filename ?? item.fallback(chosen);
          save(blob, name);
          say(`Downloaded ${name}.`);
        })
        .catch((failure: unknown) => {
          say('');
          replace(
            error,
            h(
              'p',
              { class: 'error', role: 'alert' },
              `${item.label} could not be downloaded: ${errorText(failure)}`,
            ),
          );
        })
        .finally(() => {
          control.disabled = false;
        });
    });
    return control;
  };

  replace(
    container,
    h(
      'div',
      { class: 'download-group', role: 'group', 'aria-labelledby': 'report-downloads' },
      h('h3', { id: 'report-downloads' }, 'Progress report'),
      closedRounds.length > 0
        ? h('div', { class: 'field' }, h('label', { for: 'report-round' }, 'Report on'), round)
        : null,
      h(
        'div',
        { class: 'buttons' },
        items.map((item) => button(item, closedRounds.length > 0 ? round : undefined)),
      ),
    ),
    h(
      'div',
      { class: 'download-group', role: 'group', 'aria-labelledby': 'export-downloads' },
      h('h3', { id: 'export-downloads' }, 'Action export'),
      h(
        'p',
        { class: 'hint' },
        'Every action in the columns the import reads, so the file can be edited and imported again.',
      ),
      h('div', { class: 'buttons' }, button(exportItem)),
    ),
    error,
  );
}

function save(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = h('a', { href: url, download: filename, class: 'visually-hidden', tabindex: -1 }, filename);
  document.body.append(link);
  link.click();
  link.remove();
  // Revoking at once can cancel the save in some browsers; a minute is plenty.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
