/** How areas and actions are laid out as entities in the PlanItems table (see docs/storage.md). */
import type { Action } from '../domain/action';
import { decodeStored, encodeStored } from '../domain/action-field-rules';
import { ACTION_FIELDS, type ActionFieldDefinition } from '../domain/action-fields';
import type { Area } from '../domain/area';

export const AREA_PREFIX = 'area:';
export const ACTION_PREFIX = 'action:';

export type AreaEntity = {
  partitionKey: string;
  rowKey: string;
  text: string;
  order: number;
};

/**
 * An action's entity: one column per field, named and encoded as the field's definition says
 * (src/domain/action-fields.ts: filterable fields are columns of their own; lists are JSON, well under
 * the 64 KiB property limit; a due date is '' for no deadline, so a replace clears an earlier date).
 */
export type ActionEntity = {
  partitionKey: string;
  rowKey: string;
  [column: string]: string | number | boolean | undefined;
};

export function areaToEntity(area: Area): AreaEntity {
  return { partitionKey: area.planId, rowKey: AREA_PREFIX + area.id, text: area.text, order: area.order };
}

export function areaFromEntity(entity: AreaEntity): Area {
  return {
    planId: entity.partitionKey,
    id: entity.rowKey.slice(AREA_PREFIX.length),
    text: entity.text,
    order: entity.order,
  };
}

export function actionToEntity(action: Action): ActionEntity {
  const entity: ActionEntity = { partitionKey: action.planId, rowKey: ACTION_PREFIX + action.id };
  for (const field of ACTION_FIELDS as readonly ActionFieldDefinition[]) {
    const column = encodeStored(field, action);
    if (column !== undefined) entity[field.stored.column] = column;
  }
  return entity;
}

export function actionFromEntity(entity: ActionEntity): Action {
  const action: Record<string, unknown> = {
    planId: entity.partitionKey,
    id: entity.rowKey.slice(ACTION_PREFIX.length),
  };
  for (const field of ACTION_FIELDS as readonly ActionFieldDefinition[]) {
    const value = decodeStored(field, entity[field.stored.column]);
    if (value !== undefined) action[field.name] = value;
  }
  return action as unknown as Action;
}
