/**
 * What counts as "this machine" in local mode (no app id, so no token is checked): requests must be
 * addressed to a loopback name, and the bot may call back only loopback service URLs. A browser that a
 * web page steered here by DNS rebinding still sends the page's own host name, which is refused.
 */

/** 127.0.0.0/8, localhost and ::1, as a host name without a port. */
export function isLoopbackName(name: string): boolean {
  const host = name.toLowerCase();
  return (
    host === 'localhost' ||
    host === '::1' ||
    host === '[::1]' ||
    /^127(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/.test(host)
  );
}

/** A Host header such as `127.0.0.1:3978`, `localhost` or `[::1]:3978`. */
export function isLoopbackHostHeader(header: string | undefined): boolean {
  if (!header) return false;
  const match = /^(\[[^\]]+\]|[^:]+)(:\d{1,5})?$/.exec(header.trim());
  return match !== null && isLoopbackName(match[1]!);
}

/** An http(s) URL whose host is loopback. */
export function isLoopbackUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && isLoopbackName(url.hostname);
  } catch {
    return false;
  }
}
