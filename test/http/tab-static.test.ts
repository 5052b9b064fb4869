import { once } from 'node:events';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { loadTabAssets, TAB_CSP, tabStaticRouter } from '../../src/http/dashboard-api/tab-static';

let server: Server;
let base: string;

beforeAll(async () => {
  // A project folder of its own, so these checks do not depend on the page's current contents.
  const root = mkdtempSync(join(tmpdir(), 'tab-static-'));
  const file = (path: string, text: string) => {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  file('src/dashboard-page/index.body.html', '<p>Dashboard</p>');
  file('src/dashboard-page/styles.css', 'body{margin:0}');
  file('dist/tab/dashboard-page/app.js', `export const answer = ${JSON.stringify('x'.repeat(5000))};`);
  file('node_modules/chart.js/dist/chart.umd.min.js', 'var Chart={};');
  const app = express();
  app.use(tabStaticRouter(loadTabAssets(root)));
  server = createServer(app);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => {
  server.closeAllConnections();
  server.close();
});

describe('serving the dashboard page', () => {
  test('the page may be framed only by Teams and Microsoft 365, runs no inline script, and is revalidated', async () => {
    const page = await fetch(`${base}/tab`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(TAB_CSP);
    expect(TAB_CSP).toContain("script-src 'self'");
    expect(TAB_CSP).toContain('frame-ancestors');
    expect(TAB_CSP).toContain('https://teams.microsoft.com');
    expect(TAB_CSP).not.toContain('unsafe-inline');
    expect(page.headers.get('cache-control')).toBe('no-cache');
    expect(page.headers.get('x-frame-options')).toBeNull();
    expect(await page.text()).toContain('Dashboard');
  });

  test('scripts are gzipped, cached for an hour and answered 304 when unchanged', async () => {
    const script = await fetch(`${base}/tab/app.js`, { headers: { 'Accept-Encoding': 'gzip' } });
    expect(script.headers.get('content-encoding')).toBe('gzip');
    expect(script.headers.get('cache-control')).toBe('public, max-age=3600, must-revalidate');
    expect(Number(script.headers.get('content-length'))).toBeLessThan(500);
    expect(await script.text()).toContain('export const answer');
    const etag = script.headers.get('etag')!;
    const again = await fetch(`${base}/tab/app.js`, { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
    expect((await fetch(`${base}/tab/vendor/chart.js`)).status).toBe(200);
  });

  test('anything else under /tab is a plain 404, never a file outside the page', async () => {
    expect((await fetch(`${base}/tab/missing.js`)).status).toBe(404);
    expect((await fetch(`${base}/tab/..%2Fpackage.json`)).status).toBe(404);
    expect((await fetch(`${base}/tab/vendor/teams-js.js`)).status).toBe(404); // not in this folder
  });
});
