/**
 * With APPLICATIONINSIGHTS_CONNECTION_STRING set, the built server sends request telemetry to the
 * ingestion endpoint the connection string names. Here that endpoint is a local stand-in for Azure
 * Monitor's ingestion service (the one part that cannot run here); everything else is the real server.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { freePort } from '../../src/storage/azurite';
import { finished, ROOT, waitFor } from '../support/processes';
import { testConnectionString } from '../support/test-stores';

interface Envelope {
  name: string;
  iKey?: string;
  data?: { baseType?: string; baseData?: { name?: string; url?: string; responseCode?: string } };
}

let ingestion: Server;
const envelopes: Envelope[] = [];
/** The Authorization header of each ingestion request. */
const authorizations: (string | undefined)[] = [];
// The exporter only sends over HTTPS: a test certificate for 127.0.0.1, trusted by the child process.
const TLS = join(ROOT, 'test', 'fixtures', 'tls');

beforeAll(async () => {
  const tls = {
    cert: readFileSync(join(TLS, 'loopback-cert.pem')),
    key: readFileSync(join(TLS, 'loopback-key.pem')),
  };
  ingestion = createServer(tls, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      authorizations.push(req.headers.authorization);
      let body = Buffer.concat(chunks);
      if (req.headers['content-encoding'] === 'gzip') body = gunzipSync(body);
      const text = body.toString('utf8').trim();
      const items = text.startsWith('[')
        ? (JSON.parse(text) as Envelope[])
        : text.split('\n').map((l) => JSON.parse(l) as Envelope);
      envelopes.push(...items);
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ itemsReceived: items.length, itemsAccepted: items.length, errors: [] }));
    });
  });
  ingestion.listen(0, '127.0.0.1');
  await once(ingestion, 'listening');
});

afterAll(() => {
  ingestion.close();
});

test('when a connection string is set, then requests reach Application Insights as request telemetry', async () => {
  const port = await freePort();
  const ingestionUrl = `https://127.0.0.1:${(ingestion.address() as AddressInfo).port}/`;
  const key = '00000000-0000-4000-8000-000000000001';
  const server = spawn(process.execPath, [join(ROOT, 'dist', 'src', 'app', 'main.js')], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      NODE_EXTRA_CA_CERTS: join(TLS, 'loopback-cert.pem'),
      PORT: String(port),
      LOG_LEVEL: 'warn',
      SCHEDULER: 'off',
      DEMO_PLAN: 'off',
      STORAGE_CONNECTION_STRING: testConnectionString(),
      TABLE_PREFIX: `T${randomBytes(4).toString('hex')}`,
      APPLICATIONINSIGHTS_CONNECTION_STRING: `InstrumentationKey=${key};IngestionEndpoint=${ingestionUrl}`,
    },
  });
  const exit = finished(server);
  try {
    await waitFor(
      async () => ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok ? true : undefined),
      30_000,
    );
    await fetch(`http://127.0.0.1:${port}/privacy`);
    await fetch(`http://127.0.0.1:${port}/reports/c2VjcmV0LXBheWxvYWQ.c2lnbmF0dXJl`);
    // Express routes ignore case, so a link in capitals is served: its token must not leave either.
    await fetch(`http://127.0.0.1:${port}/UPDATE/dXBwZXItY2FzZS10b2tlbg.c2lnbmF0dXJl`);
  } finally {
    // Shutdown flushes what the exporter has buffered.
    server.kill('SIGTERM');
  }
  expect((await exit).code).toBe(0);
  const requests = envelopes.filter((e) => e.data?.baseType === 'RequestData');
  expect(requests.length).toBeGreaterThan(0);
  expect(
    requests.some(
      (r) => r.data?.baseData?.url?.endsWith('/privacy') && r.data.baseData.responseCode === '200',
    ),
  ).toBe(true);
  expect(requests.every((r) => r.iKey === key)).toBe(true);
  // A signed report link's token never leaves in telemetry.
  expect(requests.some((r) => r.data?.baseData?.url?.endsWith('/reports/[link]'))).toBe(true);
  expect(JSON.stringify(envelopes)).not.toContain('c2VjcmV0LXBheWxvYWQ');
  expect(requests.some((r) => r.data?.baseData?.url?.endsWith('/update/[link]'))).toBe(true);
  expect(JSON.stringify(envelopes)).not.toContain('dXBwZXItY2FzZS10b2tlbg');
}, 60_000);

test('when AZURE_CLIENT_ID names the managed identity, then telemetry is sent with its Entra ID token (local auth is off in Azure)', async () => {
  // App Service's managed identity endpoint, stood in for: it hands out a token for the identity asked for.
  const identityHeader = randomBytes(8).toString('hex');
  const clientId = '00000000-0000-4000-8000-0000000000c1';
  const asked: string[] = [];
  const identity = createHttpServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    asked.push(`${url.searchParams.get('client_id')} ${url.searchParams.get('resource')}`);
    if (req.headers['x-identity-header'] !== identityHeader) {
      res.writeHead(401).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(
      JSON.stringify({
        access_token: 'token-of-the-managed-identity',
        expires_on: String(Math.floor(Date.now() / 1000) + 3600),
        resource: url.searchParams.get('resource'),
        token_type: 'Bearer',
        client_id: clientId,
      }),
    );
  });
  identity.listen(0, '127.0.0.1');
  await once(identity, 'listening');
  const port = await freePort();
  const ingestionUrl = `https://127.0.0.1:${(ingestion.address() as AddressInfo).port}/`;
  const key = '00000000-0000-4000-8000-000000000002';
  const seen = envelopes.length;
  const server = spawn(process.execPath, [join(ROOT, 'dist', 'src', 'app', 'main.js')], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      NODE_EXTRA_CA_CERTS: join(TLS, 'loopback-cert.pem'),
      PORT: String(port),
      LOG_LEVEL: 'warn',
      SCHEDULER: 'off',
      DEMO_PLAN: 'off',
      STORAGE_CONNECTION_STRING: testConnectionString(),
      TABLE_PREFIX: `T${randomBytes(4).toString('hex')}`,
      APPLICATIONINSIGHTS_CONNECTION_STRING: `InstrumentationKey=${key};IngestionEndpoint=${ingestionUrl}`,
      AZURE_CLIENT_ID: clientId,
      IDENTITY_ENDPOINT: `http://127.0.0.1:${(identity.address() as AddressInfo).port}/msi/token`,
      IDENTITY_HEADER: identityHeader,
    },
  });
  const exit = finished(server);
  try {
    await waitFor(
      async () => ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok ? true : undefined),
      30_000,
    );
    await fetch(`http://127.0.0.1:${port}/privacy`);
  } finally {
    server.kill('SIGTERM');
    await exit;
    identity.close();
  }
  const mine = envelopes.slice(seen).filter((e) => e.iKey === key);
  expect(mine.length).toBeGreaterThan(0);
  expect(asked.some((a) => a.startsWith(clientId))).toBe(true);
  expect(authorizations.filter(Boolean)).toContain('Bearer token-of-the-managed-identity');
}, 60_000);
