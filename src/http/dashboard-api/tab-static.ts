/**
 * Serves the dashboard page: its HTML (put together by tab-pages.ts) and CSS from src/dashboard-page, its compiled scripts from dist/tab/dashboard-page, and the
 * two libraries it loads (teams-js, Chart.js) from node_modules. Files are read once, kept gzipped in
 * memory with a strong ETag; the HTML is revalidated on every load (the report-link page is never
 * stored), scripts and styles cached for an hour.
 * The CSP lets only Teams (and Microsoft 365) frame the page and allows no inline script or style.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { type Request, type Response, Router } from 'express';
import { projectRoot } from '../../support/project-root';
import { renderTabPage, type TabPageName } from './tab-pages';

export const TAB_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  // teams-js fetches its list of valid Teams domains from Microsoft's CDN when it loads.
  "connect-src 'self' https://res.cdn.office.net",
  "base-uri 'none'",
  "form-action 'self'",
  "object-src 'none'",
  "frame-ancestors 'self' https://teams.microsoft.com https://*.teams.microsoft.com https://*.office.com https://*.cloud.microsoft https://*.microsoft365.com",
].join('; ');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

interface Asset {
  body: Buffer;
  gzipped: Buffer;
  etag: string;
  type: string;
  cache: string;
  referrerPolicy: string;
}

function asset(body: Buffer, type: string | undefined, cache: string, referrerPolicy: string): Asset {
  return {
    body,
    gzipped: gzipSync(body, { level: 9 }),
    etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
    type: type ?? 'application/octet-stream',
    cache,
    referrerPolicy,
  };
}

/** Every file the page may ask for, by URL path. Built from the folders once, at start-up. */
export function loadTabAssets(root = projectRoot()): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  const put = (
    url: string,
    path: string,
    cache: string,
    referrerPolicy = 'strict-origin-when-cross-origin',
  ) => {
    if (existsSync(path))
      assets.set(url, asset(readFileSync(path), TYPES[extname(path)], cache, referrerPolicy));
  };
  const putPage = (
    url: string,
    name: TabPageName,
    cache: string,
    referrerPolicy = 'strict-origin-when-cross-origin',
  ) => {
    const html = renderTabPage(root, name);
    if (html !== undefined) assets.set(url, asset(Buffer.from(html), TYPES['.html'], cache, referrerPolicy));
  };
  const page = 'no-cache';
  const hour = 'public, max-age=3600, must-revalidate';
  putPage('/tab', 'index', page);
  // The page a report link opens carries the link in its address (the fragment): never kept, never sent on.
  putPage('/tab/report', 'report', 'no-store', 'no-referrer');
  putPage('/tab/configure', 'configure', page);
  putPage('/tab/admin', 'admin', page);
  put('/tab/styles.css', join(root, 'src', 'dashboard-page', 'styles.css'), hour);
  const compiled = join(root, 'dist', 'tab', 'dashboard-page');
  if (existsSync(compiled)) {
    for (const file of readdirSync(compiled)) {
      // Source maps are not served: they would publish the page's source and comments to anyone.
      if (file.endsWith('.js')) put(`/tab/${file}`, join(compiled, file), hour);
    }
  }
  put(
    '/tab/vendor/teams-js.js',
    join(root, 'node_modules', '@microsoft', 'teams-js', 'dist', 'umd', 'MicrosoftTeams.min.js'),
    hour,
  );
  put('/tab/vendor/chart.js', join(root, 'node_modules', 'chart.js', 'dist', 'chart.umd.min.js'), hour);
  return assets;
}

export function tabStaticRouter(assets = loadTabAssets()): Router {
  const router = Router();
  const serve = (req: Request, res: Response, url: string) => {
    const found = assets.get(url);
    if (!found) {
      res.status(404).type('text/plain').send('Not found');
      return;
    }
    res.setHeader('Content-Security-Policy', TAB_CSP);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', found.referrerPolicy);
    res.setHeader('Cache-Control', found.cache);
    res.setHeader('ETag', found.etag);
    res.setHeader('Vary', 'Accept-Encoding');
    res.setHeader('Content-Type', found.type);
    if (req.headers['if-none-match'] === found.etag) {
      res.status(304).end();
      return;
    }
    if (/\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
      res.setHeader('Content-Encoding', 'gzip');
      res.send(found.gzipped);
    } else res.send(found.body);
  };
  router.get(['/tab', '/tab/'], (req, res) => serve(req, res, '/tab'));
  router.get('/tab/configure', (req, res) => serve(req, res, '/tab/configure'));
  router.get('/tab/report', (req, res) => serve(req, res, '/tab/report'));
  router.get('/tab/vendor/:file', (req, res) => serve(req, res, `/tab/vendor/${req.params.file}`));
  router.get('/tab/:file', (req, res) => serve(req, res, `/tab/${req.params.file}`));
  return router;
}
