import type { Server } from 'node:http';
import { createApp, listen } from '../../src/http/server';
import { azuriteConnectionString, freePort } from '../../src/storage/azurite';
import { createStores } from '../../src/storage/open-stores';
import { TableClients } from '../../src/storage/table-clients';
import { createLogger } from '../../src/support/logger';
import type { Stores } from '../../src/usecases/ports/index';
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

describe('GET /healthz and /readyz', () => {
  test('when storage answers, then the app is live and ready, with the storage latency', async () => {
    const url = await serve((await freshStores()).stores);
    const live = await fetch(`${url}/healthz`);
    expect(live.status).toBe(200);
    expect(await live.json()).toMatchObject({ status: 'ok' });
    const ready = await fetch(`${url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      status: 'ready',
      storage: { reachable: true, latencyMs: expect.any(Number) },
      scheduler: { state: 'off' },
    });
  });

  test('when storage is unreachable, then the app is still live (no restart) but not ready, promptly', async () => {
    // Nothing listens on this port: a real refused connection, not a mock.
    const tables = new TableClients({ connectionString: azuriteConnectionString(await freePort()) }, 'Down');
    const url = await serve(createStores(tables));
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    const started = Date.now();
    const response = await fetch(`${url}/readyz`);
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({
      status: 'not ready',
      storage: { reachable: false },
      scheduler: { state: 'off' },
    });
    expect(Date.now() - started).toBeLessThan(4000);
  });

  test('when the scheduler has stopped or shutdown has begun, then it is not ready', async () => {
    const { stores } = await freshStores();
    let stopping = false;
    const started = await listen(
      createApp({
        stores,
        logger,
        readiness: {
          stopping: () => stopping,
          scheduler: () => ({ state: stopping ? 'stopped' : 'running' }),
        },
      }),
      0,
      '127.0.0.1',
    );
    server = started.server;
    expect((await fetch(`${started.url}/readyz`)).status).toBe(200);
    stopping = true;
    const response = await fetch(`${started.url}/readyz`);
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ status: 'stopping', scheduler: { state: 'stopped' } });
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
