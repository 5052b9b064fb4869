/**
 * Sends e-mail over SMTP (nodemailer): Exchange Online's relay, Azure Communication Services Email, or
 * the embedded catcher. Sends are paced (relays throttle: Exchange Online allows 30 a minute per mailbox
 * by default, ACS tens a minute until raised), and every result is classified once, here:
 * - sent: the relay accepted it;
 * - unreachable: the relay refused the recipient or the message for good (5xx to MAIL FROM, RCPT TO or
 *   DATA, such as 550 "mailbox unavailable"), so this address should not be tried again as it is;
 * - failed: worth trying later (4xx such as 451, a dropped or refused connection, a timeout, or a
 *   refused login, which is the relay's configuration and not the recipient's fault).
 */
import { connect, type Socket } from 'node:net';
import nodemailer, { type Transporter } from 'nodemailer';
import { isLoopbackName } from '../support/loopback';
import type { SendOutcome } from '../usecases/ports/index';
import type { EmailMessage } from './compose';

export interface SmtpSettings {
  /** smtp://host:port (STARTTLS when offered) or smtps://host:port (TLS from the start). */
  url: string;
  user?: string;
  password?: string;
  /** "Action Tracker <action-tracker@council.gov.uk>" */
  from: string;
  maxPerSecond: number;
  /** Certificates to trust besides the system's (tests trust their own loopback certificate). */
  ca?: string | Buffer;
}

export type MailOutcome =
  | { status: 'sent'; messageId: string }
  | { status: 'unreachable'; detail: string; smtpCode: number }
  | { status: 'failed'; detail: string; smtpCode?: number };

/** A MailOutcome is a SendOutcome with more detail; this says so to the type checker in one place. */
export function toSendOutcome(outcome: MailOutcome): SendOutcome {
  return outcome;
}

export interface OutgoingMail extends EmailMessage {
  to: string;
  /** A stable id, so a relay or a reader can tell a retried message from a new one. */
  messageId?: string;
}

export interface MailTransport {
  send(mail: OutgoingMail): Promise<MailOutcome>;
  close(): void;
}

/** SMTP stages at which a 5xx is about this message or this recipient, not about our own set-up. */
const MESSAGE_COMMANDS = new Set(['MAIL FROM', 'RCPT TO', 'DATA']);

export function classifySmtpError(error: unknown): Exclude<MailOutcome, { status: 'sent' }> {
  const e = error as { responseCode?: unknown; code?: unknown; command?: unknown };
  const smtpCode = typeof e.responseCode === 'number' ? e.responseCode : undefined;
  const code = typeof e.code === 'string' ? e.code : 'unknown';
  const command = typeof e.command === 'string' ? e.command.toUpperCase() : '';
  if (smtpCode !== undefined && smtpCode >= 500 && smtpCode < 600 && MESSAGE_COMMANDS.has(command)) {
    return { status: 'unreachable', detail: `smtp-${smtpCode}`, smtpCode };
  }
  if (smtpCode !== undefined) return { status: 'failed', detail: `smtp-${smtpCode}`, smtpCode };
  return { status: 'failed', detail: `smtp-${code.toLowerCase()}` };
}

/** Hands out send slots no closer together than 1 / rate seconds, in the order they were asked for. */
export class Pacer {
  private next = 0;
  private readonly gapMs: number;

  constructor(perSecond: number) {
    this.gapMs = 1000 / perSecond;
  }

  async slot(): Promise<void> {
    const now = performance.now();
    const at = Math.max(now, this.next);
    this.next = at + this.gapMs;
    if (at > now) await new Promise((resolve) => setTimeout(resolve, at - now));
  }
}

export function smtpTransport(settings: SmtpSettings): MailTransport {
  const transporter = createTransporter(settings);
  const pacer = new Pacer(settings.maxPerSecond);
  // One message at a time over one kept-alive connection: a slot is taken only once the previous message
  // is settled, so a slow start (connecting, TLS, login) never lets a backlog reach the relay as a burst.
  let previous: Promise<unknown> = Promise.resolve();
  const inTurn = <T>(work: () => Promise<T>): Promise<T> => {
    const result = previous.then(work, work);
    previous = result.catch(() => undefined);
    return result;
  };
  return {
    send: (mail) =>
      inTurn(async () => {
        await pacer.slot();
        return deliver(transporter, settings.from, mail);
      }),
    close: () => transporter.close(),
  };
}

async function deliver(transporter: Transporter, from: string, mail: OutgoingMail): Promise<MailOutcome> {
  try {
    const info = await transporter.sendMail({
      from,
      to: mail.to,
      subject: mail.subject,
      html: mail.html,
      text: mail.text,
      ...(mail.messageId ? { messageId: mail.messageId } : {}),
    });
    return { status: 'sent', messageId: String(info.messageId ?? '') };
  } catch (error) {
    return classifySmtpError(error);
  }
}

function createTransporter(settings: SmtpSettings): Transporter {
  const url = new URL(settings.url);
  const secure = url.protocol === 'smtps:';
  const user = settings.user ?? (url.username ? decodeURIComponent(url.username) : undefined);
  const pass = settings.password ?? (url.password ? decodeURIComponent(url.password) : undefined);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return nodemailer.createTransport({
    host,
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    // Anywhere off this machine a relay must upgrade to TLS (STARTTLS) before anything goes over the
    // wire: the credentials, and the messages themselves, whose links are people's update links. Only a
    // relay on loopback (the embedded catcher, a local test relay) may be spoken to in clear.
    requireTLS: !secure && !isLoopbackName(host),
    ...(user !== undefined ? { auth: { user, pass: pass ?? '' } } : {}),
    // One connection reused, so a sweep does not open one per message.
    pool: true,
    maxConnections: 1,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
    ...(settings.ca ? { tls: { ca: settings.ca } } : {}),
    ...(secure ? {} : { getSocket: plainSocketWithoutDelay }),
  });
}

/**
 * The plain connection (STARTTLS upgrades it in place) with Nagle's algorithm off. SMTP is one command,
 * one answer; with Nagle on, a command written in two pieces waits for the relay's delayed ACK (about
 * 40 ms a time), which held a loopback relay to about 16 messages a second whatever the pace allowed.
 */
function plainSocketWithoutDelay(
  options: { host?: string; port?: number; connectionTimeout?: number },
  callback: (error: Error | null, socketOptions?: { connection: Socket }) => void,
): void {
  const socket = connect({ host: options.host ?? 'localhost', port: options.port ?? 587 });
  socket.setNoDelay(true);
  socket.setTimeout(options.connectionTimeout ?? 10_000);
  const fail = (error: Error) => {
    socket.destroy();
    // As nodemailer names a connection that could not be made, so it is classified the same way.
    callback(Object.assign(error, { code: 'ECONNECTION' }));
  };
  socket.once('error', fail);
  socket.once('timeout', () => fail(new Error('Connection timeout')));
  socket.once('connect', () => {
    socket.setTimeout(0);
    socket.off('error', fail);
    callback(null, { connection: socket });
  });
}
