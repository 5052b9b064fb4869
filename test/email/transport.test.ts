/**
 * The SMTP transport against a real SMTP server on loopback: it keeps to its pace, and classifies what
 * the relay says (accepted, refused for good, try later) the way the deliver-once engine needs.
 */
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { classifySmtpError, smtpTransport } from '../../src/email/smtp-transport';
import { type SmtpSink, startSmtpSink } from './smtp-sink';

let sink: SmtpSink;
const TLS = join(__dirname, '..', 'fixtures', 'tls');
const cert = readFileSync(join(TLS, 'loopback-cert.pem'));
const key = readFileSync(join(TLS, 'loopback-key.pem'));
const mail = (to: string, n = 0) => ({
  to,
  subject: `Test ${n}`,
  text: `Body ${n}`,
  html: `<p>Body ${n}</p>`,
});

beforeAll(async () => {
  sink = await startSmtpSink();
});
afterAll(async () => {
  await sink.stop();
});
beforeEach(() => {
  sink.received.length = 0;
  sink.behaviour.clear();
});

describe('SMTP transport', () => {
  test('when 50 e-mails are sent at 10 a second, then they go at that pace and not faster', async () => {
    const transport = smtpTransport({ url: sink.url, from: 'at@council.example', maxPerSecond: 10 });
    const outcomes = await Promise.all(
      Array.from({ length: 50 }, (_, i) => transport.send(mail(`owner${i}@example.org`, i))),
    );
    transport.close();
    expect(outcomes.every((o) => o.status === 'sent')).toBe(true);
    expect(sink.received).toHaveLength(50);
    // Measured where a relay measures it, on arrival. The first message also carries the connection's
    // set-up (connect, greeting, EHLO), so its arrival is late by that much and would make the span look
    // short; the rate is taken over the 48 gaps after it, with room for a few milliseconds of arrival jitter.
    const times = sink.received.map((r) => r.receivedAt).sort((a, b) => a - b);
    const rate = 48 / ((times[49]! - times[1]!) / 1000);
    expect(rate).toBeLessThanOrEqual(10.25);
    // How close to the pace it gets is a throughput figure, measured by `npm run bench` (a loaded machine
    // slows the sender, which is no fault); here only the ceiling, which a burst would break, is asserted.
    // And no burst: any 11 in a row span about a second (less a little of the receiving side's jitter).
    for (let i = 10; i < times.length; i++) expect(times[i]! - times[i - 10]!).toBeGreaterThanOrEqual(900);
  }, 20_000);

  test('when the relay answers 550 to a recipient, then the address is classified undeliverable', async () => {
    sink.behaviour.set('gone@example.org', 'reject-550');
    const transport = smtpTransport({ url: sink.url, from: 'at@council.example', maxPerSecond: 50 });
    const outcome = await transport.send(mail('gone@example.org'));
    transport.close();
    expect(outcome).toEqual({ status: 'unreachable', detail: 'smtp-550', smtpCode: 550 });
    expect(sink.received).toHaveLength(0);
  });

  test('when the relay answers 451, then it is a temporary failure to retry later', async () => {
    sink.behaviour.set('busy@example.org', 'defer-451');
    const transport = smtpTransport({ url: sink.url, from: 'at@council.example', maxPerSecond: 50 });
    const outcome = await transport.send(mail('busy@example.org'));
    transport.close();
    expect(outcome).toEqual({ status: 'failed', detail: 'smtp-451', smtpCode: 451 });
  });

  test('when the relay drops the connection mid-message, then it is a temporary failure', async () => {
    sink.behaviour.set('drop@example.org', 'drop');
    const transport = smtpTransport({ url: sink.url, from: 'at@council.example', maxPerSecond: 50 });
    const outcome = await transport.send(mail('drop@example.org'));
    transport.close();
    expect(outcome.status).toBe('failed');
    expect(outcome).not.toHaveProperty('smtpCode');
  });

  test('when nothing listens at the relay address, then it is a temporary failure', async () => {
    const server: Server = createServer();
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const port = (server.address() as { port: number }).port;
    server.close();
    const transport = smtpTransport({
      url: `smtp://127.0.0.1:${port}`,
      from: 'at@council.example',
      maxPerSecond: 50,
    });
    const outcome = await transport.send(mail('someone@example.org'));
    transport.close();
    expect(outcome.status).toBe('failed');
    expect(outcome).toMatchObject({ detail: expect.stringMatching(/^smtp-e(socket|connection)$/) });
  });

  test('when a relay refuses the login with a 5xx, then it is not blamed on the recipient', () => {
    expect(classifySmtpError({ responseCode: 535, code: 'EAUTH', command: 'AUTH PLAIN' })).toEqual({
      status: 'failed',
      detail: 'smtp-535',
      smtpCode: 535,
    });
    expect(classifySmtpError({ responseCode: 552, code: 'EMESSAGE', command: 'DATA' }).status).toBe(
      'unreachable',
    );
  });

  test('when the relay is smtp:// with credentials in the URL, then the login goes only after STARTTLS', async () => {
    const relay = await startSmtpSink({
      tls: { key, cert, secure: false },
      login: { user: 'at@council.example', password: 'p@ss word' },
    });
    try {
      const url = relay.url.replace(
        'smtp://',
        `smtp://${encodeURIComponent('at@council.example')}:${encodeURIComponent('p@ss word')}@`,
      );
      const transport = smtpTransport({ url, from: 'at@council.example', maxPerSecond: 50, ca: cert });
      expect((await transport.send(mail('owner@example.org'))).status).toBe('sent');
      transport.close();
      expect(relay.logins).toEqual(['at@council.example over TLS']);
      expect(relay.received).toHaveLength(1);
    } finally {
      await relay.stop();
    }
  });

  test('when the relay is smtps:// with SMTP_USER and SMTP_PASSWORD, then it logs in over TLS; a wrong password is a temporary failure', async () => {
    const relay = await startSmtpSink({
      tls: { key, cert, secure: true },
      login: { user: 'acs.app.tenant', password: 'client-secret' },
    });
    try {
      const good = smtpTransport({
        url: relay.url,
        user: 'acs.app.tenant',
        password: 'client-secret',
        from: 'at@council.example',
        maxPerSecond: 50,
        ca: cert,
      });
      expect((await good.send(mail('owner@example.org'))).status).toBe('sent');
      good.close();
      const bad = smtpTransport({
        url: relay.url,
        user: 'acs.app.tenant',
        password: 'wrong',
        from: 'at@council.example',
        maxPerSecond: 50,
        ca: cert,
      });
      expect(await bad.send(mail('owner@example.org'))).toEqual({
        status: 'failed',
        detail: 'smtp-535',
        smtpCode: 535,
      });
      bad.close();
      expect(relay.received).toHaveLength(1);
    } finally {
      await relay.stop();
    }
  });

  test('when the relay is on another host and offers no TLS, then nothing is sent in clear, even without credentials', async () => {
    // This machine's own non-loopback address stands in for a relay elsewhere on the network.
    const own =
      Object.values(networkInterfaces())
        .flat()
        .find((a) => a && a.family === 'IPv4' && !a.internal)?.address ?? '0.0.0.0';
    const relay = await startSmtpSink({ host: own });
    try {
      expect(relay.url).not.toContain('127.0.0.1');
      const transport = smtpTransport({ url: relay.url, from: 'at@council.example', maxPerSecond: 50 });
      const outcome = await transport.send(mail('owner@example.org'));
      transport.close();
      expect(outcome.status).toBe('failed');
      expect(relay.received).toHaveLength(0);
    } finally {
      await relay.stop();
    }
  });
});
