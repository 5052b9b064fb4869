import type { Activity, CloudAdapter } from 'botbuilder';
import express, {
  type NextFunction,
  type Request,
  type RequestHandler,
  type Response,
  type Router,
} from 'express';
import { currentCorrelation } from '../support/correlation';
import type { Logger } from '../support/logger';
import { isLoopbackUrl } from '../support/loopback';
import type { ActionTrackerBot } from './action-tracker-bot';
import { activityProblem } from './activity-shape';

/** Teams activities are a few KB; anything near this is not from Teams. */
export const MAX_ACTIVITY_BYTES = 256 * 1024;

export interface MessagesRouteOptions {
  /** No app id: no token is checked, so the bot only talks to service URLs on this machine. */
  localMode: boolean;
  /**
   * Run once the activity is parsed and its token checked, before the bot: a per-sender rate limit,
   * say. Only then is `from.id` the sender Teams vouches for; before it, anyone could name anyone.
   */
  afterParse?: RequestHandler;
}

export function messagesRouter(
  adapter: CloudAdapter,
  bot: ActionTrackerBot,
  logger: Logger,
  options: MessagesRouteOptions,
): Router {
  const router = express.Router();
  router.post(
    '/api/messages',
    // Teams sends application/json. Anything else is refused before parsing: a web page can POST
    // text/plain or a form across sites without a preflight, and would otherwise reach the bot.
    (req: Request, res: Response, next: NextFunction) => {
      if (req.is('application/json')) return next();
      res.status(415).json({ error: 'Activities must be sent as application/json.' });
    },
    express.json({ limit: MAX_ACTIVITY_BYTES }),
    // Locally nothing is authenticated: the per-sender limit counts the sender as named.
    ...(options.localMode ? [] : [checkToken(adapter)]),
    options.afterParse ?? ((_req: Request, _res: Response, next: NextFunction) => next()),
    (req: Request, res: Response, next: NextFunction) => {
      const problem = activityProblem(req.body) ?? localProblem(req.body, options);
      const correlation = currentCorrelation();
      if (correlation && !problem) {
        // Teams' activity id joins this request's log lines to the turn the bot then handles.
        const body = req.body as { id?: unknown; type?: unknown };
        if (typeof body.id === 'string') correlation.activityId = body.id.slice(0, 128);
        if (typeof body.type === 'string') correlation.activityType = body.type.slice(0, 32);
      }
      if (problem) {
        res.status(problem === LOCAL_SERVICE_URL ? 403 : 400).json({ error: `Invalid activity: ${problem}` });
        return;
      }
      next();
    },
    async (req: Request, res: Response) => {
      await adapter.process(req, res, (context) => bot.run(context));
    },
  );
  router.use(
    '/api/messages',
    (error: Error & { status?: number; type?: string }, _req: Request, res: Response, next: NextFunction) => {
      if (error.type === 'entity.too.large') {
        res.status(413).json({ error: `Activity larger than ${MAX_ACTIVITY_BYTES} bytes` });
        return;
      }
      if (error.type === 'entity.parse.failed') {
        res.status(400).json({ error: 'Invalid activity: the body is not valid JSON' });
        return;
      }
      // Other client errors (a charset or compression the body cannot be read with) are answered by the
      // server's last handler with their 4xx; only what is this server's fault is logged as an error.
      if (!(error.status && error.status < 500))
        logger.error({ err: { name: error.name, message: error.message } }, 'error handling /api/messages');
      next(error);
    },
  );
  return router;
}

const LOCAL_SERVICE_URL = 'in local mode (no MicrosoftAppId) serviceUrl must be a loopback address';

/** Unauthenticated, the bot must not be made to post replies (and the roster lookup) to another host. */
function localProblem(body: unknown, options: MessagesRouteOptions): string | undefined {
  if (!options.localMode) return undefined;
  const { serviceUrl } = body as { serviceUrl: string };
  return isLoopbackUrl(serviceUrl) ? undefined : LOCAL_SERVICE_URL;
}

/** What CloudAdapter checks a token with (a protected field in its types; see `checkToken`). */
interface TokenChecker {
  authenticateRequest(activity: Activity, authHeader: string): Promise<unknown>;
}

/**
 * The Bot Framework token is checked before anything counts the activity against its sender, so a post
 * without a valid token cannot spend a real user's limit by naming them in `from.id`. The adapter checks
 * the token again as it runs the turn (its keys are cached, so that costs little). Any other failure
 * (Bot Framework's keys out of reach, say) is the error handler's: a 500, as the adapter would answer.
 */
function checkToken(adapter: CloudAdapter) {
  const checker = (adapter as unknown as { botFrameworkAuthentication: TokenChecker })
    .botFrameworkAuthentication;
  return async (req: Request, res: Response, next: NextFunction) => {
    const header = req.headers.authorization ?? '';
    try {
      await checker.authenticateRequest(req.body as Activity, header);
    } catch (error) {
      if ((error as { statusCode?: unknown }).statusCode === 401) {
        res.status(401).json({ error: 'Unauthorized: the activity carries no valid Bot Framework token.' });
        return;
      }
      throw error;
    }
    next();
  };
}
