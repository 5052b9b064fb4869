import { tableRows } from '../../src/domain/sheet-table';
import type { Column } from '../../src/domain/spreadsheet-columns';

const COLUMNS: (Column | undefined)[] = ['area', 'action_id', 'action', 'owner_name', 'due_date'];

describe('the table under the header', () => {
  test('when an area is written once above its actions (a merged cell), then it is filled down', () => {
    const rows = [
      ['Area', 'Ref', 'Action', 'Owner', 'Timescale'],
      ['1. Strategic leadership', '1.1', 'Publish the strategy', 'A Person', 'March 2027'],
      ['', '1.2', 'Train the board', 'B Person', 'June 2027'],
      ['2. Early help', '', '', '', ''],
      ['', '2.1', 'Review the front door', 'C Person', 'Q3 2027/28'],
    ];
    expect(tableRows(rows, 0, COLUMNS)).toEqual([
      {
        sheetRow: 2,
        cells: ['1. Strategic leadership', '1.1', 'Publish the strategy', 'A Person', 'March 2027'],
      },
      { sheetRow: 3, cells: ['1. Strategic leadership', '1.2', 'Train the board', 'B Person', 'June 2027'] },
      { sheetRow: 5, cells: ['2. Early help', '2.1', 'Review the front door', 'C Person', 'Q3 2027/28'] },
    ]);
  });

  test('when blank rows, a key and footnotes sit in and under the table, then they are left out', () => {
    const rows = [
      ['Key'],
      ['Area', 'Ref', 'Action', 'Owner', 'Timescale'],
      ['Area A', '1', 'Do it', 'Owner', 'TBC'],
      [],
      ['', '', '', '', ''],
      ['Key: G = on track, A = some slippage, R = off track'],
      ['* Dates agreed at the executive on 3 June'],
      ['Updated by the business unit, May 2027'],
    ];
    expect(tableRows(rows, 1, COLUMNS).map((r) => r.sheetRow)).toEqual([3]);
  });

  test('when a row has details but no action, then it is kept for the import to report', () => {
    const rows = [
      ['Area', 'Ref', 'Action', 'Owner', 'Timescale'],
      ['Area A', '1', '', 'Owner', 'March 2027'],
    ];
    expect(tableRows(rows, 0, COLUMNS)).toEqual([
      { sheetRow: 2, cells: ['Area A', '1', '', 'Owner', 'March 2027'] },
    ]);
  });
});
