import { findHeaderRow } from '../../src/domain/header-row';

describe('findHeaderRow', () => {
  test('when the header is on row 1, then it is found there', () => {
    const rows = [
      ['Ref', 'Action', 'Lead agency', 'Owner', 'Timescale'],
      ['1.1', 'Review the screening tool', 'Police', 'Jo Bloggs', 'March 2027'],
    ];
    expect(findHeaderRow(rows)).toEqual({
      index: 0,
      columns: ['action_id', 'action', 'lead_agency', 'owner_name', 'due_date'],
    });
  });

  test('when title rows and a blank row come first, then the header below them is found', () => {
    const rows = [
      ['Leeds Safeguarding Children Partnership'],
      ['Written statement of action: JTAI serious youth violence, 2024', '', ''],
      ['Key: G = on track, A = some slippage, R = off track'],
      [],
      ['No.', 'What we will do', 'Organisation', 'Responsible officer', 'By when', 'RAG'],
      ['1', 'Publish the exploitation strategy', 'Council', 'A Person', 'Q3 2027/28', 'G'],
    ];
    expect(findHeaderRow(rows)?.index).toBe(4);
  });

  test('when a title sentence happens to contain column words, then it is not taken for the header', () => {
    const rows = [
      ['Action plan: the lead agency and owner for each action are named below with their timescale'],
      ['Action', 'Owner', 'Deadline'],
    ];
    expect(findHeaderRow(rows)?.index).toBe(1);
  });

  test('when no row names the action and two other columns, then there is no header', () => {
    expect(findHeaderRow([['Notes'], ['Owner', 'Deadline'], ['a', 'b']])).toBeUndefined();
    expect(findHeaderRow([])).toBeUndefined();
  });

  test('when the header is further down than anyone writes titles, then it is not searched for', () => {
    const rows = [...Array.from({ length: 30 }, () => ['filler']), ['Action', 'Owner', 'Deadline']];
    expect(findHeaderRow(rows)).toBeUndefined();
  });
});
