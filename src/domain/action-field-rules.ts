/**
 * What is read from the action's field definitions (action-fields.ts): labels, the spreadsheet columns in
 * order, the free-text fields, a change in words, the facts shown, and the PlanItems column encoding.
 * Kept apart from the definitions so that file stays the short list a new field is added to.
 */
import type { Action } from './action';
import {
  ACTION_FIELDS,
  type ActionFieldDefinition,
  type ActionFieldName,
  type FieldColumnName,
  type SheetColumnDefinition,
  type TextFieldName,
} from './action-fields';
import { dueDateFromColumn, dueDateToColumn } from './deadline';

const BY_NAME = new Map<string, ActionFieldDefinition>(ACTION_FIELDS.map((f) => [f.name, f]));

export function actionField(name: ActionFieldName): ActionFieldDefinition {
  return BY_NAME.get(name)!;
}

/** "Monitoring group"; a name that is not a field (an older history entry's) is shown as it is. */
export function fieldLabel(name: string): string {
  return BY_NAME.get(name)?.label ?? name;
}

/** The label inside a sentence: "Changed: lead agency, monitoring group". */
export function fieldWord(name: string): string {
  const label = fieldLabel(name);
  return label.charAt(0).toLowerCase() + label.slice(1);
}

/** Every spreadsheet column the fields define, left to right, with the field it belongs to. */
export const FIELD_COLUMNS: readonly (SheetColumnDefinition & { field: ActionFieldName })[] =
  ACTION_FIELDS.flatMap((f: ActionFieldDefinition) =>
    (f.columns ?? []).map((c) => ({ ...c, field: f.name })),
  ).sort((a, b) => a.position - b.position);

/** The fields a plan's file states, in the order a re-import names their changes. */
export const IMPORTED_FIELDS: readonly ActionFieldName[] = ACTION_FIELDS.flatMap(
  (f: ActionFieldDefinition) => (f.imported ? [f.name] : []),
);

export const TEXT_FIELDS = ACTION_FIELDS.flatMap((f: ActionFieldDefinition) =>
  f.text && f.columns?.[0]
    ? [{ name: f.name as TextFieldName, column: f.columns[0].name, limit: f.text.limit }]
    : [],
) as readonly { name: TextFieldName; column: FieldColumnName; limit: number }[];

/**
 * The free-text fields of an action as a file states them: a blank cell (absent) keeps what `before`
 * had, or '' for a new action.
 */
export function importedText(
  row: Partial<Record<TextFieldName, string>>,
  before?: Pick<Action, TextFieldName>,
): Record<TextFieldName, string> {
  return Object.fromEntries(
    TEXT_FIELDS.map((f) => [f.name, row[f.name] ?? before?.[f.name] ?? '']),
  ) as Record<TextFieldName, string>;
}

/** The free-text fields that say something, for records that leave blanks out (a round's snapshot). */
export function givenText(action: Pick<Action, TextFieldName>): Partial<Record<TextFieldName, string>> {
  return Object.fromEntries(TEXT_FIELDS.flatMap((f) => (action[f.name] ? [[f.name, action[f.name]]] : [])));
}

/** Whether a field's value differs between two versions of an action (lists and records by content). */
export function fieldChanged(name: ActionFieldName, before: Action, after: Action): boolean {
  return JSON.stringify(before[name]) !== JSON.stringify(after[name]);
}

/**
 * A change in words, for previews: "Monitoring group: A → B" where the field has short words for its
 * value, "Owners" where it is a list or long text.
 */
export function describeFieldChange(name: ActionFieldName, before: Action, after: Action): string {
  const field = actionField(name);
  return field.words ? `${field.label}: ${field.words(before)} → ${field.words(after)}` : field.label;
}

/** The labels of the fields shown among an action's facts: a table's headers for `fieldFacts`. */
export const FACT_LABELS: readonly string[] = ACTION_FIELDS.flatMap((f: ActionFieldDefinition) =>
  f.fact ? [f.label] : [],
);

/** The fields shown among an action's facts, as [label, text], leaving out those with nothing to say. */
export function fieldFacts(action: Action): [string, string][] {
  return ACTION_FIELDS.flatMap((f: ActionFieldDefinition) => {
    const text = f.fact?.(action);
    return text === undefined ? [] : [[f.label, text] as [string, string]];
  });
}

/** The field's value as its PlanItems column holds it; undefined: the column is not written. */
export function encodeStored(
  field: ActionFieldDefinition,
  action: Action,
): string | number | boolean | undefined {
  const value = action[field.name as ActionFieldName];
  switch (field.stored.as) {
    case 'text':
      return value as string;
    case 'optional':
      return value ? (value as string | number | boolean) : undefined;
    case 'blankable':
      return dueDateToColumn(value as string | undefined);
    case 'json':
      return JSON.stringify(value);
    case 'optional-json':
      return value ? JSON.stringify(value) : undefined;
    case 'row-key':
      return undefined;
    default: {
      const never: never = field.stored.as;
      throw new Error(`Unknown storage ${String(never)}`);
    }
  }
}

/** The field's value read from its column; undefined: the action has none (the key is left out). */
export function decodeStored(field: ActionFieldDefinition, column: unknown): unknown {
  switch (field.stored.as) {
    case 'text':
      return column;
    case 'optional':
      return column ? column : undefined;
    case 'blankable':
      return dueDateFromColumn(column);
    case 'json':
      return JSON.parse(column as string);
    case 'optional-json':
      return column ? JSON.parse(column as string) : undefined;
    case 'row-key':
      return undefined;
    default: {
      const never: never = field.stored.as;
      throw new Error(`Unknown storage ${String(never)}`);
    }
  }
}
