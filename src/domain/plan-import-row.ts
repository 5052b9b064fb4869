/**
 * One data row of a plan sheet read into an action: its text, owners, dates, rating or status,
 * contributing agencies and contacts, monitoring group and evidence links, each checked, every problem
 * added to the row's Checker and every reading noted for the person to confirm.
 */
import type { ActionFields, Owner } from './action';
import { TEXT_FIELDS } from './action-field-rules';
import type { TextFieldName } from './action-fields';
import { parseContributingContacts } from './contributing-contacts';
import { type Lifecycle, lifecycleLabel, parseLifecycle } from './lifecycle';
import { readDates } from './plan-import-dates';
import { parseRating, type Rating, type RatingScale, ratingName, ratingsOf } from './rating';
import type { Column } from './spreadsheet-columns';
import { type Checker, LIMITS } from './validation';

/** An action as the file states it; blank optional cells are absent, so a re-import leaves them alone. */
export type ImportedAction = Omit<
  ActionFields,
  | 'lifecycle'
  | 'rating'
  | 'currentDueDate'
  | 'evidenceLinks'
  | 'contributingAgencies'
  | TextFieldName
  | 'baselineDueDate'
> & {
  /** Absent when the timescale says there is no deadline ("Ongoing", "TBC"). */
  baselineDueDate?: string;
  lifecycle?: Lifecycle;
  rating?: Rating;
  currentDueDate?: string;
  evidenceLinks?: string[];
  contributingAgencies?: string[];
  /** The monitoring group as the file names it (its name or id); the import resolves it against the plan. */
  monitoringGroup?: string;
  /** The file's latest progress note, recorded in the action's history. */
  note?: string;
  row: number;
} & Partial<Record<TextFieldName, string>>; // Free text (success measure, …): absent when the cell is blank.

/** How a cell was understood, shown for confirmation ("Q3 2027/28" → "31 Dec 2027 (end of Q3 2027/28)"). */
export interface CellReading {
  sheet: string;
  row: number;
  actionId: string;
  column: Column;
  text: string;
  reading: string;
}

export function readAction(
  cell: (c: Column) => string,
  check: Checker,
  scale: RatingScale,
  readings: CellReading[],
  where: { sheet: string; row: number; actionId: string; areaId: string },
): ImportedAction {
  const noted = (column: Column, text: string, reading: string) =>
    readings.push({ sheet: where.sheet, row: where.row, actionId: where.actionId, column, text, reading });

  const { startDate, currentDueDate, baselineDueDate, dateToBeConfirmed } = readDates(cell, check, noted);

  const action: ImportedAction = {
    row: where.row,
    id: where.actionId,
    areaId: where.areaId,
    description: check.text('action', cell('action'), LIMITS.actionDescription, { required: true }),
    leadAgency: check.text('lead_agency', cell('lead_agency'), LIMITS.agency, { required: true }),
    owners: readOwners(cell('owner_name'), cell('owner_email'), check),
    ...(startDate ? { startDate } : {}),
    ...(baselineDueDate ? { baselineDueDate } : {}),
    ...(dateToBeConfirmed ? { dateToBeConfirmed } : {}),
    ...(currentDueDate ? { currentDueDate } : {}),
  };
  for (const field of TEXT_FIELDS) {
    const text = check.text(field.column, cell(field.column), field.limit);
    if (text !== '') action[field.name] = text;
  }
  const note = check.text('note', cell('note'), LIMITS.note);
  if (note !== '') action.note = note;

  const ratingText = cell('rating');
  if (ratingText !== '') {
    const rating = parseRating(ratingText);
    const done = parseLifecycle(ratingText);
    if (rating && ratingsOf(scale).includes(rating)) {
      action.rating = rating;
      if (ratingText.toLowerCase() !== rating) noted('rating', ratingText, ratingName(rating));
    } else if (done === 'complete' || done === 'impact_evidenced') {
      // "Complete" in the RAG column says where the action is, not how it is rated.
      action.lifecycle = done;
      noted('rating', ratingText, `status: ${lifecycleLabel(done)}`);
    } else {
      check.add(
        'rating',
        `"${ratingText}" is not a rating on this plan's scale (${ratingsOf(scale).join(', ')})`,
      );
    }
  }
  const lifecycleText = cell('lifecycle');
  if (lifecycleText !== '') {
    const lifecycle = parseLifecycle(lifecycleText);
    if (!lifecycle) {
      check.add(
        'lifecycle',
        `"${lifecycleText}" is not one of not started, in progress, complete, impact evidenced, withdrawn`,
      );
    } else action.lifecycle = lifecycle;
  }
  const agencies = splitList(cell('contributing_agencies'), /[;\n,]/);
  if (agencies.length > LIMITS.contributingAgencies) {
    check.add(
      'contributing_agencies',
      `lists ${agencies.length}; the limit is ${LIMITS.contributingAgencies}`,
    );
  }
  if (agencies.length > 0) {
    action.contributingAgencies = agencies.map((a) => check.text('contributing_agencies', a, LIMITS.agency));
  }
  readGroupColumns(action, cell, check);
  const links = splitList(cell('evidence_links'));
  if (links.length > LIMITS.evidenceLinks) {
    check.add('evidence_links', `lists ${links.length}; the limit is ${LIMITS.evidenceLinks}`);
  }
  if (links.length > 0) action.evidenceLinks = links.map((link) => check.httpsUrl('evidence_links', link));
  return action;
}

