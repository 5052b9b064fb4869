/**
 * Works out what a (re-)import changes. Re-importing the same file changes nothing; a changed file
 * updates only the fields it states, and never removes an action or its history.
 */
import type { Action } from './action';
import { describeFieldChange, fieldChanged, IMPORTED_FIELDS, importedText } from './action-field-rules';
import type { Area } from './area';
import type { MonitoringGroup } from './monitoring-group';
import type { ImportedPlan } from './plan-import';
import type { ImportedAction } from './plan-import-row';
import type { StatusUpdate } from './status-update';

export interface ActionChange {
  before: Action;
  after: Action;
  /** Code names, as the history stores them. */
  changedFields: string[];
  /** The same changes in words for the preview: "Owners", "Monitoring group: A → B". */
  described: string[];
}

export interface ImportChanges {
  createdAreas: Area[];
  updatedAreas: Area[];
  createdActions: Action[];
  updatedActions: ActionChange[];
  unchangedActions: Action[];
  /** In the store but not in the file: kept, and reported so the coordinator can withdraw them if meant. */
  missingFromFile: Action[];
}

export function planImportChanges(
  planId: string,
  imported: ImportedPlan,
  existingAreas: readonly Area[],
  existingActions: readonly Action[],
  /** The plan's monitoring groups: the preview names a group by its name, as the file does. */
  groups: readonly Pick<MonitoringGroup, 'id' | 'name'>[] = [],
): ImportChanges {
  const areasById = new Map(existingAreas.map((a) => [a.id, a]));
  const createdAreas: Area[] = [];
  const updatedAreas: Area[] = [];
  let nextOrder = existingAreas.reduce((max, a) => Math.max(max, a.order), 0);
  for (const area of imported.areas) {
    const known = areasById.get(area.id);
    if (!known) createdAreas.push({ planId, id: area.id, text: area.text, order: ++nextOrder });
    else if (known.text !== area.text) updatedAreas.push({ ...known, text: area.text });
  }

  const actionsById = new Map(existingActions.map((a) => [a.id, a]));
  const changes: ImportChanges = {
    createdAreas,
    updatedAreas,
    createdActions: [],
    updatedActions: [],
    unchangedActions: [],
    missingFromFile: [],
  };
  const inFile = new Set<string>();
  for (const row of imported.actions) {
    inFile.add(row.id);
    const before = actionsById.get(row.id);
    if (!before) {
      changes.createdActions.push(newAction(planId, row));
      continue;
    }
    const after = mergeAction(before, row);
    const changedFields = IMPORTED_FIELDS.filter((f) => fieldChanged(f, before, after));
    if (changedFields.length === 0) changes.unchangedActions.push(before);
    else
      changes.updatedActions.push({
        before,
        after,
        changedFields,
        described: changedFields.map((f) =>
          describeFieldChange(f, namedGroup(before, groups), namedGroup(after, groups)),
        ),
      });
  }
  changes.missingFromFile = existingActions.filter((a) => !inFile.has(a.id));
  return changes;
}

/**
 * The action as a preview words it: its monitoring group by the group's name ("Monitoring group: none →
 * Partnership board"), not the id the action stores. A group the plan no longer has keeps its id.
 */
function namedGroup(action: Action, groups: readonly Pick<MonitoringGroup, 'id' | 'name'>[]): Action {
  const group = action.monitoringGroupId && groups.find((g) => g.id === action.monitoringGroupId);
  return group ? { ...action, monitoringGroupId: group.name } : action;
}

function newAction(planId: string, row: ImportedAction): Action {
  return {
    planId,
    id: row.id,
    areaId: row.areaId,
    description: row.description,
    leadAgency: row.leadAgency,
    owners: row.owners,
    contributingAgencies: row.contributingAgencies ?? [],
    ...(row.startDate ? { startDate: row.startDate } : {}),
    baselineDueDate: row.baselineDueDate,
    currentDueDate: row.currentDueDate ?? row.baselineDueDate,
    ...(row.dateToBeConfirmed ? { dateToBeConfirmed: true } : {}),
    // A rated action has evidently begun; an unrated one has nothing to show yet.
    lifecycle: row.lifecycle ?? (row.rating ? 'in_progress' : 'not_started'),
    ...(row.rating ? { rating: row.rating } : {}),
    ...importedText(row),
    evidenceLinks: row.evidenceLinks ?? [],
    ...(row.monitoringGroupId ? { monitoringGroupId: row.monitoringGroupId } : {}),
    ...(row.contributingContacts ? { contributingContacts: row.contributingContacts } : {}),
  };
}

function mergeAction(before: Action, row: ImportedAction): Action {
  // A due date not yet revised follows the file's; an approved revision is kept unless the file states one.
  const wasRevised = before.currentDueDate !== before.baselineDueDate;
  const currentDueDate = row.currentDueDate ?? (wasRevised ? before.currentDueDate : row.baselineDueDate);
  const startDate = row.startDate ?? before.startDate;
  // "TBC" is the file's timescale like any date: a file that now says "Ongoing" or a date clears it.
  const { dateToBeConfirmed: _wasToBeConfirmed, ...kept } = before;
  return {
    ...kept,
    ...(row.dateToBeConfirmed ? { dateToBeConfirmed: true } : {}),
    areaId: row.areaId,
    description: row.description,
    leadAgency: row.leadAgency,
    owners: row.owners,
    ...(startDate ? { startDate } : {}),
    baselineDueDate: row.baselineDueDate,
    currentDueDate,
    ...importedText(row, before),
    lifecycle: row.lifecycle ?? before.lifecycle,
    ...(row.rating ? { rating: row.rating } : before.rating ? { rating: before.rating } : {}),
    contributingAgencies: row.contributingAgencies ?? before.contributingAgencies,
    evidenceLinks: row.evidenceLinks ?? before.evidenceLinks,
    // A blank group or contacts cell leaves them as they are, like every other optional column.
    ...(row.monitoringGroupId ? { monitoringGroupId: row.monitoringGroupId } : {}),
    ...(row.contributingContacts ? { contributingContacts: row.contributingContacts } : {}),
  };
}

/** The history entry an import leaves on an action it created or changed. */
export function importHistoryEntry(
  change: { before?: Action; after: Action; changedFields?: string[] },
  at: string,
  id: string,
  authorName: string,
  note?: string,
): StatusUpdate {
  const { before, after } = change;
  return {
    ...(note ? { note } : {}),
    planId: after.planId,
    actionId: after.id,
    id,
    at,
    author: { name: authorName },
    ...(before?.rating ? { oldRating: before.rating } : {}),
    ...(after.rating ? { newRating: after.rating } : {}),
    ...(before ? { oldLifecycle: before.lifecycle } : {}),
    newLifecycle: after.lifecycle,
    changedFields: change.changedFields ?? ['created'],
    source: 'import',
  };
}
