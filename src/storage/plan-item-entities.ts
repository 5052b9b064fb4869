/** How areas and actions are laid out as entities in the PlanItems table (see docs/storage.md). */
import type { Action } from '../domain/action';
import type { Area } from '../domain/area';

export const AREA_PREFIX = 'area:';
export const ACTION_PREFIX = 'action:';

export type AreaEntity = {
  partitionKey: string;
  rowKey: string;
  text: string;
  order: number;
};

/** Filterable fields are columns of their own; lists are JSON (well under the 64 KiB property limit). */
export type ActionEntity = {
  partitionKey: string;
  rowKey: string;
  areaId: string;
  description: string;
  leadAgency: string;
  ownersJson: string;
  contributingAgenciesJson: string;
  startDate?: string;
  /** '' for an action with no deadline: written, not left out, so a replace clears an earlier date. */
  baselineDueDate: string;
  currentDueDate: string;
  lifecycle: string;
  rating?: string;
  successMeasure: string;
  evidenceLinksJson: string;
  lastUpdatedAt?: string;
  revision?: number;
  reminderDaysBeforeJson?: string;
  snoozedUntil?: string;
  nextReminderOn?: string;
  pendingDateRequestJson?: string;
  contributingContactsJson?: string;
  monitoringGroupId?: string;
  agreedJson?: string;
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
  return {
    partitionKey: action.planId,
    rowKey: ACTION_PREFIX + action.id,
    areaId: action.areaId,
    description: action.description,
    leadAgency: action.leadAgency,
    ownersJson: JSON.stringify(action.owners),
    contributingAgenciesJson: JSON.stringify(action.contributingAgencies),
    ...(action.startDate ? { startDate: action.startDate } : {}),
    baselineDueDate: action.baselineDueDate ?? '',
    currentDueDate: action.currentDueDate ?? '',
    lifecycle: action.lifecycle,
    ...(action.rating ? { rating: action.rating } : {}),
    successMeasure: action.successMeasure,
    evidenceLinksJson: JSON.stringify(action.evidenceLinks),
    ...(action.lastUpdatedAt ? { lastUpdatedAt: action.lastUpdatedAt } : {}),
    ...(action.revision ? { revision: action.revision } : {}),
    ...(action.reminderDaysBefore
      ? { reminderDaysBeforeJson: JSON.stringify(action.reminderDaysBefore) }
      : {}),
    ...(action.snoozedUntil ? { snoozedUntil: action.snoozedUntil } : {}),
    ...(action.nextReminderOn ? { nextReminderOn: action.nextReminderOn } : {}),
    ...(action.pendingDateRequest
      ? { pendingDateRequestJson: JSON.stringify(action.pendingDateRequest) }
      : {}),
    ...(action.contributingContacts
      ? { contributingContactsJson: JSON.stringify(action.contributingContacts) }
      : {}),
    ...(action.monitoringGroupId ? { monitoringGroupId: action.monitoringGroupId } : {}),
    ...(action.agreed ? { agreedJson: JSON.stringify(action.agreed) } : {}),
  };
}

export function actionFromEntity(entity: ActionEntity): Action {
  return {
    planId: entity.partitionKey,
    id: entity.rowKey.slice(ACTION_PREFIX.length),
    areaId: entity.areaId,
    description: entity.description,
    leadAgency: entity.leadAgency,
    owners: JSON.parse(entity.ownersJson),
    contributingAgencies: JSON.parse(entity.contributingAgenciesJson),
    ...(entity.startDate ? { startDate: entity.startDate } : {}),
    ...(entity.baselineDueDate ? { baselineDueDate: entity.baselineDueDate } : {}),
    ...(entity.currentDueDate ? { currentDueDate: entity.currentDueDate } : {}),
    lifecycle: entity.lifecycle as Action['lifecycle'],
    ...(entity.rating ? { rating: entity.rating as Action['rating'] } : {}),
    successMeasure: entity.successMeasure,
    evidenceLinks: JSON.parse(entity.evidenceLinksJson),
    ...(entity.lastUpdatedAt ? { lastUpdatedAt: entity.lastUpdatedAt } : {}),
    ...(entity.revision ? { revision: entity.revision } : {}),
    ...(entity.reminderDaysBeforeJson
      ? { reminderDaysBefore: JSON.parse(entity.reminderDaysBeforeJson) }
      : {}),
    ...(entity.snoozedUntil ? { snoozedUntil: entity.snoozedUntil } : {}),
    ...(entity.nextReminderOn ? { nextReminderOn: entity.nextReminderOn } : {}),
    ...(entity.pendingDateRequestJson
      ? { pendingDateRequest: JSON.parse(entity.pendingDateRequestJson) }
      : {}),
    ...(entity.contributingContactsJson
      ? { contributingContacts: JSON.parse(entity.contributingContactsJson) }
      : {}),
    ...(entity.monitoringGroupId ? { monitoringGroupId: entity.monitoringGroupId } : {}),
    ...(entity.agreedJson ? { agreed: JSON.parse(entity.agreedJson) } : {}),
  };
}
