import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Express } from 'express';
import type { Logger } from '../logger';
import type { Stores } from '../usecases/ports';
import { healthHandler } from './health';

export interface HttpDeps {
  stores: Stores;
  logger: Logger;
}

export function createApp(deps: HttpDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', healthHandler(deps.stores));
  app.use((_req, res) => {
    res.status(404).json({ error: 'Not found' });
  });
  return app;
}

export async function listen(
  app: Express,
  port: number,
  host: string,
): Promise<{ server: Server; url: string }> {
  const server = app.listen(port, host);
  await once(server, 'listening');
  const address = server.address() as AddressInfo;
  return { server, url: `http://${host.includes(':') ? `[${host}]` : host}:${address.port}` };
}
