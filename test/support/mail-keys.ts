/**
 * Which message an e-mail is, read from its raw text: the plan, action and address its update link was
 * made for (`plan|action|address`), so counting duplicates and losses needs no parsing of the HTML. The
 * link is sealed (nothing readable in it), so the test opens it as the server would, with the secret the
 * test gave the server.
 */
import { updatePageKeys, verifyUpdateToken } from '../../src/http/update-page/update-link';

/** Long before any link's expiry: a test counting mail asks who a link is for, not whether it still works. */
const BEFORE_ANY_EXPIRY = new Date(0);

export function updateLinkKeyOf(raw: string, linkSecret: string): string | undefined {
  // Quoted-printable soft line breaks removed; a base64url token has no "=" to be encoded.
  const token = /\/update\/([A-Za-z0-9_-]+)/.exec(raw.replace(/=\r?\n/g, ''))?.[1];
  if (!token) return undefined;
  const claims = verifyUpdateToken(updatePageKeys(Buffer.from(linkSecret)), token, BEFORE_ANY_EXPIRY);
  return claims ? `${claims.p}|${claims.a}|${claims.e}` : undefined;
}
