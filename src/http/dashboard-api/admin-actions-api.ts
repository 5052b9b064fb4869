/**
 * The plan's areas and actions on the management page: added, edited, rescheduled and withdrawn, each
 * against the version the form was drawn from.
 */
import { Router } from 'express';
import { ValidationError } from '../../domain/errors';
import {
  addActionAs,
  addAreaAs,
  editActionAs,
  editAreaAs,
  rescheduleActionAs,
  withdrawActionAs,
} from '../../usecases/admin/action-admin';
import type { AdminDeps } from '../../usecases/admin/admin-outcome';
import {
  ADMIN_PLAN,
  bodyOf,
  changeRoute,
  itemIdOf,
  jsonBody,
  planIdOf,
  type Route,
  text,
} from './admin-answer';

export function adminActionsRouter(useCases: AdminDeps, route: Route): Router {
  const router = Router();
  const json = jsonBody();
  const change = changeRoute(route);

  router.post(
    `${ADMIN_PLAN}/areas`,
    json,
    change(
      (req, actor) => {
        const body = bodyOf(req);
        return addAreaAs(useCases, actor, {
          planId: planIdOf(req),
          id: text(body, 'id', 64),
          text: text(body, 'text', 4000),
        });
      },
      ({ areaId }) => ({ ok: true, message: `Area ${areaId} added.` }),
    ),
  );

  router.post(
    `${ADMIN_PLAN}/areas/:areaId`,
    json,
    change(
      (req, actor) =>
        editAreaAs(useCases, actor, {
          planId: planIdOf(req),
          areaId: itemIdOf(req, 'areaId'),
          text: text(bodyOf(req), 'text', 4000),
        }),
      ({ areaId }) => ({ ok: true, message: `Area ${areaId} saved.` }),
    ),
  );

  router.post(
    `${ADMIN_PLAN}/actions`,
    json,
    change(
      (req, actor) => addActionAs(useCases, actor, { planId: planIdOf(req), fields: bodyOf(req) }),
      ({ actionId, version }) => ({ ok: true, message: `Action ${actionId} added.`, version }),
    ),
  );

  router.post(
    `${ADMIN_PLAN}/actions/:actionId`,
    json,
    change(
      (req, actor) => {
        const body = bodyOf(req);
        const fields = body.fields;
        if (!fields || typeof fields !== 'object' || Array.isArray(fields))
          throw new ValidationError([{ field: 'fields', reason: 'must be an object of the form’s values' }]);
        return editActionAs(useCases, actor, {
          planId: planIdOf(req),
          actionId: itemIdOf(req, 'actionId'),
          version: text(body, 'version', 32),
          fields: fields as Record<string, unknown>,
        });
      },
      ({ actionId, version, changed }) => ({
        ok: true,
        message:
          changed.length === 0 ? `Nothing had changed in action ${actionId}.` : `Action ${actionId} saved.`,
        version,
      }),
    ),
  );

  router.post(
    `${ADMIN_PLAN}/actions/:actionId/reschedule`,
    json,
    change(
      (req, actor) => {
        const body = bodyOf(req);
        return rescheduleActionAs(useCases, actor, {
          planId: planIdOf(req),
          actionId: itemIdOf(req, 'actionId'),
          version: text(body, 'version', 32),
          date: text(body, 'date', 40),
          reason: text(body, 'reason', 4000),
        });
      },
      ({ actionId, version }) => ({
        ok: true,
        message: `Action ${actionId} rescheduled. Its baseline date stays as agreed.`,
        version,
      }),
    ),
  );

  router.post(
    `${ADMIN_PLAN}/actions/:actionId/withdraw`,
    json,
    change(
      (req, actor) => {
        const body = bodyOf(req);
        return withdrawActionAs(useCases, actor, {
          planId: planIdOf(req),
          actionId: itemIdOf(req, 'actionId'),
          version: text(body, 'version', 32),
          reason: text(body, 'reason', 4000),
        });
      },
      ({ actionId, version }) => ({
        ok: true,
        message: `Action ${actionId} withdrawn. It stays in the plan’s history.`,
        version,
      }),
    ),
  );

  return router;
}
