/**
 * The dashboard's four HTML pages, put together once at start-up from one template: the head (metadata,
 * styles, the Teams library, the page's module and a preload for every module it imports) and the header
 * are written here once; each page's own content is src/dashboard-page/<name>.body.html. The pages carry
 * no inline script or style, so the tab's Content-Security-Policy holds.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { escapeHtml } from '../../support/escape-html';
import { documentStart } from '../page-head';

export type TabPageName = 'index' | 'admin' | 'configure' | 'report';

interface TabPage {
  title: string;
  /** The page's <h1>; on the plan pages the script puts the plan's title in its place. */
  heading: string;
  /** The words under the heading; on the plan pages the script fills them in (#plan-subtitle). */
  intro?: { id?: string; text: string };
  /** The compiled module the page runs (dist/tab/dashboard-page/<entry>.js). */
  entry: string;
  /** The plan picker and the section links: the pages that show one plan at a time. */
  planPicker: boolean;
  /** The banner that says the page runs on a developer's machine (src/dashboard-page/local-banner.ts). */
  localBanner: boolean;
  /** The report-link page carries the link in its address: no referrer, ever. */
  noReferrer: boolean;
}

const PAGES: Record<TabPageName, TabPage> = {
  index: {
    title: 'Action Tracker',
    heading: 'Action Tracker',
    entry: 'app',
    planPicker: true,
    localBanner: true,
    noReferrer: false,
  },
  admin: {
    title: 'Manage a plan – Action Tracker',
    heading: 'Manage a plan',
    entry: 'admin',
    planPicker: true,
    localBanner: true,
    noReferrer: false,
  },
  configure: {
    title: 'Choose an action plan – Action Tracker',
    heading: 'Choose the action plan for this tab',
    intro: {
      text: 'The tab shows the plan’s quadrants, trends and downloads to everyone in the channel who has a role in it; owners see their own actions.',
    },
    entry: 'configure',
    planPicker: false,
    localBanner: true,
    noReferrer: false,
  },
  report: {
    title: 'Progress report – Action Tracker',
    heading: 'Progress report',
    intro: {
      id: 'report-intro',
      text: 'The report from your link in Action Tracker’s chat. It is given only to the person the link was made for, signed in to Teams.',
    },
    entry: 'report-page',
    planPicker: false,
    localBanner: false,
    noReferrer: true,
  },
};

const LOCAL_IMPORT = /(?:\bfrom\s*|\bimport\s*)['"]\.\/([\w.-]+\.js)['"]/g;

/**
 * Every module `entry` imports, directly or through another, by file name and in order of name. Read from
 * the compiled scripts, so the preload list cannot fall behind the imports; empty when the page's scripts
 * are not built.
 */
export function moduleClosure(compiled: string, entry: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    const path = join(compiled, file);
    if (!existsSync(path)) return;
    for (const match of readFileSync(path, 'utf8').matchAll(LOCAL_IMPORT)) {
      const imported = match[1] as string;
      if (seen.has(imported) || imported === `${entry}.js`) continue;
      seen.add(imported);
      visit(imported);
    }
  };
  visit(`${entry}.js`);
  return [...seen].sort();
}

function inMainAndAfter(content: string): string[] {
  const at = content.indexOf(OUTSIDE_MAIN);
  const inMain = at < 0 ? content : content.slice(0, at);
  const after = at < 0 ? '' : content.slice(at + OUTSIDE_MAIN.length);
  return [inMain.trimEnd(), '</main>', ...(after.trim() ? [after.trim()] : [])];
}

function header(page: TabPage): string[] {
  return [
    '<a class="skip-link" href="#main">Skip to main content</a>',
    '<header class="page-header">',
    '<div class="brand">',
    '<span class="app-name">Action Tracker</span>',
    '<span id="user-name" class="user-name"></span>',
    '</div>',
    ...(page.planPicker ? ['<div id="plan-picker" class="plan-picker" hidden></div>'] : []),
    ...(page.localBanner ? ['<div id="local-banner" class="local-banner" hidden></div>'] : []),
    '</header>',
    ...(page.planPicker
      ? ['<nav id="section-nav" class="section-nav" aria-label="Sections of this page" hidden></nav>']
      : []),
  ];
}

/** The top of <main>, the same on every page: heading, intro, then the alert and the status line. */
function opening(page: TabPage): string[] {
  const intro = page.intro;
  return [
    '<main id="main" tabindex="-1">',
    page.planPicker
      ? `<h1 id="page-title">${escapeHtml(page.heading)}</h1>`
      : `<h1>${escapeHtml(page.heading)}</h1>`,
    intro
      ? `<p${intro.id ? ` id="${intro.id}"` : ''} class="subtitle">${escapeHtml(intro.text)}</p>`
      : '<p id="plan-subtitle" class="subtitle"></p>',
    '<div id="alert" class="alert" role="alert"></div>',
    '<p id="status" class="status" role="status"></p>',
  ];
}

/** Where a page's content file goes on past <main> (the dashboard's action dialog). */
const OUTSIDE_MAIN = '<!-- outside main -->';

/**
 * One page's HTML: the shared head, header and top of <main> around src/dashboard-page/<name>.body.html,
 * which holds the rest of <main> and, after a line `<!-- outside main -->`, anything that follows it.
 * Each part is whole HTML (every element it opens, it closes), so the files lint as HTML.
 */
export function renderTabPage(root: string, name: TabPageName): string | undefined {
  const body = join(root, 'src', 'dashboard-page', `${name}.body.html`);
  if (!existsSync(body)) return undefined;
  const page = PAGES[name];
  const compiled = join(root, 'dist', 'tab', 'dashboard-page');
  const script = (src: string) => `<script type="module" src="/tab/${escapeHtml(src)}"></script>`;
  return [
    documentStart({ title: page.title, noReferrer: page.noReferrer, theme: 'default' }),
    '<link rel="icon" href="data:,">',
    '<link rel="stylesheet" href="/tab/styles.css">',
    '<script defer src="/tab/vendor/teams-js.js"></script>',
    script(`${page.entry}.js`),
    // Fetched at once rather than one import level at a time.
    ...moduleClosure(compiled, page.entry).map(
      (file) => `<link rel="modulepreload" href="/tab/${escapeHtml(file)}">`,
    ),
    '</head>',
    '<body>',
    ...header(page),
    ...opening(page),
    ...inMainAndAfter(readFileSync(body, 'utf8')),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
