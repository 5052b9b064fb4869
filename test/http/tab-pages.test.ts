import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { moduleClosure, renderTabPage } from '../../src/http/dashboard-api/tab-pages';

function project(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'tab-pages-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe('the dashboard pages, from one template', () => {
  const root = project({
    'src/dashboard-page/index.body.html':
      '<p>Board</p>\n<!-- outside main -->\n<dialog id="detail"></dialog>\n',
    'src/dashboard-page/report.body.html': '<p>Report</p>\n',
    'dist/tab/dashboard-page/app.js':
      "import { a } from './api.js';\nimport './theme.js';\nexport {} from './dom.js';",
    'dist/tab/dashboard-page/api.js': "import { h } from './dom.js';\nimport { x } from './app.js';",
    'dist/tab/dashboard-page/dom.js': 'export const h = 1;',
    'dist/tab/dashboard-page/theme.js': 'export {};',
  });

  test('a page preloads every module its script imports, directly or not, once each', () => {
    expect(moduleClosure(join(root, 'dist', 'tab', 'dashboard-page'), 'app')).toEqual([
      'api.js',
      'dom.js',
      'theme.js',
    ]);
    const html = renderTabPage(root, 'index') ?? '';
    expect(html).toContain('<script type="module" src="/tab/app.js"></script>');
    for (const file of ['api.js', 'dom.js', 'theme.js']) {
      expect(html).toContain(`<link rel="modulepreload" href="/tab/${file}">`);
    }
    expect(html).not.toContain('href="/tab/app.js"');
  });

  test('the head, header and the page’s own content, with no inline script or style', () => {
    const html = renderTabPage(root, 'index') ?? '';
    expect(html.startsWith('<!doctype html>\n<html lang="en-GB" data-theme="default">')).toBe(true);
    expect(html).toContain('<title>Action Tracker</title>');
    expect(html).toContain('<span id="user-name" class="user-name"></span>');
    expect(html).toContain('<div id="plan-picker"');
    expect(html).toContain('<nav id="section-nav"');
    expect(html).toContain(
      '<main id="main" tabindex="-1">\n<h1 id="page-title">Action Tracker</h1>\n<p id="plan-subtitle" class="subtitle"></p>',
    );
    expect(html).toContain(
      '<div id="alert" class="alert" role="alert"></div>\n<p id="status" class="status" role="status"></p>\n<p>Board</p>\n</main>\n<dialog id="detail"></dialog>\n</body>\n</html>',
    );
    expect(html).not.toMatch(/<script>|<style|style="/);
    expect(html).not.toContain('no-referrer');
  });

  test('the report-link page sends no referrer and has no plan picker', () => {
    const html = renderTabPage(root, 'report') ?? '';
    expect(html).toContain('<meta name="referrer" content="no-referrer">');
    expect(html).toContain('<title>Progress report – Action Tracker</title>');
    expect(html).toContain(
      '<h1>Progress report</h1>\n<p id="report-intro" class="subtitle">The report from your link',
    );
    expect(html).not.toContain('plan-picker');
    expect(html).not.toContain('local-banner');
  });

  test('a page whose content file is missing is not served', () => {
    expect(renderTabPage(root, 'admin')).toBeUndefined();
  });
});
