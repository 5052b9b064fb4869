/**
 * The dates of one imported row: start and current due date as UK or ISO dates, and the due date (the
 * timescale) as people write it ("Q3 2027/28", "March 2026", "Ongoing"), each reading noted for confirming.
 */
import { isValidIsoDate, parseUkDate } from './dates';
import type { Column } from './spreadsheet-columns';
import { readTimescale } from './timescale';
import type { Checker } from './validation';

export interface RowDates {
  startDate?: string | undefined;
  currentDueDate?: string | undefined;
  /** Absent when the timescale says there is no deadline ("Ongoing", "TBC"), or could not be read. */
  baselineDueDate?: string | undefined;
  /** The timescale said "TBC": no deadline yet, a date still owed (not "Ongoing"). */
  dateToBeConfirmed?: true | undefined;
}

export function readDates(
  cell: (c: Column) => string,
  check: Checker,
  noted: (column: Column, text: string, reading: string) => void,
): RowDates {
  const date = (column: 'start_date' | 'current_due_date'): string | undefined => {
    const raw = cell(column);
    if (raw === '') return undefined;
    const parsed = parseUkDate(raw);
    if (!parsed.ok) {
      check.add(column, parsed.reason);
      return undefined;
    }
    if (raw !== parsed.value) noted(column, raw, parsed.value);
    return parsed.value;
  };
  const startDate = date('start_date');
  const currentDueDate = date('current_due_date');

  let baselineDueDate: string | undefined;
  let dateToBeConfirmed: true | undefined;
  const timescale = cell('due_date');
  if (timescale === '') check.add('due_date', 'is blank: write a date, a month, a quarter or "Ongoing"');
  else {
    const reading = readTimescale(timescale);
    if (reading.kind === 'unreadable') check.add('due_date', reading.reason);
    else {
      if (reading.kind === 'date') baselineDueDate = reading.date;
      if (reading.kind === 'no-deadline' && reading.toBeConfirmed) dateToBeConfirmed = true;
      // An ISO date in the file needs no confirming; anything else is shown as read.
      if (!(reading.kind === 'date' && isValidIsoDate(timescale)))
        noted('due_date', timescale, reading.reading);
    }
  }
  if (startDate && baselineDueDate && baselineDueDate < startDate) {
    check.add('due_date', 'is before the start date');
  }

  return { startDate, currentDueDate, baselineDueDate, dateToBeConfirmed };
}
