/**
 * The link secret a local install keeps in its data folder. Issue 20: without LINK_SIGNING_SECRET the
 * server and the CLI each made a random key, so a round started or a sweep run from the CLI sent links
 * the running server refused. Now the first process to need one makes it (32 random bytes) and every
 * other process with the same DATA_DIR reads it, so both sign and open the same links, across restarts.
 *
 * Made atomically: written in full to a file of its own, then hard-linked into place, which fails if
 * another process got there first; so two processes starting together agree on the one that won, and
 * nobody reads a half-written file. Readable by its owner only (0600), like any key.
 */
import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const LINK_SECRET_FILE = 'link-signing-secret';

/** The data folder's link secret, made on first use; as LINK_SIGNING_SECRET would be (its text's bytes). */
export function dataDirLinkSecret(dataDir: string): Buffer {
  const path = join(dataDir, LINK_SECRET_FILE);
  const existing = readSecret(path);
  if (existing) return existing;
  mkdirSync(dataDir, { recursive: true });
  const draft = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  // base64url text: the same secret could be copied into LINK_SIGNING_SECRET and sign the same links.
  writeFileSync(draft, `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
  try {
    linkSync(draft, path);
  } catch (error) {
    // EEXIST: another process made it first, and its secret is the one everybody uses.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(draft);
  }
  const made = readSecret(path);
  if (!made) throw new Error(`${path} does not hold a link secret; delete it and start again`);
  return made;
}

function readSecret(path: string): Buffer | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8').trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  if (text.length < 32) throw new Error(`${path} does not hold a link secret; delete it and start again`);
  return Buffer.from(text);
}
