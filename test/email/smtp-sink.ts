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

export async function startSmtpSink(): Promise<SmtpSink> {
  const received: ReceivedMail[] = [];
  const behaviour = new Map<string, 'reject-550' | 'defer-451' | 'drop'>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
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
      simpleParser(stream).then(
        (parsed) => {
          received.push({
            envelopeTo: session.envelope.rcptTo.map((r) => r.address),
            receivedAt: performance.now(),
            parsed,
          });
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  server.listen(0, '127.0.0.1');
  await once(server.server, 'listening');
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    behaviour,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
