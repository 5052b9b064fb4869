/**
 * Reading what a dashboard API request names: its path parameters (an id that could not exist is a 404,
 * never a lookup) and its JSON body. One reading for the tab's, the moderation and the management APIs.
 */
import type { Request } from 'express';
import { NotFoundError, ValidationError } from '../../domain/errors';
import { ITEM_ID_PATTERN, PLAN_ID_PATTERN } from '../../domain/validation';

export function planIdOf(req: Request): string {
  const planId = String(req.params.planId);
  if (!PLAN_ID_PATTERN.test(planId)) throw new NotFoundError(`Plan ${planId.slice(0, 64)}`);
  return planId;
}

export function itemIdOf(req: Request, name: 'actionId' | 'areaId'): string {
  const id = String(req.params[name]);
  if (!ITEM_ID_PATTERN.test(id))
    throw new NotFoundError(`${name === 'actionId' ? 'Action' : 'Area'} ${id.slice(0, 32)}`);
  return id;
}

/** A request body that must be a JSON object, as its fields; anything else is refused as invalid. */
export function jsonObject(body: unknown): Record<string, unknown> {
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw new ValidationError([{ field: 'body', reason: 'must be a JSON object' }]);
  return body as Record<string, unknown>;
}

export function bodyOf(req: Request): Record<string, unknown> {
  return jsonObject(req.body);
}
