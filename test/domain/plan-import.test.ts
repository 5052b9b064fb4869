import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { ValidationError, type ValidationIssue } from '../../src/domain/errors';
import { type ImportedPlan, MAX_IMPORT_ROWS, readPlanRows } from '../../src/domain/plan-import';
import { mapHeaders, REQUIRED_IMPORT_COLUMNS } from '../../src/domain/plan-import-header';
import { splitList } from '../../src/domain/plan-import-row';
import type { RatingScale } from '../../src/domain/rating';

import { NORTHUMBERLAND_CSV } from '../support/plans';

const HEADER = [
  'area_id',
  'area',
  'action_id',
  'action',
  'lead_agency',
  'owner_name',
  'owner_email',
  'start_date',
  'due_date',
  'rating',
  'success_measure',
] as const;

type Header = (typeof HEADER)[number];
type Cells = Partial<Record<Header, string>>;

const DEFAULT_CELLS: Record<Header, string> = {
  area_id: 'AFI1',
  area: 'Timely sharing of information',
  action_id: '1.1',
  action: 'Refresh the information-sharing guidance',
  lead_agency: 'Police',
  owner_name: 'Jo Bloggs',
  owner_email: 'jo.bloggs@example.org',
  start_date: '2024-09-01',
  due_date: '2024-12-31',
  rating: '',
  success_measure: 'Guidance published',
};

/** A data row in the canonical column order, with `cells` overriding the defaults. */
function row(cells: Cells = {}): string[] {
  return HEADER.map((h) => cells[h] ?? DEFAULT_CELLS[h]);
}

function read(
  body: string[][],
  scale: RatingScale = 'quadrant',
  header: string[] = [...HEADER],
): ImportedPlan {
  return readPlanRows([header, ...body], scale);
}

/** The issues readPlanRows throws; fails the test when it does not throw a ValidationError. */
function issuesOf(body: string[][], scale: RatingScale = 'quadrant', header: string[] = [...HEADER]) {
  try {
    read(body, scale, header);
  } catch (error) {
    if (error instanceof ValidationError) return error.issues;
    throw error;
  }
  throw new Error('expected readPlanRows to refuse the file, but it accepted it');
}

function onlyIssue(issues: readonly ValidationIssue[]): ValidationIssue {
  expect(issues).toHaveLength(1);
  return issues[0]!;
}

