/**
 * The dashboard's spreadsheet import: request and answer JSON (server: import-api.ts, page:
 * src/dashboard-page/import-page.ts). Self-contained, so the page's build needs nothing else.
 */

export interface TabImportRequest {
  planId: string;
  /** For a new plan. */
  title?: string;
  fileName: string;
  /** The file's bytes, base64. */
  file: string;
  choices?: {
    leaveOut?: string[];
    /** Header text → column id (or "ignore"). */
    mapping?: Record<string, string>;
  };
  /** false: preview only; true: import the good rows. */
  confirm: boolean;
  /**
   * Values edited in Action Tracker since the last import for which the person chose the file's value
   * (each as `changes.edited` names it); every other such value keeps what Action Tracker has.
   */
  takeFile?: { actionId: string; field: string }[];
}

/** A value the file would change that was edited in Action Tracker since the last import. */
export interface TabEditedValue {
  actionId: string;
  /** The field's code name, to send back in `takeFile`; never shown. */
  field: string;
  /** "Success measure". */
  label: string;
  /** Action Tracker's value, in words. */
  appValue: string;
  /** The file's value, in words. */
  fileValue: string;
  /** "edited in Action Tracker on 3 Dec 2026 by Jo Bloggs". */
  edited: string;
  /** Which value the action ends (or would end) with. */
  took: 'app' | 'file';
}

export interface TabImportAnswer {
  planId: string;
  planCreated: boolean;
  written: boolean;
  sheets: {
    name: string;
    included: boolean;
    headerRow?: number;
    skippedBecause?: string;
    headers: { header: string; column?: string; proposed?: string }[];
    rows: number;
    /** Needed columns no header is mapped to yet: the sheet is read once the mapping names them. */
    missingColumns?: string[];
  }[];
  readings: { sheet: string; row: number; actionId: string; column: string; text: string; reading: string }[];
  problems: { sheet: string; row: number; actionId?: string; issues: { field: string; reason: string }[] }[];
  changes: {
    areasCreated: number;
    areasUpdated: number;
    created: string[];
    /** Each change written, in words, by label: "Owners: Jo <jo@…> → Sam <sam@…>", "Monitoring group: none → board". */
    updated: { id: string; fields: string[] }[];
    unchanged: number;
    notInFile: string[];
    /** Values edited in Action Tracker since the last import that the file differs from: kept unless chosen. */
    edited: TabEditedValue[];
  };
  /** The columns a header can be mapped to, with their labels, for the mapping's choices. */
  columns: { id: string; label: string }[];
  /** The file's Measures sheet (issue 21); its rows with problems are in `problems`. */
  measures?: {
    sheets: string[];
    created: string[];
    updated: { id: string; fields: string[] }[];
    unchanged: number;
    /** "M1: 74 for 2026-11", each latest figure recorded as that period's value. */
    values: string[];
  };
}
