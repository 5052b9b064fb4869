/**
 * Report and export downloads. The API wants the caller's Authorization (or X-Local-User) header, which
 * a plain link cannot send, so the file is fetched, turned into a Blob URL and saved through a
 * temporary <a download>.
 */
import { type Api, errorText } from './api.js';
import { append, field, h, replace } from './dom.js';

interface Item {
  label: string;
  path: (round: string) => string;
  fallback: (round: string) => string;
}

/**
 * Draws the downloads for `planId` and returns how to offer its closed rounds once they are known (the
 * trends bring them): a "Report on" choice is added in place, so a download already under way, and
 * focus, stay where they are.
 */
export function renderDownloads(
  container: HTMLElement,
  api: Api,
  planId: string,
  say: (message: string) => void,
): (closedRounds: readonly { number: number; label: string }[]) => void {
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

  // Until rounds are offered its one choice is today's plan (""), so the report buttons can read it always.
  const round = h(
    'select',
    { id: 'report-round' },
    h('option', { value: '' }, 'The plan as it stands today'),
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

  const reportHeading = h('h3', { id: 'report-downloads' }, 'Progress report');
  replace(
    container,
    h(
      'div',
      { class: 'download-group', role: 'group', 'aria-labelledby': 'report-downloads' },
      reportHeading,
      h(
        'div',
        { class: 'buttons' },
        items.map((item) => button(item, round)),
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

  return (closedRounds) => {
    // Nothing to offer, or offered already (the choice is on the page).
    if (closedRounds.length === 0 || round.isConnected) return;
    append(
      round,
      closedRounds.map((r) => h('option', { value: String(r.number) }, `${r.label} (as it closed)`)),
    );
    reportHeading.after(field('report-round', 'Report on', round));
  };
}

/** Saves a fetched file through a temporary <a download>. */
export function save(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = h('a', { href: url, download: filename, class: 'visually-hidden', tabindex: -1 }, filename);
  document.body.append(link);
  link.click();
  link.remove();
  // Revoking at once can cancel the save in some browsers; a minute is plenty.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
