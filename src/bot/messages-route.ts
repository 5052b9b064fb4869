import type { CloudAdapter } from 'botbuilder';
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
  /** Run once the activity is parsed, before the bot: a per-sender rate limit, say. */
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
    options.afterParse ?? ((_req: Request, _res: Response, next: NextFunction) => next()),
    async (req: Request, res: Response) => {
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
