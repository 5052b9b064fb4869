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
/** What the app logs, for the checks that a client's mistake is not logged as an error. */
const lines: { level: number; msg: string }[] = [];

beforeAll(async () => {
  const { stores } = await freshStores();
  server = createServer(
    createApp({
      stores,
      logger: createLogger('info', { write: (line: string) => lines.push(JSON.parse(line)) }),
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
    })
    .get('/test/param/:value', (_req, res) => {
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

describe('bodies that cannot be read', () => {
  test.each([
    [
      'a charset other than UTF-8',
      { 'Content-Type': 'application/json; charset=klingon' },
      415,
      'The body must be sent as UTF-8.',
    ],
    [
      'an unknown compression',
      { 'Content-Type': 'application/json', 'Content-Encoding': 'x-fuzz' },
      415,
      'The body must be sent uncompressed, or compressed with gzip, deflate or br.',
    ],
    [
      'gzip that is not gzip',
      { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' },
      400,
      'The body could not be decompressed.',
    ],
  ])(
    'when a body comes in %s, then the answer says so with a 4xx and no error is logged',
    async (_what, headers, status, error) => {
      lines.length = 0;
      const response = await fetch(`${url}/test/small`, { method: 'POST', headers, body: '{}' });
      expect({ status: response.status, body: await response.json() }).toEqual({ status, body: { error } });
      expect(lines.filter((line) => line.level >= 50)).toEqual([]);
      expect(lines.map((line) => line.msg)).toContain('request body could not be read');
    },
  );

  test('when an address has a stray %, then 400 says so and no error is logged', async () => {
    lines.length = 0;
    const response = await fetch(`${url}/test/param/%E0%A4%A`);
    expect({ status: response.status, body: await response.json() }).toEqual({
      status: 400,
      body: { error: 'The address could not be decoded (a stray % sign?).' },
    });
    expect(lines.filter((line) => line.level >= 50)).toEqual([]);
  });
});
