import type { CloudAdapter } from 'botbuilder';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { currentCorrelation } from '../support/correlation';
import type { Logger } from '../support/logger';
import type { ActionTrackerBot } from './action-tracker-bot';
import { activityProblem } from './activity-shape';

/** Teams activities are a few KB; anything near this is not from Teams. */
export const MAX_ACTIVITY_BYTES = 256 * 1024;

export function messagesRouter(adapter: CloudAdapter, bot: ActionTrackerBot, logger: Logger): Router {
  const router = express.Router();
  router.post(
    '/api/messages',
    express.json({ limit: MAX_ACTIVITY_BYTES, type: () => true }),
    async (req: Request, res: Response) => {
      const problem = activityProblem(req.body);
      const correlation = currentCorrelation();
      if (correlation && !problem) {
        // Teams' activity id joins this request's log lines to the turn the bot then handles.
        const body = req.body as { id?: unknown; type?: unknown };
        if (typeof body.id === 'string') correlation.activityId = body.id.slice(0, 128);
        if (typeof body.type === 'string') correlation.activityType = body.type.slice(0, 32);
      }
      if (problem) {
        res.status(400).json({ error: `Invalid activity: ${problem}` });
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
