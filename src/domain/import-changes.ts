/**
 * Works out what a (re-)import changes. Re-importing the same file changes nothing; a changed file
 * updates only the fields it states, and never removes an action or its history.
 *
 * A value edited in Action Tracker (dashboard, card, chat, CLI, e-mail link) since the file last set it
 * is not the file's to undo: the change is flagged with who edited it and when, and the app's value is
 * kept unless the person chose the file's value for that field (`takeFile`).
 */
import type { Action } from './action';
import { actionField, fieldChanged, fieldLabel, IMPORTED_FIELDS, importedText } from './action-field-rules';
import type { ActionFieldName } from './action-fields';
import type { Area } from './area';
import { formatContributingContacts } from './contributing-contacts';
import { formatUkDate, type IsoDate } from './dates';
import { formatDueDate } from './deadline';
import type { MonitoringGroup } from './monitoring-group';
import type { ImportedPlan } from './plan-import';
import type { ImportedAction } from './plan-import-row';
import type { StatusUpdate, UpdateSource } from './status-update';

/** The newest edit of a field made in Action Tracker since an import last set it. */
export interface AppEdit {
  at: string;
  by: string;
  source: UpdateSource;
}

/** Action id → field → its edit in the app since the file last set it. */
export type AppEdits = ReadonlyMap<string, ReadonlyMap<ActionFieldName, AppEdit>>;

/** Flagged fields whose file value the person chose: every one, or these (action id, field name). */
export type TakeFile = 'all' | readonly { actionId: string; field: ActionFieldName }[];

/** One field a re-import would change, in words: "Owners: Jo Bloggs <jo@…> → Sam Green <sam@…>". */
export interface FieldChange {
  field: ActionFieldName;
  /** From action-fields.ts: "Success measure", never the code name. */
  label: string;
  /** The value in Action Tracker now, in words. */
  from: string;
  /** The file's value, in words. */
  to: string;
  /** Set when the value was edited in Action Tracker since the file last set it. */
  editedInApp?: AppEdit;
  /** Which value the action ends with: always the file's unless flagged and not chosen. */
  took: 'file' | 'app';
}

export interface ActionChange {
  before: Action;
  after: Action;
  /** Code names of the fields the import writes, as the history stores them. */
  changedFields: string[];
  /** The written changes in words for the preview: "Owners: A <a@…> → B <b@…>", "Monitoring group: A → B". */
  described: string[];
  /** Every field on which the file and Action Tracker differ, written or kept. */
  fields: FieldChange[];
}

export interface ImportChanges {
  createdAreas: Area[];
  updatedAreas: Area[];
  createdActions: Action[];
  updatedActions: ActionChange[];
  unchangedActions: Action[];
  /**
   * Actions the file would change only in values edited in Action Tracker, all kept: nothing is written to
   * them, but the preview shows the flags and the history records that the app's values were kept.
   */
  keptActions: ActionChange[];
  /** In the store but not in the file: kept, and reported so the coordinator can withdraw them if meant. */
  missingFromFile: Action[];
}

export interface RespectedEdits {
  /** What was edited in the app since the last import (`appEditsSinceImport` over the plan's history). */
  edits: AppEdits;
  /** The flagged fields the person chose to take from the file; the rest keep the app's value. */
  takeFile?: TakeFile;
}

export function planImportChanges(
  planId: string,
  imported: ImportedPlan,
  existingAreas: readonly Area[],
  existingActions: readonly Action[],
  /** The plan's monitoring groups: the preview names a group by its name, as the file does. */
  groups: readonly Pick<MonitoringGroup, 'id' | 'name'>[] = [],
  respected: RespectedEdits = { edits: new Map() },
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
    keptActions: [],
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
    const fromFile = mergeAction(before, row);
    const differing = IMPORTED_FIELDS.filter((f) => fieldChanged(f, before, fromFile));
    if (differing.length === 0) {
      changes.unchangedActions.push(before);
      continue;
    }
    const edited = respected.edits.get(before.id);
    const fields = differing.map((field): FieldChange => {
      const editedInApp = edited?.get(field);
      return {
        field,
        label: fieldLabel(field),
        from: valueWords(field, before, groups),
        to: valueWords(field, fromFile, groups),
        ...(editedInApp ? { editedInApp } : {}),
        took: editedInApp && !takesFile(respected.takeFile, before.id, field) ? 'app' : 'file',
      };
    });
    // A kept field keeps the app's value exactly (an absent optional value stays absent).
    const after = fields
      .filter((f) => f.took === 'app')
      .reduce<Action>((action, f) => withValueOf(action, before, f.field), fromFile);
    const written = fields.filter((f) => f.took === 'file');
    const change: ActionChange = {
      before,
      after,
      changedFields: written.map((f) => f.field),
      described: written.map(describeChange),
      fields,
    };
    if (written.length === 0) changes.keptActions.push({ ...change, after: before });
    else changes.updatedActions.push(change);
  }
  changes.missingFromFile = existingActions.filter((a) => !inFile.has(a.id));
  return changes;
}

/** "Owners: Jo Bloggs <jo@…> → Sam Green <sam@…>". */
export function describeChange(change: Pick<FieldChange, 'label' | 'from' | 'to'>): string {
  return `${change.label}: ${change.from} → ${change.to}`;
}

function takesFile(takeFile: TakeFile | undefined, actionId: string, field: ActionFieldName): boolean {
  if (takeFile === 'all') return true;
  return (takeFile ?? []).some((t) => t.actionId === actionId && t.field === field);
}

function withValueOf(action: Action, source: Action, field: ActionFieldName): Action {
  const { [field]: _dropped, ...rest } = action;
  return (source[field] === undefined ? rest : { ...rest, [field]: source[field] }) as Action;
}

