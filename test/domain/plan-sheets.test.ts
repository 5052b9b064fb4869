/** readPlanSheets: the header forms people use, title rows, key rows, RAG words, problem rows listed. */
import { ValidationError } from '../../src/domain/errors';
import { readPlanSheets, type Sheet } from '../../src/domain/plan-import';
import { columnForHeader } from '../../src/domain/spreadsheet-columns';

type Row = [header: string, column: string];

describe('the headers people use', () => {
  test.each<Row>([
    ['Ref', 'action_id'],
    ['No.', 'action_id'],
    ['ID', 'action_id'],
    ['Action', 'action'],
    ['Lead agency', 'lead_agency'],
    ['Organisation', 'lead_agency'],
    ['Lead agency / Organisation', 'lead_agency'],
    ['Lead officer', 'owner_name'],
    ['Owner', 'owner_name'],
    ['Responsible', 'owner_name'],
    ['E-mail', 'owner_email'],
    // Read as contacts, which takes agencies alone too ("Police, Health") as well as named people.
    ['Supported by', 'contributing_contacts'],
    ['Contributing agencies', 'contributing_agencies'],
    ['Partners', 'contributing_agencies'],
    ['Timescale', 'due_date'],
    ['Deadline', 'due_date'],
    ['By when', 'due_date'],
    ['Due', 'due_date'],
    ['RAG', 'rating'],
    ['Rating', 'rating'],
    ['Latest update', 'note'],
    ['Progress update', 'note'],
    ['Commentary', 'note'],
    ['Progress', 'note'],
    ['Measure of success', 'success_measure'],
    ['Success measure', 'success_measure'],
    ['Impact', 'success_measure'],
    ['Outcome', 'success_measure'],
  ])('when a header reads %p, then it is proposed as %p', (...[header, column]: Row) => {
    expect(columnForHeader(header)).toBe(column);
  });
});

const HEADER = ['Ref', 'Action', 'Lead agency', 'Lead officer', 'Timescale', 'RAG', 'Progress'];

function sheet(name: string, body: string[][], title: string[][] = [['A partnership plan'], []]): Sheet {
  return { name, rows: [...title, HEADER, ...body] };
}

describe('readPlanSheets', () => {
  test('when the header is below title rows and a key row ends the table, then the rows between are read and the key is not', () => {
    const reading = readPlanSheets(
      [
        sheet('Plan', [
          ['1.1', 'Refresh guidance', 'Police', 'Jo', 'March 2027', 'G', 'Drafted'],
          ['Key: G = on track'],
        ]),
      ],
      'rag',
    );

    expect(reading.sheets[0]).toMatchObject({ name: 'Plan', included: true, headerRow: 3, rows: 1 });
    expect(reading.actions).toHaveLength(1);
    expect(reading.actions[0]).toMatchObject({
      id: '1.1',
      rating: 'green',
      note: 'Drafted',
      baselineDueDate: '2027-03-31',
      owners: [{ name: 'Jo', email: '' }],
    });
  });

  test('when "Progress" holds a note, then it is never read as the rating', () => {
    const reading = readPlanSheets(
      [sheet('Plan', [['1.1', 'Refresh guidance', 'Police', 'Jo', 'March 2027', '', 'Good progress']])],
      'quadrant',
    );

    expect(reading.actions[0]!.rating).toBeUndefined();
    expect(reading.actions[0]!.note).toBe('Good progress');
  });

  test('when a row has problems, then it is listed with its reasons and the good rows are still read', () => {
    const reading = readPlanSheets(
      [
        sheet('Plan', [
          ['1.1', 'Refresh guidance', 'Police', 'Jo', 'TBC', 'A', ''],
          ['1.2', 'Audit', 'Police', '', 'whenever', 'Blue', ''],
        ]),
      ],
      'rag',
    );

    expect(reading.actions.map((a) => a.id)).toEqual(['1.1']);
    expect(reading.actions[0]!.baselineDueDate).toBeUndefined();
    expect(reading.problems).toEqual([
      {
        sheet: 'Plan',
        row: 5,
        actionId: '1.2',
        issues: [
          { field: 'due_date', reason: expect.stringContaining('"whenever" is not a timescale I can read') },
          { field: 'owner_name', reason: 'is required' },
          { field: 'rating', reason: '"Blue" is not a rating on this plan\'s scale (green, amber, red)' },
        ],
      },
    ]);
  });

  test('when a sheet lacks a needed column, then the preview names it and its mapping can supply it', () => {
    const rows = [
      ['Ref', 'Action', 'Agency', 'Who', 'Due'],
      ['1.1', 'Refresh', 'Police', 'Jo', 'Ongoing'],
    ];
    const first = readPlanSheets([{ name: 'Plan', rows }], 'rag');
    expect(first.sheets[0]!.missingColumns).toEqual(['owner_name']);
    expect(first.actions).toEqual([]);

    const mapped = readPlanSheets([{ name: 'Plan', rows }], 'rag', { mapping: { Who: 'owner_name' } });
    expect(mapped.missingColumns).toEqual([]);
    expect(mapped.actions[0]!.owners).toEqual([{ name: 'Jo', email: '' }]);
  });

  test('when the header row is given, then it is used instead of being found', () => {
    const rows = [
      ['Ref', 'Action', 'Lead agency', 'Owner', 'Due'],
      ['1.1', 'Refresh', 'Police', 'Jo', '31/03/2027'],
    ];
    const reading = readPlanSheets([{ name: 'Plan', rows: [['x'], ...rows] }], 'rag', { headerRow: 2 });
    expect(reading.actions[0]).toMatchObject({ id: '1.1', baselineDueDate: '2027-03-31' });
  });

  test('when a sheet is chosen that the file does not have, then the reason names the sheets it has', () => {
    expect(() => readPlanSheets([sheet('Plan', [])], 'rag', { onlySheet: 'Actions' })).toThrow(
      ValidationError,
    );
    expect(() => readPlanSheets([sheet('Plan', [])], 'rag', { onlySheet: 'Actions' })).toThrow(
      'there is no sheet "Actions"; the file has "Plan"',
    );
  });

  test('when no sheet has a header, then the file is refused saying so', () => {
    expect(() => readPlanSheets([{ name: 'Notes', rows: [['Just some notes']] }], 'rag')).toThrow(
      'no sheet has a header row',
    );
  });
});