describe('mapHeaders', () => {
  test('when the headers are the canonical column names, then each maps to itself and none is ignored', () => {
    const { mapping, ignoredHeaders, issues } = mapHeaders([...HEADER]);

    expect(mapping).toEqual(HEADER.map((h) => ({ header: h, column: h })));
    expect(ignoredHeaders).toEqual([]);
    expect(issues).toEqual([]);
  });

  test.each([
    ['Lead officer', 'owner_name'],
    ['Target date', 'due_date'],
    ['RAG', 'rating'],
    ['RAG rating', 'rating'],
    ['rag status', 'rating'],
    ['Area for Improvement', 'area'],
    ['AFI', 'area_id'],
    ['Action No.', 'action_id'],
    ['Ref', 'action_id'],
    ['Lead Agency', 'lead_agency'],
    ['Lead organisation', 'lead_agency'],
    ['Responsible officer', 'owner_name'],
    ['E-mail', 'owner_email'],
    ['Lead officer e-mail', 'owner_email'],
    ['Email address', 'owner_email'],
    ['Deadline', 'due_date'],
    ['Start date', 'start_date'],
    ['Measure of success', 'success_measure'],
    ['Revised due date', 'current_due_date'],
    ['Status', 'lifecycle'],
    ['Contributing partners', 'contributing_agencies'],
    ['Evidence', 'evidence_links'],
  ])('when a header reads %p, then it maps to %p', (header, column) => {
    const { mapping } = mapHeaders([header]);

    expect(mapping).toEqual([{ header, column }]);
  });

  test.each([['TARGET DATE'], ['  target   date  '], ['Target_Date'], ['target-date'], ['Target date:']])(
    'when the header %p differs only in case, spacing or punctuation, then it still maps to due_date',
    (header) => {
      const { mapping } = mapHeaders([header]);

      expect(mapping).toEqual([{ header, column: 'due_date' }]);
    },
  );

  test('when a header is not recognised, then it is listed as ignored and not mapped', () => {
    const { mapping, ignoredHeaders } = mapHeaders([...HEADER, 'Comments', 'Notes']);

    expect(ignoredHeaders).toEqual(['Comments', 'Notes']);
    expect(mapping.map((m) => m.column)).not.toContain('Comments');
    expect(mapping).toHaveLength(HEADER.length);
  });

  test('when a header cell is blank, then it is neither mapped nor ignored', () => {
    const { mapping, ignoredHeaders, issues } = mapHeaders([...HEADER, '', '   ']);

    expect(mapping).toHaveLength(HEADER.length);
    expect(ignoredHeaders).toEqual([]);
    expect(issues).toEqual([]);
  });

  test('when required columns are missing, then each is reported on row 1 by its column name', () => {
    const { issues } = mapHeaders(['area_id', 'area', 'action_id', 'action', 'lead_agency']);

    expect(issues).toEqual([
      { row: 1, field: 'due_date', reason: 'no column for this was found' },
      { row: 1, field: 'owner_name', reason: 'no column for this was found' },
    ]);
  });

  test('when there are no headers at all, then every required column is reported missing', () => {
    const { issues } = mapHeaders([]);

    expect(issues.map((i) => i.field)).toEqual([...REQUIRED_IMPORT_COLUMNS, 'owner_name']);
    expect(issues.every((i) => i.row === 1)).toBe(true);
  });

  test('when two headers map to the same column, then the second is reported naming the first', () => {
    const { mapping, issues } = mapHeaders([...HEADER, 'Target date']);

    expect(issues).toEqual([
      { row: 1, field: 'Target date', reason: 'maps to due_date, as "due_date" does already' },
    ]);
    expect(mapping.filter((m) => m.column === 'due_date')).toEqual([
      { header: 'due_date', column: 'due_date' },
    ]);
  });

  test('when optional columns are absent, then nothing is reported', () => {
    const { issues } = mapHeaders([...REQUIRED_IMPORT_COLUMNS, 'owner_name']);

    expect(issues).toEqual([]);
  });
});

