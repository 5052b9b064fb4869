/**
 * Signed report and update links carry their token in the path. Express matches routes without regard
 * to case, so `/UPDATE/<token>` is served like `/update/<token>`: whatever logs or reports a path must
 * recognise the link the same way, or the token leaks into logs and telemetry.
 */
const SIGNED_LINK = /^\/(reports|update)(\/|$)/i;

/** `/reports/[link]` or `/update/[link]` for a signed link's path (any case), else undefined. */
export function redactedSignedLink(path: string): string | undefined {
  const route = SIGNED_LINK.exec(path)?.[1];
  return route ? `/${route.toLowerCase()}/[link]` : undefined;
}
