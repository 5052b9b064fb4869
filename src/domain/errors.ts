/**
 * Named errors the edges map to a card, an HTTP status or a CLI exit code.
 * Each carries a message fit to show a user as it is.
 */

export interface ValidationIssue {
  /** The field (or spreadsheet column) at fault. */
  field: string;
  /** Plain-English reason, e.g. "must be a date like 31/12/2024". */
  reason: string;
  /** 1-based spreadsheet row, where the issue came from a file. */
  row?: number;
}

export class ValidationError extends Error {
  override readonly name = 'ValidationError';
  constructor(readonly issues: readonly ValidationIssue[]) {
    super(issues.map(describeIssue).join('; '));
  }
}

export function describeIssue(issue: ValidationIssue): string {
  const where = issue.row === undefined ? issue.field : `row ${issue.row}, ${issue.field}`;
  return `${where}: ${issue.reason}`;
}

/** Someone else changed the record between our read and our write. */
export class ConflictError extends Error {
  override readonly name = 'ConflictError';
  constructor(readonly what: string) {
    super(`${what} has changed since you loaded it. Reload it and try again.`);
  }
}

export class NotFoundError extends Error {
  override readonly name = 'NotFoundError';
  constructor(readonly what: string) {
    super(`${what} was not found.`);
  }
}

export class NotAuthorisedError extends Error {
  override readonly name = 'NotAuthorisedError';
}

/** Storage could not be reached; the caller may retry later. */
export class UnavailableError extends Error {
  override readonly name = 'UnavailableError';
}

/** An import stopped part-way because someone changed the plan meanwhile; running it again finishes it. */
export class ImportInterruptedError extends Error {
  override readonly name = 'ImportInterruptedError';
  constructor(
    readonly planId: string,
    readonly saved: number,
    readonly total: number,
  ) {
    super(
      `Plan ${planId} changed while it was being imported: ${saved} of ${total} changes were saved, with their history. Run the same import again to finish; saved changes will show as unchanged.`,
    );
  }
}