/**
 * A field's value as a person reads it: owners by name and address, a monitoring group by its name
 * (a group the plan no longer has, by its id), dates as "13 Jan 2027", lists joined, blanks as "none".
 */
export function valueWords(
  field: ActionFieldName,
  action: Action,
  groups: readonly Pick<MonitoringGroup, 'id' | 'name'>[] = [],
): string {
  const none = (text: string) => (text.trim() === '' ? 'none' : text);
  switch (field) {
    case 'owners':
      return none(
        action.owners
          .map((o) => (o.name && o.name !== o.email ? `${o.name} <${o.email}>` : o.email))
          .join('; '),
      );
    case 'monitoringGroupId': {
      const id = action.monitoringGroupId;
      return id ? (groups.find((g) => g.id === id)?.name ?? id) : 'none';
    }
    case 'startDate':
      return action.startDate ? formatUkDate(action.startDate as IsoDate) : 'none';
    case 'baselineDueDate':
    case 'currentDueDate':
      return formatDueDate(action[field]);
    case 'contributingAgencies':
    case 'evidenceLinks':
      return none(action[field].join('; '));
    case 'contributingContacts':
      return none(formatContributingContacts(action.contributingContacts));
    default: {
      const words = actionField(field).words;
      if (words) return words(action);
      const value = action[field];
      return none(typeof value === 'string' ? value : value === undefined ? '' : JSON.stringify(value));
    }
  }
}

/** "edited in Action Tracker on 3 Dec 2026 by Jo Bloggs", the day in the plan's time zone. */
export function editedInAppWords(edit: AppEdit, timeZone = 'Europe/London'): string {
  return `edited in Action Tracker on ${formatUkDate(dayIn(edit.at, timeZone))} by ${edit.by}`;
}

function dayIn(instant: string, timeZone: string): IsoDate {
  const at = new Date(instant);
  if (Number.isNaN(at.getTime())) return instant.slice(0, 10) as IsoDate;
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at) as IsoDate;
}

/** The fields an app entry of the history changed: those it names, and a rating, status or due date it moved. */
function fieldsEditedBy(entry: StatusUpdate): ActionFieldName[] {
  const named = (entry.changedFields ?? []).filter((f): f is ActionFieldName =>
    (IMPORTED_FIELDS as readonly string[]).includes(f),
  );
  const moved: ActionFieldName[] = [
    ...(entry.oldRating !== entry.newRating && entry.newRating !== undefined ? (['rating'] as const) : []),
    ...(entry.oldLifecycle !== entry.newLifecycle && entry.newLifecycle !== undefined && entry.oldLifecycle
      ? (['lifecycle'] as const)
      : []),
    ...(entry.dueDateMovedTo || entry.dateDecision === 'approved' ? (['currentDueDate'] as const) : []),
  ];
  return [...new Set([...named, ...moved])];
}

/**
 * For each action, the fields edited in Action Tracker since an import last set them, read from the
 * plan's history (newest first). An import that set a field (or created the action) ends the search for
 * it; an import that kept the app's value does not, so the edit stays flagged until the file's value is
 * taken; a note or a round's update that moved nothing counts for nothing.
 */
export function appEditsSinceImport(history: readonly StatusUpdate[]): AppEdits {
  const byAction = new Map<string, StatusUpdate[]>();
  for (const entry of history) byAction.set(entry.actionId, [...(byAction.get(entry.actionId) ?? []), entry]);
  const edits = new Map<string, Map<ActionFieldName, AppEdit>>();
  for (const [actionId, entries] of byAction) {
    const newestFirst = [...entries].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
    const settled = new Set<ActionFieldName>();
    const found = new Map<ActionFieldName, AppEdit>();
    for (const entry of newestFirst) {
      if (entry.source === 'import') {
        const kept = new Set((entry.importChoices ?? []).filter((c) => c.took === 'app').map((c) => c.field));
        const set = (entry.changedFields ?? []).includes('created')
          ? IMPORTED_FIELDS
          : (entry.changedFields ?? []).filter((f): f is ActionFieldName =>
              (IMPORTED_FIELDS as readonly string[]).includes(f),
            );
        for (const field of set) if (!kept.has(field)) settled.add(field);
        continue;
      }
      for (const field of fieldsEditedBy(entry)) {
        if (settled.has(field)) continue;
        settled.add(field);
        found.set(field, { at: entry.at, by: entry.author.name, source: entry.source });
      }
    }
    if (found.size > 0) edits.set(actionId, found);
  }
  return edits;
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
  change: { before?: Action; after: Action; changedFields?: string[]; fields?: readonly FieldChange[] },
  at: string,
  id: string,
  authorName: string,
  note?: string,
): StatusUpdate {
  const { before, after } = change;
  // Which way each value edited in Action Tracker went, so the history (and the next import) can say.
  const importChoices = (change.fields ?? []).flatMap((f) =>
    f.editedInApp
      ? [{ field: f.field, took: f.took, editedAt: f.editedInApp.at, editedBy: f.editedInApp.by }]
      : [],
  );
  return {
    ...(importChoices.length > 0 ? { importChoices } : {}),
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

/**
 * A field a file states, named as a person may type it: its label ("Success measure", "success-measure")
 * or its code name ("successMeasure"), in any case.
 */
export function importedFieldNamed(text: string): ActionFieldName | undefined {
  const squeeze = (s: string) => s.toLowerCase().replace(/[^a-z]/g, '');
  const wanted = squeeze(text);
  if (wanted === '') return undefined;
  return IMPORTED_FIELDS.find((f) => squeeze(f) === wanted || squeeze(fieldLabel(f)) === wanted);
}
