import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { tabStaticRouter } from '../../src/http/dashboard-api/tab-static';
import { createApp } from '../../src/http/server';
import { createLogger } from '../../src/support/logger';
import { freshStores } from '../support/test-stores';

let server: Server;
let url: string;

beforeAll(async () => {
  const { stores } = await freshStores();
  server = createServer(
    createApp({
      stores,
      logger: createLogger('silent'),
      production: true,
      routers: [tabStaticRouter(), failing()],
    }),
  );
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

/** Routes that fail as a real route can: a throw (500), and a body over a JSON parser's limit (413). */
function failing() {
  return express
    .Router()
    .get('/test/throws', () => {
      throw new Error('boom');
    })
    .post('/test/small', express.json({ limit: 10 }), (_req, res) => {
      res.json({});
    });
}

afterAll(() => {
  server.closeAllConnections();
  server.close();
});

test.each([['/privacy'], ['/terms']])(
  'when %s is opened, then it carries a CSP, nosniff and frame-ancestors',
  async (path) => {
    const page = await fetch(`${url}${path}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'self'");
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
  },
);

test('when the app runs in production, then every answer carries HSTS', async () => {
  const health = await fetch(`${url}/healthz`);
  expect(health.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
});

test('when a source map is asked for under /tab, then it is not served', async () => {
  const maps = await fetch(`${url}/tab/app.js.map`);
  expect(maps.status).toBe(404);
  expect((await fetch(`${url}/tab/app.js`)).status).toBe(200);
});

test('when an answer is a JSON error (404, 500, 413), then it carries nosniff', async () => {
  const notFound = await fetch(`${url}/no/such/page`);
  expect(notFound.status).toBe(404);
  expect(notFound.headers.get('x-content-type-options')).toBe('nosniff');
  const failed = await fetch(`${url}/test/throws`);
  expect(failed.status).toBe(500);
  expect(await failed.json()).toEqual({ error: 'Something went wrong' });
  expect(failed.headers.get('x-content-type-options')).toBe('nosniff');
  const tooLarge = await fetch(`${url}/test/small`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ text: 'more than ten bytes' }),
  });
  expect(tooLarge.status).toBe(413);
  expect(tooLarge.headers.get('x-content-type-options')).toBe('nosniff');
});
