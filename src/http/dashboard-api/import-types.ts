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
    /** Each change in words, by label: "Owners", "Monitoring group: none → board". */
    updated: { id: string; fields: string[] }[];
    unchanged: number;
    notInFile: string[];
  };
  /** The columns a header can be mapped to, with their labels, for the mapping's choices. */
  columns: { id: string; label: string }[];
}
