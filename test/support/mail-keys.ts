/**
 * Which message an e-mail is, read from its raw text: the plan, action and address its signed update
 * link names (`plan|action|address`), so counting duplicates and losses needs no parsing of the HTML.
 */
export function updateLinkKeyOf(raw: string): string | undefined {
  // Quoted-printable soft line breaks removed; a base64url payload has no "=" to be encoded.
  const payload = /\/update\/([A-Za-z0-9_-]+)\./.exec(raw.replace(/=\r?\n/g, ''))?.[1];
  if (!payload) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as {
      e?: string;
      p?: string;
      a?: string;
    };
    return `${claims.p}|${claims.a}|${claims.e}`;
  } catch {
    return undefined;
  }
}
