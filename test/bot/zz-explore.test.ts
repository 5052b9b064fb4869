import type { AddressInfo } from 'node:net';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import express from 'express';
import { freePort } from '../../src/storage/azurite';
import { PRIYA, teamsMessage } from '../support/activities';
import { startConnectorStub } from '../support/connector-stub';
import { postActivity } from '../support/post-activity';

test('explore', async () => {
  const stub = await startConnectorStub();
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const app = express();
  app.use(express.json());
  app.post('/api/messages', async (req, res) => { await adapter.process(req, res, async (c) => { await c.sendActivity('x'); }); });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const errSpy = jest.spyOn(console, 'error').mockImplementation(() => {});
  stub.failNext(403);
  const r = await postActivity(url, teamsMessage({ text: 'hi', user: PRIYA, serviceUrl: stub.url }));
  console.log('no onTurnError →', r.status, JSON.stringify(r.body), errSpy.mock.calls.length);
  const port = await freePort();
  const t0 = Date.now();
  const r2 = await postActivity(url, teamsMessage({ text: 'hi', user: PRIYA, serviceUrl: `http://127.0.0.1:${port}/` }));
  console.log('refused →', r2.status, JSON.stringify(r2.body), Date.now() - t0, 'ms');
  const r3 = await postActivity(url, { ...teamsMessage({ text: 'hi', user: PRIYA, serviceUrl: stub.url }), serviceUrl: undefined });
  console.log('no serviceUrl →', r3.status, JSON.stringify(r3.body));
  try { await adapter.continueConversationAsync(undefined as never, { serviceUrl: stub.url, conversation: { id: 'a:1' } as never, channelId: 'msteams' }, async (c) => { await c.sendActivity('p'); }); console.log('undefined appId ok', stub.activities.length); } catch (e) { console.log('undefined appId →', String(e)); }
  errSpy.mockRestore();
  server.close(); server.closeAllConnections();
  await stub.close();
}, 30000);
