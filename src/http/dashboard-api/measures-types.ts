/**
 * The dashboard's impact measures API (issue 21), beside api-types.ts: types only, shared by the server
 * (measures-api.ts) and the page (src/dashboard-page/measures.ts), which reads them through api-types.ts.
 *
 *   GET  /api/tab/plans/:planId/measures                      → TabMeasures (the measures the viewer may see,
 *                                                                each with its status: no values)
 *   GET  /api/tab/plans/:planId/measures/:measureId           → TabMeasure (one, with its points and entries)
 *   POST /api/tab/plans/:planId/measures                      body TabMeasureDefinition → TabMeasureDefineResult
 *   POST /api/tab/plans/:planId/measures/:measureId/definition body TabMeasureDefinition → TabMeasureDefineResult
 *   POST /api/tab/plans/:planId/measures/:measureId/values    body TabMeasureValueRequest → TabMeasureValueResult
 *
 * The list is summary-first: a plan of 500 measures answers their statuses in one small answer, and the
 * page asks for a measure's values when its chart comes near the screen.
 * A value is refused with 422 and `issues` by field (value, period, note), nothing stored; a definition
 * likewise, by the TabMeasureDefinition field; 403 when the viewer may see the measure but not report
 * (or define) it; 404 for a plan or measure they may not know of.
 */
export type TabMeasureStatus = 'on-track' | 'off-track' | 'no-data';

/** A dated figure: the baseline, or the target. */
export interface TabDatedValue {
  value: number;
  /** "48%" */
  valueLabel: string;
  date: string;
  /** "31 Mar 2026" */
  dateLabel: string;
}

/** The value that counts for one period (its newest entry), with where the line said it should be. */
export interface TabMeasurePoint {
  /** First month of the period, YYYY-MM. */
  period: string;
  /** "Nov 2026", "Oct–Dec 2026". */
  periodLabel: string;
  /** The period's last day: where the value sits on the chart's time axis. */
  periodEnd: string;
  value: number;
  valueLabel: string;
  /** On the line from baseline to target at the period's end (absent for a "within" measure). */
  expected?: number;
  expectedLabel: string;
  status: TabMeasureStatus;
  statusWords: string;
  reportedBy: string;
  reportedAt: string;
  reportedAtLabel: string;
  note?: string;
  /** The period had an earlier entry that this one corrects. */
  corrected: boolean;
}

/** Every entry ever made, newest first: the corrections history. */
export interface TabMeasureEntry {
  period: string;
  periodLabel: string;
  valueLabel: string;
  reportedBy: string;
  reportedAtLabel: string;
  note?: string;
  /** A later entry for the same period replaced it. */
  superseded: boolean;
}

/** A measure as the list shows it: its definition and today's status, without its values. */
export interface TabMeasureSummary {
  id: string;
  areaId: string;
  actionIds: string[];
  name: string;
  definition: string;
  source: string;
  unit: 'number' | 'percentage' | 'days' | 'count';
  kind: string;
  kindLabel: string;
  better: 'higher' | 'lower' | 'within';
  /** The on-track band of a "within" measure. */
  range?: { low: number; high: number };
  /** "higher is better", "best between 12 and 18". */
  polarityWords: string;
  baseline: TabDatedValue;
  target: TabDatedValue;
  frequency: 'monthly' | 'quarterly' | 'termly';
  reporter: string;
  status: TabMeasureStatus;
  statusWords: string;
  /** Why, in words: "71% in Nov 2026 against 68% expected". */
  reason: string;
  trend?: 'better' | 'worse' | 'same';
  /** "48% (31 Mar 2026) → 75% (Nov 2026) → 80% by 31 Mar 2027; higher is better; on track". */
  summary: string;
  /** The period a value is owed for now: the form's starting period. */
  owed: { period: string; label: string };
  /** The viewer may enter and correct its values (its reporter, or a coordinator). */
  mayReport: boolean;
  /** The viewer may change its definition (a coordinator). */
  mayDefine: boolean;
}

/** One measure in full: the summary with the value of each period and every entry. */
export interface TabMeasure extends TabMeasureSummary {
  points: TabMeasurePoint[];
  entries: TabMeasureEntry[];
}

export interface TabMeasures {
  planId: string;
  today: string;
  todayLabel: string;
  /** The viewer may add measures to the plan (a coordinator of a plan still open). */
  mayDefine: boolean;
  measures: TabMeasureSummary[];
}

/**
 * A measure's definition as the form sends it, every field as typed (the domain reads and refuses it);
 * `actionIds` is the linked actions' ids, separated by commas or spaces. `low` and `high` are the range
 * of a measure that is best "within" it. The id is the path's when editing.
 */
export interface TabMeasureDefinition {
  id?: string;
  areaId: string;
  actionIds: string;
  name: string;
  definition: string;
  source: string;
  unit: string;
  better: string;
  low?: string;
  high?: string;
  baseline: string;
  baselineDate: string;
  target: string;
  targetDate: string;
  frequency: string;
  reporter: string;
  kind: string;
}

export type TabMeasureDefineResult =
  | {
      ok: true;
      /** "Added M4: …" / "Saved the changes to M4." */
      message: string;
      measure: TabMeasureSummary;
    }
  | {
      ok: false;
      error: string;
      /** By TabMeasureDefinition field; nothing was stored. */
      issues?: { field: string; reason: string }[];
    };

export interface TabMeasureValueRequest {
  /** YYYY-MM, any month of the period. */
  period: string;
  value: string;
  note?: string;
}

export type TabMeasureValueResult =
  | {
      ok: true;
      /** "Recorded 75% for Nov 2026 (corrects 70%). Now on track: …" */
      message: string;
      measure: TabMeasure;
    }
  | {
      ok: false;
      error: string;
      /** Field-by-field problems (value, period, note) for a 422; nothing was stored. */
      issues?: { field: string; reason: string }[];
    };