describe('readPlanRows: a valid file', () => {
  test('when every row is valid, then it returns the areas in first-seen order and the actions with their row numbers', () => {
    const plan = read([
      row({ area_id: 'AFI2', area: 'Second area', action_id: '2.1' }),
      row({ action_id: '1.1' }),
      row({ area_id: 'AFI2', area: 'Second area', action_id: '2.2' }),
    ]);

    expect(plan.areas).toEqual([
      { id: 'AFI2', text: 'Second area', order: 1 },
      { id: 'AFI1', text: 'Timely sharing of information', order: 2 },
    ]);
    expect(plan.actions.map((a) => [a.id, a.areaId, a.row])).toEqual([
      ['2.1', 'AFI2', 2],
      ['1.1', 'AFI1', 3],
      ['2.2', 'AFI2', 4],
    ]);
  });

  test('when a row is read, then its fields are trimmed, dates are ISO and the owner e-mail is lower case', () => {
    const plan = read([
      row({
        action: '  Refresh the guidance  ',
        owner_name: ' Jo Bloggs ',
        owner_email: ' Jo.Bloggs@Example.ORG ',
        start_date: '1/9/2024',
        due_date: '31 Dec 2024',
        rating: 'Amber',
      }),
    ]);

    expect(plan.actions[0]).toEqual({
      row: 2,
      id: '1.1',
      areaId: 'AFI1',
      description: 'Refresh the guidance',
      leadAgency: 'Police',
      owners: [{ name: 'Jo Bloggs', email: 'jo.bloggs@example.org' }],
      startDate: '2024-09-01',
      baselineDueDate: '2024-12-31',
      successMeasure: 'Guidance published',
      rating: 'amber',
    });
  });

  test('when optional cells are blank, then those fields are absent rather than empty', () => {
    const plan = read([row({ start_date: '', rating: '' })]);

    const action = plan.actions[0]!;
    expect(action).not.toHaveProperty('startDate');
    expect(action).not.toHaveProperty('rating');
    expect(action).not.toHaveProperty('lifecycle');
    expect(action).not.toHaveProperty('currentDueDate');
    expect(action).not.toHaveProperty('evidenceLinks');
    expect(action).not.toHaveProperty('contributingAgencies');
  });

  test('when the headers are council variants in another order, then the cells are read from the right columns', () => {
    const header = [
      'Target date',
      'RAG',
      'Lead officer',
      'E-mail',
      'Agency',
      'Action',
      'Ref',
      'AFI text',
      'AFI',
    ];
    const plan = read(
      [
        [
          '31/03/2025',
          'G',
          'Sam Smith',
          'sam@example.org',
          'Education',
          'Train staff',
          '3.1',
          'Training',
          'T1',
        ],
      ],
      'rag',
      header,
    );

    expect(plan.areas).toEqual([{ id: 'T1', text: 'Training', order: 1 }]);
    expect(plan.actions[0]).toMatchObject({
      id: '3.1',
      areaId: 'T1',
      description: 'Train staff',
      leadAgency: 'Education',
      owners: [{ name: 'Sam Smith', email: 'sam@example.org' }],
      baselineDueDate: '2025-03-31',
      rating: 'green',
    });
    // No success-measure column: absent, so a re-import would keep whatever is stored.
    expect(plan.actions[0]).not.toHaveProperty('successMeasure');
    expect(plan.mapping).toContainEqual({ header: 'Lead officer', column: 'owner_name' });
    expect(plan.mapping).toContainEqual({ header: 'Target date', column: 'due_date' });
    expect(plan.mapping).toContainEqual({ header: 'RAG', column: 'rating' });
  });

  test('when the file has columns the plan does not use, then they are reported as ignored', () => {
    const plan = read([[...row(), 'a comment']], 'quadrant', [...HEADER, 'Comments']);

    expect(plan.ignoredHeaders).toEqual(['Comments']);
    expect(plan.actions).toHaveLength(1);
  });

  test('when a row is shorter than the header, then its missing trailing cells count as blank', () => {
    const short = row().slice(0, HEADER.indexOf('due_date') + 1);

    const plan = read([short]);

    expect(plan.actions[0]).not.toHaveProperty('rating');
    expect(plan.actions[0]).not.toHaveProperty('successMeasure');
  });

  test('when blank rows trail the data, then they are ignored', () => {
    const blank = HEADER.map(() => '');
    const spaces = HEADER.map(() => '   ');

    const plan = read([row({ action_id: '1.1' }), row({ action_id: '1.2' }), blank, spaces, []]);

    expect(plan.actions.map((a) => a.id)).toEqual(['1.1', '1.2']);
  });

  test('when a blank row sits between data rows, then it is skipped but later rows keep their spreadsheet row numbers', () => {
    const plan = read([row({ action_id: '1.1' }), HEADER.map(() => ''), row({ action_id: '1.2' })]);

    expect(plan.actions.map((a) => [a.id, a.row])).toEqual([
      ['1.1', 2],
      ['1.2', 4],
    ]);
  });

  test('when the real Northumberland plan is read, then all its areas and actions come through', () => {
    const rows = parse(readFileSync(NORTHUMBERLAND_CSV)) as string[][];

    const plan = readPlanRows(rows, 'quadrant');

    expect(plan.areas.map((a) => a.id)).toEqual(['CE1', 'CE2', 'CE3', 'CE4', 'CE5', 'CE6']);
    expect(plan.areas.map((a) => a.order)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(plan.actions).toHaveLength(rows.length - 1);
    expect(plan.actions[0]).toMatchObject({
      id: '1.1',
      areaId: 'CE1',
      leadAgency: "Children's Social Care",
      owners: [{ name: 'Head of Service Looked After Children', email: 'lac.head@example.org' }],
      startDate: '2019-12-01',
      baselineDueDate: '2020-09-30',
      rating: 'green',
      row: 2,
    });
    expect(plan.ignoredHeaders).toEqual([]);
  });
});

describe('readPlanRows: several owners', () => {
  test('when names and e-mails list several owners separated by ";", then they are paired in order', () => {
    const plan = read([
      row({
        owner_name: 'Ann Able; Bob Baker ;Cat Cole',
        owner_email: 'ann@example.org;BOB@example.org; cat@example.org',
      }),
    ]);

    expect(plan.actions[0]!.owners).toEqual([
      { name: 'Ann Able', email: 'ann@example.org' },
      { name: 'Bob Baker', email: 'bob@example.org' },
      { name: 'Cat Cole', email: 'cat@example.org' },
    ]);
  });

  test('when owners are separated by line breaks within the cell, then they are split the same way', () => {
    const plan = read([
      row({ owner_name: 'Ann Able\nBob Baker', owner_email: 'ann@example.org\nbob@example.org' }),
    ]);

    expect(plan.actions[0]!.owners.map((o) => o.email)).toEqual(['ann@example.org', 'bob@example.org']);
  });

  test('when there are more e-mails than names, then the row is refused saying how many of each', () => {
    const issue = onlyIssue(
      issuesOf([row({ owner_name: 'Ann Able', owner_email: 'ann@example.org; bob@example.org' })]),
    );

    expect(issue).toEqual({ row: 2, field: 'owner_email', reason: 'lists 2 addresses for 1 owner names' });
  });

  test('when there are more names than e-mails, then the row is refused saying how many of each', () => {
    const issue = onlyIssue(
      issuesOf([row({ owner_name: 'Ann Able; Bob Baker; Cat Cole', owner_email: 'ann@example.org' })]),
    );

    expect(issue).toEqual({ row: 2, field: 'owner_email', reason: 'lists 1 addresses for 3 owner names' });
  });

  test('when there are more than 10 owners, then the row is refused', () => {
    const names = Array.from({ length: 11 }, (_, i) => `Owner ${i}`).join('; ');
    const emails = Array.from({ length: 11 }, (_, i) => `owner${i}@example.org`).join('; ');

    const issue = onlyIssue(issuesOf([row({ owner_name: names, owner_email: emails })]));

    expect(issue).toEqual({ row: 2, field: 'owner_email', reason: 'lists more than 10 owners' });
  });

  test('when the owner name is blank, then it is reported as required', () => {
    const issue = onlyIssue(issuesOf([row({ owner_name: '' })]));

    expect(issue).toEqual({ row: 2, field: 'owner_name', reason: 'is required' });
  });

  test('when the owner e-mail is blank, then the owner is kept by name with no contact', () => {
    const plan = read([row({ owner_email: ' ; ' })]);

    expect(plan.actions[0]!.owners).toEqual([{ name: 'Jo Bloggs', email: '' }]);
  });
});

describe('readPlanRows: bad rows are all reported with row, column and reason', () => {
  test('when the header lacks a required column, then the file is refused as row 1 naming the column', () => {
    const header = HEADER.filter((h) => h !== 'lead_agency');
    const body = [row().filter((_, i) => HEADER[i] !== 'lead_agency')];

    const issues = issuesOf(body, 'quadrant', header);

    expect(issues).toEqual([
      {
        row: 1,
        field: 'Sheet1: lead_agency',
        reason: 'no column for this was found; choose which header holds it',
      },
    ]);
  });

  test('when the header is wrong, then the data rows are not checked at all', () => {
    const header = HEADER.filter((h) => h !== 'due_date');

    const issues = issuesOf([row({ owner_email: 'not an e-mail' })], 'quadrant', header);

    expect(issues.map((i) => i.row)).toEqual([1]);
  });

  test('when the file has only a header and blank rows, then it is refused as having no actions', () => {
    const issues = issuesOf([HEADER.map(() => '')]);

    expect(issues).toEqual([{ row: 2, field: 'file', reason: 'has no actions' }]);
  });

  test('when the file is empty, then every required column is reported missing on row 1', () => {
    let caught: unknown;
    try {
      readPlanRows([], 'quadrant');
    } catch (error) {
      caught = error;
    }

    expect(caught).toBeInstanceOf(ValidationError);
    expect((caught as ValidationError).issues).toEqual([
      { row: 1, field: 'file', reason: 'has no header row' },
    ]);
  });

  test('when the file has more than 20000 actions, then it is refused before any row is checked', () => {
    const body = Array.from({ length: MAX_IMPORT_ROWS + 1 }, () => row({ owner_email: 'not an e-mail' }));

    const issues = issuesOf(body);

    expect(issues).toEqual([{ field: 'file', reason: 'has 20001 rows; the limit is 20000' }]);
  });

  test('when the due date is not a date, then it is reported on that row and column with a hint', () => {
    const issue = onlyIssue(issuesOf([row(), row({ action_id: '1.2', due_date: 'soon' })]));

    expect(issue.row).toBe(3);
    expect(issue.field).toBe('due_date');
    expect(issue.reason).toContain('"soon" is not a timescale I can read: write a date (31/03/2027)');
  });

  test('when the due date is month-first, then the reason says dates are day-first', () => {
    const issue = onlyIssue(issuesOf([row({ due_date: '12/31/2024' })]));

    expect(issue).toMatchObject({ row: 2, field: 'due_date' });
    expect(issue.reason).toMatch(/day-first/);
  });

  test('when the start date is impossible, then it is reported against start_date', () => {
    const issue = onlyIssue(issuesOf([row({ start_date: '31/02/2024' })]));

    expect(issue).toMatchObject({ row: 2, field: 'start_date' });
    expect(issue.reason).toContain('31/02/2024');
  });

  test('when the due date is blank, then it is reported as required', () => {
    const issue = onlyIssue(issuesOf([row({ due_date: '' })]));

    expect(issue).toEqual({
      row: 2,
      field: 'due_date',
      reason: 'is blank: write a date, a month, a quarter or "Ongoing"',
    });
  });

  test('when the due date is before the start date, then it is reported against due_date', () => {
    const issue = onlyIssue(issuesOf([row({ start_date: '01/03/2025', due_date: '28/02/2025' })]));

    expect(issue).toEqual({ row: 2, field: 'due_date', reason: 'is before the start date' });
  });

  test('when the due date is the same day as the start date, then it is accepted', () => {
    const plan = read([row({ start_date: '01/03/2025', due_date: '2025-03-01' })]);

    expect(plan.actions[0]).toMatchObject({ startDate: '2025-03-01', baselineDueDate: '2025-03-01' });
  });

  test('when the owner e-mail is not an address, then it is reported quoting the value', () => {
    const issue = onlyIssue(issuesOf([row({ owner_email: 'jo.bloggs at example.org' })]));

    expect(issue).toEqual({
      row: 2,
      field: 'owner_email',
      reason: '"jo.bloggs at example.org" is not an e-mail address',
    });
  });

  test('when the owner e-mail holds a right-to-left override, then the row is a problem row naming the character', () => {
    const issue = onlyIssue(issuesOf([row({ owner_email: '\u202eevil@example.org' })]));

    expect(issue).toEqual({
      row: 2,
      field: 'owner_email',
      reason: 'contains an invisible or control character (U+202E); type the address again without it',
    });
  });

  test('when the rating is not a rating word, then it is reported listing the scale', () => {
    const issue = onlyIssue(issuesOf([row({ rating: 'Blue' })]));

    expect(issue).toEqual({
      row: 2,
      field: 'rating',
      reason: '"Blue" is not a rating on this plan\'s scale (green, yellow, amber, red)',
    });
  });

  test('when a plan on the rag scale has a yellow rating, then it is refused as not on the scale', () => {
    const issue = onlyIssue(issuesOf([row({ rating: 'Yellow' })], 'rag'));

    expect(issue).toEqual({
      row: 2,
      field: 'rating',
      reason: '"Yellow" is not a rating on this plan\'s scale (green, amber, red)',
    });
  });

  test('when a plan on the quadrant scale has a yellow rating, then it is accepted', () => {
    const plan = read([row({ rating: 'Y' })], 'quadrant');

    expect(plan.actions[0]!.rating).toBe('yellow');
  });

  test('when an action id appears twice, then the second is reported naming the first row', () => {
    const issue = onlyIssue(
      issuesOf([row({ action_id: '1.1' }), row({ action_id: '1.2' }), row({ action_id: '1.1' })]),
    );

    expect(issue).toEqual({ row: 4, field: 'action_id', reason: 'action 1.1 appears already on row 2' });
  });

  test('when the same area id has different text on a later row, then that row is reported naming the first', () => {
    const issue = onlyIssue(
      issuesOf([row({ action_id: '1.1' }), row({ action_id: '1.2', area: 'Timely sharing of info' })]),
    );

    expect(issue).toEqual({
      row: 3,
      field: 'area',
      reason: 'differs from the text given for area AFI1 on row 2',
    });
  });

  test('when the same area text differs only by surrounding spaces, then it is the same area', () => {
    const plan = read([
      row({ action_id: '1.1' }),
      row({ action_id: '1.2', area: '  Timely sharing of information ' }),
    ]);

    expect(plan.areas).toHaveLength(1);
  });

  test('when the description is over 2000 characters, then it is reported with its length and the limit', () => {
    const issue = onlyIssue(issuesOf([row({ action: 'x'.repeat(2001) })]));

    expect(issue).toEqual({ row: 2, field: 'action', reason: 'is 2001 characters; the limit is 2000' });
  });

  test('when the description is exactly 2000 characters, then it is accepted', () => {
    const plan = read([row({ action: 'x'.repeat(2000) })]);

    expect(plan.actions[0]!.description).toHaveLength(2000);
  });

  test('when the description contains a control character, then it is refused', () => {
    const issue = onlyIssue(issuesOf([row({ action: 'Refresh\u0007 the guidance' })]));

    expect(issue).toEqual({ row: 2, field: 'action', reason: 'contains control characters' });
  });

  test('when the area text contains a control character, then it is refused', () => {
    const issue = onlyIssue(issuesOf([row({ area: 'Sharing\u001binformation' })]));

    expect(issue).toEqual({ row: 2, field: 'area', reason: 'contains control characters' });
  });

  test('when a text contains tabs and line breaks, then it is accepted', () => {
    const plan = read([row({ action: 'First line\r\nSecond\tline' })]);

    expect(plan.actions[0]!.description).toBe('First line\r\nSecond\tline');
  });

  test('when required text cells are blank, then each is reported as required', () => {
    const issues = issuesOf([row({ action: '', lead_agency: ' ', area: '' })]);

    expect(issues).toEqual(
      expect.arrayContaining([
        { row: 2, field: 'action', reason: 'is required' },
        { row: 2, field: 'lead_agency', reason: 'is required' },
        { row: 2, field: 'area', reason: 'is required' },
      ]),
    );
    expect(issues).toHaveLength(3);
  });

  test('when an action id has characters ids may not contain, then it is refused', () => {
    const issue = onlyIssue(issuesOf([row({ action_id: '1.1 (a)' })]));

    expect(issue).toMatchObject({ row: 2, field: 'action_id' });
    expect(issue.reason).toContain('is not a valid id');
  });

  test('when several rows are bad in several ways, then every problem is reported with its row', () => {
    const issues = issuesOf([
      row({ action_id: '1.1' }),
      row({ action_id: '1.2', due_date: 'never', owner_email: 'nobody' }),
      row({ action_id: '1.3' }),
      row({ action_id: '1.4', rating: 'purple' }),
      row({ action_id: '1.2' }),
    ]);

    expect(issues.map((i) => [i.row, i.field])).toEqual([
      [3, 'due_date'],
      [3, 'owner_email'],
      [5, 'rating'],
      [6, 'action_id'],
    ]);
  });

  test('when the file is refused, then the error message names each row and column', () => {
    expect(() => read([row({ due_date: 'soon' }), row({ action_id: '1.2', rating: 'blue' })])).toThrow(
      /row 2, due_date: .*; row 3, rating: /,
    );
  });
});

describe('readPlanRows: evidence links, agencies and lifecycle', () => {
  const EXTRA = [...HEADER, 'evidence_links', 'contributing_agencies', 'lifecycle', 'current_due_date'];

  function extraRow(cells: { evidence?: string; agencies?: string; lifecycle?: string; current?: string }) {
    return [...row(), cells.evidence ?? '', cells.agencies ?? '', cells.lifecycle ?? '', cells.current ?? ''];
  }

  test('when evidence links are https, then they are kept in order', () => {
    const plan = read(
      [extraRow({ evidence: 'https://example.org/a; https://sharepoint.example.org/b?x=1' })],
      'quadrant',
      EXTRA,
    );

    expect(plan.actions[0]!.evidenceLinks).toEqual([
      'https://example.org/a',
      'https://sharepoint.example.org/b?x=1',
    ]);
  });

  test.each([
    'http://example.org/a',
    'javascript:alert(1)',
    'ftp://example.org/a',
    'example.org/a',
    'https://',
  ])('when an evidence link is %p, then it is refused as not https', (link) => {
    const issue = onlyIssue(issuesOf([extraRow({ evidence: link })], 'quadrant', EXTRA));

    expect(issue).toEqual({ row: 2, field: 'evidence_links', reason: `"${link}" is not an https:// link` });
  });

  test('when one of several evidence links is http, then only that one is reported', () => {
    const issue = onlyIssue(
      issuesOf([extraRow({ evidence: 'https://example.org/ok; http://example.org/bad' })], 'quadrant', EXTRA),
    );

    expect(issue.reason).toBe('"http://example.org/bad" is not an https:// link');
  });

  test('when more than 20 evidence links are given, then the row is refused', () => {
    const links = Array.from({ length: 21 }, (_, i) => `https://example.org/${i}`).join('; ');

    const issue = onlyIssue(issuesOf([extraRow({ evidence: links })], 'quadrant', EXTRA));

    expect(issue).toEqual({ row: 2, field: 'evidence_links', reason: 'lists 21; the limit is 20' });
  });

  test('when contributing agencies are listed, then they are split and trimmed', () => {
    const plan = read([extraRow({ agencies: 'Education ; Health;; Police' })], 'quadrant', EXTRA);

    expect(plan.actions[0]!.contributingAgencies).toEqual(['Education', 'Health', 'Police']);
  });

  test.each([
    ['Not started', 'not_started'],
    ['in progress', 'in_progress'],
    ['In-Progress', 'in_progress'],
    ['COMPLETE', 'complete'],
    ['Completed', 'complete'],
    ['Done', 'complete'],
    ['Closed', 'complete'],
    ['Ongoing', 'in_progress'],
    ['Open', 'in_progress'],
    ['Impact evidenced', 'impact_evidenced'],
    ['impact', 'impact_evidenced'],
    ['Withdrawn', 'withdrawn'],
  ])('when the lifecycle cell reads %p, then the action is %p', (text, lifecycle) => {
    const plan = read([extraRow({ lifecycle: text })], 'quadrant', EXTRA);

    expect(plan.actions[0]!.lifecycle).toBe(lifecycle);
  });

  test.each(['finished', 'paused', 'n/a'])('when the lifecycle cell reads %p, then it is refused', (text) => {
    const issue = onlyIssue(issuesOf([extraRow({ lifecycle: text })], 'quadrant', EXTRA));

    expect(issue).toEqual({
      row: 2,
      field: 'lifecycle',
      reason: `"${text}" is not one of not started, in progress, complete, impact evidenced, withdrawn`,
    });
  });

  test('when a current due date is given, then it is read as the revised date', () => {
    const plan = read([extraRow({ current: '31/03/2025' })], 'quadrant', EXTRA);

    expect(plan.actions[0]).toMatchObject({ baselineDueDate: '2024-12-31', currentDueDate: '2025-03-31' });
  });

  test('when the current due date is not a date, then it is reported against current_due_date', () => {
    const issue = onlyIssue(issuesOf([extraRow({ current: '31/13/2025' })], 'quadrant', EXTRA));

    expect(issue).toMatchObject({ row: 2, field: 'current_due_date' });
  });
});

describe('splitList', () => {
  test('when a cell lists items with semicolons and line breaks, then blanks are dropped and items trimmed', () => {
    expect(splitList(' a ;b\n\n c;; ')).toEqual(['a', 'b', 'c']);
  });

  test('when a cell is blank, then the list is empty', () => {
    expect(splitList('   ')).toEqual([]);
  });
});

describe('readPlanRows: object property names are not values', () => {
  test.each(['constructor', '__proto__', 'toString'])(
    'when a rating or lifecycle cell says "%s", then it is refused',
    (word) => {
      const issues = issuesOf([row({ rating: word })]);
      expect(issues.map((i) => i.field)).toEqual(['rating']);
      const withLifecycle = [...HEADER, 'lifecycle'];
      const lifecycleIssues = issuesOf([[...row(), word]], 'quadrant', withLifecycle);
      expect(lifecycleIssues.map((i) => i.field)).toEqual(['lifecycle']);
    },
  );
});
