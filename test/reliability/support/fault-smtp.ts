/**
 * An SMTP relay on loopback that can be slow and can be frozen, as the fault connector is for Teams: a
 * message counts as delivered only once the relay has answered 250 to it on a connection still open. A
 * frozen relay holds every message unanswered; when the sender dies meanwhile, what it held is abandoned
 * (the sender never heard it was accepted, exactly as with a relay that never answered).
 */
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { updateLinkKeyOf } from '../../support/mail-keys';

export interface FaultSmtp {
  url: string;
  /** `plan|action|address` of every message answered 250, in order. */
  delivered: string[];
  /** Messages held while frozen whose sender was gone when the relay thawed. */
  abandoned: string[];
  /** Milliseconds before each message is answered. */
  delayMs: number;
  /** Called as each message arrives (before it is answered). */
  onArrival: () => void;
  freeze(): void;
  thaw(): void;
  inFlight(): number;
  close(): Promise<void>;
}

/** `linkSecret`: the LINK_SIGNING_SECRET the servers under test seal their update links with. */
export async function startFaultSmtp(linkSecret: string): Promise<FaultSmtp> {
  const closed = new Set<string>();
  const held: { key: string; session: string; answer: () => void }[] = [];
  let frozen = false;
  let pending = 0;
  const relay: FaultSmtp = {
    url: '',
    delivered: [],
    abandoned: [],
    delayMs: 0,
    onArrival: () => undefined,
    freeze: () => {
      frozen = true;
    },
    thaw: () => {
      frozen = false;
      for (const message of held.splice(0)) {
        if (closed.has(message.session)) {
          relay.abandoned.push(message.key);
          pending--;
        } else message.answer();
      }
    },
    inFlight: () => pending,
    close: async () => undefined,
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onClose(session) {
      closed.add(session.id);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        pending++;
        const key = updateLinkKeyOf(Buffer.concat(chunks).toString('utf8'), linkSecret) ?? 'unidentified';
        const answer = () => {
          pending--;
          if (closed.has(session.id)) {
            relay.abandoned.push(key);
            return;
          }
          relay.delivered.push(key);
          callback();
        };
        relay.onArrival();
        setTimeout(() => {
          if (frozen) held.push({ key, session: session.id, answer });
          else answer();
        }, relay.delayMs);
      });
    },
  });
  server.listen(0, '127.0.0.1');
  await once(server.server, 'listening');
  relay.url = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  relay.close = () =>
    new Promise<void>((resolve) => {
      for (const message of held.splice(0)) relay.abandoned.push(message.key);
      server.close(() => resolve());
    });
  return relay;
}
