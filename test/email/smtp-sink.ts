/**
 * A real SMTP server on loopback (smtp-server), as a relay would be, that parses what it receives with
 * mailparser. Recipients can be made to fail the way relays fail: a 550, a 451, or a dropped connection.
 */
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  envelopeTo: string[];
  receivedAt: number;
  parsed: ParsedMail;
}

export interface SmtpSink {
  url: string;
  received: ReceivedMail[];
  /** Recipients refused or cut off, by address. */
  behaviour: Map<string, 'reject-550' | 'defer-451' | 'drop'>;
  stop(): Promise<void>;
}

export interface SinkOptions {
  /** TLS from the start (smtps://), or offered as STARTTLS on a plain connection. */
  tls?: { key: Buffer; cert: Buffer; secure: boolean };
  /** Require a login with this user name and password. */
  login?: { user: string; password: string };
  /** Where it listens and what its URL names; default 127.0.0.1 (a relay on another host: this machine's own address). */
  host?: string;
}

export async function startSmtpSink(options: SinkOptions = {}): Promise<SmtpSink & { logins: string[] }> {
  const logins: string[] = [];
  const received: ReceivedMail[] = [];
  const behaviour = new Map<string, 'reject-550' | 'defer-451' | 'drop'>();
  const server = new SMTPServer({
    authOptional: !options.login,
    disabledCommands: [...(options.tls ? [] : ['STARTTLS']), ...(options.login ? [] : ['AUTH'])],
    ...(options.tls ? { key: options.tls.key, cert: options.tls.cert, secure: options.tls.secure } : {}),
    logger: false,
    onAuth(auth, session, callback) {
      logins.push(`${auth.username}${session.secure ? ' over TLS' : ' in clear'}`);
      if (options.login && auth.username === options.login.user && auth.password === options.login.password)
        return callback(null, { user: auth.username });
      callback(Object.assign(new Error('5.7.8 Authentication failed'), { responseCode: 535 }));
    },
    onRcptTo(address, _session, callback) {
      const how = behaviour.get(address.address.toLowerCase());
      if (how === 'reject-550')
        return callback(Object.assign(new Error('5.1.1 Mailbox unavailable'), { responseCode: 550 }));
      if (how === 'defer-451')
        return callback(Object.assign(new Error('4.3.0 Try again later'), { responseCode: 451 }));
      if (how === 'drop') {
        // The relay goes away mid-conversation, as a restarting or overloaded one does.
        for (const connection of (server as unknown as { connections: Set<{ _socket: { destroy(): void } }> })
          .connections)
          connection._socket.destroy();
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      // When the message reaches the relay, not when parsing happens to finish: that is what relays count.
      const receivedAt = performance.now();
      simpleParser(stream).then(
        (parsed) => {
          received.push({
            envelopeTo: session.envelope.rcptTo.map((r) => r.address),
            receivedAt,
            parsed,
          });
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  const host = options.host ?? '127.0.0.1';
  server.listen(0, host);
  await once(server.server, 'listening');
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `${options.tls?.secure ? 'smtps' : 'smtp'}://${host}:${port}`,
    logins,
    received,
    behaviour,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
