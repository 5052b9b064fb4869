import type { Server } from 'node:http';
import { createApp, listen } from '../../src/http/server';
import { createLogger } from '../../src/logger';
import { azuriteConnectionString, freePort } from '../../src/storage/azurite';
import { createStores } from '../../src/storage/open-stores';
import { TableClients } from '../../src/storage/table-clients';
import type { Stores } from '../../src/usecases/ports';
import { freshStores } from '../support/test-stores';

const logger = createLogger('silent');
let server: Server | undefined;

async function serve(stores: Stores): Promise<string> {
  const started = await listen(createApp({ stores, logger }), 0, '127.0.0.1');
  server = started.server;
  return started.url;
}

afterEach(() => {
  server?.close();
  server?.closeAllConnections();
  server = undefined;
});

describe('GET /healthz', () => {
  test('when storage answers, then it reports ok with the storage latency', async () => {
    const url = await serve((await freshStores()).stores);
    const response = await fetch(`${url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok', storage: { reachable: true } });
  });

  test('when storage is unreachable, then it answers 503 and says so', async () => {
    // Nothing listens on this port: a real refused connection, not a mock.
    const tables = new TableClients({ connectionString: azuriteConnectionString(await freePort()) }, 'Down');
    const url = await serve(createStores(tables));
    const response = await fetch(`${url}/healthz`);
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: 'degraded', storage: { reachable: false } });
  });

  test('when the privacy and terms pages the manifest links to are asked for, then they are served', async () => {
    const url = await serve((await freshStores()).stores);
    const privacy = await fetch(`${url}/privacy`);
    expect(privacy.status).toBe(200);
    expect(privacy.headers.get('content-type')).toContain('text/html');
    expect(await privacy.text()).toContain('They never name children');
    expect((await fetch(`${url}/terms`)).status).toBe(200);
  });

  test('when a path is unknown, then it answers 404 in JSON', async () => {
    const url = await serve((await freshStores()).stores);
    const response = await fetch(`${url}/nope`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: 'Not found' });
  });
});