/**
 * Several owners share one cell, separated by semicolons, in the same order in both columns. An owner
 * named without an address is kept by name (no contact) until one is added.
 */
function readOwners(names: string, emails: string, check: Checker): Owner[] {
  const nameList = splitList(names);
  const emailList = splitList(emails);
  if (nameList.length === 0) {
    check.add('owner_name', 'is required');
    if (emailList.length === 0) return [];
  }
  if (emailList.length > 0 && nameList.length > 0 && nameList.length !== emailList.length) {
    check.add('owner_email', `lists ${emailList.length} addresses for ${nameList.length} owner names`);
  }
  const count = Math.max(nameList.length, emailList.length);
  if (count > LIMITS.owners) check.add('owner_email', `lists more than ${LIMITS.owners} owners`);
  return Array.from({ length: count }, (_, i) => {
    const email = emailList[i];
    return {
      name: check.text('owner_name', nameList[i] ?? '', LIMITS.personName),
      email: email === undefined ? '' : check.email('owner_email', email),
    };
  });
}

export function splitList(cell: string, separators: RegExp = /[;\n]/): string[] {
  return cell
    .split(separators)
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

/**
 * "Monitoring group" names the action's group; "Contributing contacts" / "Supported by" names people
 * (`Health: Sam Smith <sam@nhs.uk>`) where it carries them, and otherwise agencies, which contribute.
 */
function readGroupColumns(action: ImportedAction, cell: (c: Column) => string, check: Checker): void {
  const group = check.text('monitoring_group', cell('monitoring_group'), LIMITS.agency);
  if (group !== '') action.monitoringGroup = group;
  const parts = splitList(cell('contributing_contacts'));
  const people = parts.filter((part) => part.includes('@'));
  // Agencies alone are often listed with commas ("Police, Health"), as in the contributing agencies column.
  const agencies = parts.filter((part) => !part.includes('@')).flatMap((part) => splitList(part, /[,]/));
  if (people.length > 0)
    action.contributingContacts = parseContributingContacts(people.join(';'), check, 'contributing_contacts');
  const named = [...(action.contributingAgencies ?? [])];
  for (const agency of [...agencies, ...(action.contributingContacts ?? []).map((c) => c.agency)]) {
    const text = check.text('contributing_contacts', agency, LIMITS.agency);
    if (!named.some((a) => a.toLowerCase() === text.toLowerCase())) named.push(text);
  }
  if (named.length > (action.contributingAgencies?.length ?? 0)) action.contributingAgencies = named;
}
