/**
 * The management page's monitoring rounds (contract in admin-rounds-types.ts): each route reads its
 * request, calls one use case of round-admin.ts (the chat's and the CLI's round use cases behind the one
 * access entry) and hands the typed outcome to `answer`, which gives it a status; the words are in
 * admin-rounds-view.ts.
 */
import { Router } from 'express';
import { ValidationError } from '../../domain/errors';
import { instanceId } from '../../support/instance-id';
import type { Channel } from '../../usecases/delivery/channel';
import {
  chaseRoundAs,
  closeRoundAs,
  endorseRoundAs,
  roundsBoard,
  startRoundAs,
} from '../../usecases/rounds/round-admin';
import {
  ADMIN_PLAN,
  type AdminApiDeps,
  actorOf,
  answer,
  bodyOf,
  changeRoute,
  jsonBody,
  planIdOf,
  type Route,
  text,
} from './admin-answer';
import { chasedWords, closedWords, endorsedWords, roundsView, startedWords } from './admin-rounds-view';

/** The management API's deps, and the channel round requests and chases go through (none in some tests). */
export type AdminRoundsDeps = AdminApiDeps & { channel?: Channel };

const ROUNDS = `${ADMIN_PLAN}/rounds`;

export function adminRoundsRouter(deps: AdminRoundsDeps, route: Route): Router {
  const router = Router();
  const json = jsonBody();
  const change = changeRoute(route);
  const sending = { ...deps, claimant: instanceId() };

  router.get(
    ROUNDS,
    route(async (req, res, actor) => {
      const outcome = await roundsBoard(deps, actorOf(actor), planIdOf(req));
      if (outcome.kind === 'saved') res.json(roundsView(outcome.value, Boolean(deps.channel)));
      else answer(res, outcome, () => ({ ok: true, message: '' }));
    }),
  );

  router.post(
    ROUNDS,
    json,
    change(
      (req, actor) => {
        const body = bodyOf(req);
        const group = text(body, 'group', 64).trim();
        const responseDue = text(body, 'responseDue', 32).trim();
        return startRoundAs(sending, actor, {
          planId: planIdOf(req),
          ...(group ? { group } : {}),
          ...(responseDue ? { responseDue } : {}),
        });
      },
      (started) => ({ ok: true, message: startedWords(started) }),
    ),
  );

  router.post(
    `${ROUNDS}/:round/chase`,
    json,
    change(
      (req, actor) =>
        chaseRoundAs(sending, actor, { planId: planIdOf(req), round: roundOf(req.params.round) }),
      (chased) => ({ ok: true, message: chasedWords(chased) }),
    ),
  );

  router.post(
    `${ROUNDS}/:round/close`,
    json,
    change(
      (req, actor) => {
        // The page shows what is outstanding, then asks; a request without the answer closes nothing.
        if (bodyOf(req).confirm !== true)
          throw new ValidationError([
            { field: 'confirm', reason: 'confirm that the round should close with what is outstanding' },
          ]);
        return closeRoundAs(deps, actor, { planId: planIdOf(req), number: roundOf(req.params.round) });
      },
      (closed) => ({ ok: true, message: closedWords(closed) }),
    ),
  );

  router.post(
    `${ROUNDS}/:round/endorsement`,
    json,
    change(
      (req, actor) => {
        const body = bodyOf(req);
        return endorseRoundAs(deps, actor, {
          planId: planIdOf(req),
          round: roundOf(req.params.round),
          meeting: text(body, 'meeting', 400),
          date: text(body, 'date', 32),
        });
      },
      (round) => ({ ok: true, message: endorsedWords(round) }),
    ),
  );

  return router;
}

function roundOf(raw: unknown): number {
  const round = Number(raw);
  if (!Number.isInteger(round) || round < 1 || round > 9999)
    throw new ValidationError([{ field: 'round', reason: 'must be a round number such as 2' }]);
  return round;
}
