/**
 * Local mode (no app id) checks no token, so a web page the developer happens to visit could otherwise
 * make their browser post to this server: a form post or a "simple" fetch needs no preflight, and a route
 * that reads no body (removing a delegation, say) would act on it. Browsers say where a request comes
 * from (Origin, and Sec-Fetch-Site in current ones); any state-changing request from another site is
 * refused before it reaches a route. Requests without those headers (the CLI, scripts, the Bot Framework
 * tools) come from no web page and go through.
 */
import type { NextFunction, Request, Response } from 'express';
import { isLoopbackUrl } from '../support/loopback';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function sameMachineWritesOnly() {
  return (req: Request, res: Response, next: NextFunction) => {
    if (SAFE_METHODS.has(req.method) || !crossSite(req)) return next();
    res.status(403).json({
      error:
        'Action Tracker in local mode refuses changes sent from another site: open it at http://localhost or 127.0.0.1.',
    });
  };
}

function crossSite(req: Request): boolean {
  const site = req.headers['sec-fetch-site'];
  if (site === 'cross-site') return true;
  // A page served with Referrer-Policy: no-referrer (the update page) has its own form posts sent with
  // Origin "null"; the browser's Sec-Fetch-Site, which no page can set, still says they are from this server.
  if (site === 'same-origin') return false;
  const origin = req.headers.origin;
  // "null" is a sandboxed frame, a file:// page or a redirect from elsewhere: never this machine's page.
  return origin !== undefined && !isLoopbackUrl(origin);
}
