/**
 * With no SMTP relay configured, e-mail still goes somewhere a newcomer can see it: an SMTP server on
 * loopback, inside this process, that keeps every message as an .eml file under the data folder. The
 * router in ./mail-catcher-page.ts lists them at /dev/mail. Nothing here ever leaves the machine.
 */
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';

/** Large enough for any e-mail this app sends, small enough that nothing fills the disk by accident. */
const MAX_MESSAGE_BYTES = 5 * 1024 * 1024;

export interface RunningMailCatcher {
  /** Give this to the SMTP transport as SMTP_URL. */
  url: string;
  /** Where the .eml files are. */
  folder: string;
  stop(): Promise<void>;
}

/** The catcher's folder under the data folder (DATA_DIR, `.data` by default), as Azurite's is. */
export function mailFolder(dataDir: string): string {
  return join(dataDir, 'mail');
}

export async function startMailCatcher(options: {
  dataDir: string;
  port?: number;
}): Promise<RunningMailCatcher> {
  const folder = mailFolder(options.dataDir);
  mkdirSync(folder, { recursive: true });
  const server = new SMTPServer({
    // Loopback only and no credentials: it is a local sink, not a relay.
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: MAX_MESSAGE_BYTES,
    banner: 'Action Tracker local mail catcher',
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (stream.sizeExceeded) {
          callback(Object.assign(new Error('Message too large'), { responseCode: 552 }));
          return;
        }
        // Time first, so a listing sorted by name is sorted by arrival.
        const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomBytes(4).toString('hex')}.eml`;
        writeFile(join(folder, name), Buffer.concat(chunks)).then(
          () => callback(),
          (error: Error) => callback(error),
        );
      });
    },
  });
  server.listen(options.port ?? 0, '127.0.0.1');
  await once(server.server, 'listening');
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    folder,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
