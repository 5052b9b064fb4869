/**
 * A plan workbook as partnerships keep one, built with ExcelJS: a front page with no table, then two
 * sheets whose headers sit below title rows, areas in merged cells written once per group, a key and a
 * footnote under the tables, timescales in words ("March 2027", "Q3 2027/28", "end of June 2027",
 * "Ongoing", "31.03.27", a real date cell), RAG letters and "Complete", an owner with no e-mail
 * address, a progress note, one unrecognised header ("Partners involved") and one row whose timescale
 * cannot be read ("soon").
 */
import ExcelJS from 'exceljs';

export const WORKBOOK_GOOD_ROWS = 6;
export const WORKBOOK_PROBLEM = { sheet: 'Theme 2 Health', row: 4, actionId: '2.2' };

export async function planWorkbook(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const front = workbook.addWorksheet('Front page');
  front.addRow(['Leeds Safeguarding Partnership']);
  front.addRow(['Joint targeted area inspection: written statement of action']);

  const first = workbook.addWorksheet('Theme 1 Sharing');
  first.addRow(['Leeds Safeguarding Partnership — JTAI action plan']);
  first.addRow(['Theme 1: sharing information']);
  first.addRow([]);
  first.addRow([
    'Area for improvement',
    'Ref',
    'Action',
    'Lead agency',
    'Lead officer',
    'E-mail',
    'Partners involved',
    'Timescale',
    'RAG',
    'Latest update',
    'Measure of success',
  ]);
  first.addRow([
    'Timely sharing of police protection notifications',
    '1.1',
    'Refresh the PPN guidance for frontline officers',
    'Police',
    'Jo Bloggs',
    'Jo.Bloggs@Example.org',
    'Health; Education',
    'March 2027',
    'G',
    'Guidance drafted and out for comment',
    'Guidance published',
  ]);
  first.addRow([
    '',
    '1.2',
    'Dip sample PPNs each quarter',
    'Police',
    'Sam Smith',
    '',
    '',
    'Q3 2027/28',
    'Amber',
    '',
    'Four audits reported',
  ]);
  first.addRow([
    '',
    '1.3',
    'Keep the front door rota under review',
    'Safeguarding Partnership',
    'Pat Jones',
    'pat.jones@example.org',
    '',
    'Ongoing',
    'Complete',
    '',
    '',
  ]);
  first.mergeCells('A5:A7');
  first.addRow([]);
  first.addRow(['Key: G = on track, A = some risk, R = off track']);

  const second = workbook.addWorksheet('Theme 2 Health');
  second.addRow(['Theme 2: health services']);
  second.addRow([
    'Area for improvement',
    'No.',
    'Action',
    'Organisation',
    'Responsible',
    'Email',
    'By when',
    'Rating',
    'Progress',
  ]);
  second.addRow([
    'Waiting times for CAMHS assessments',
    '2.1',
    'Publish a waiting list trajectory',
    'Integrated Care Board',
    'Lee Khan',
    'lee.khan@example.org',
    'end of June 2027',
    'R',
    'Trajectory delayed by data quality',
  ]);
  second.addRow([
    '',
    '2.2',
    'Agree the referral pathway',
    'Integrated Care Board',
    'Lee Khan',
    'lee.khan@example.org',
    'soon',
    'A',
    '',
  ]);
  second.addRow([
    '',
    '2.3',
    'Recruit two more therapists',
    'Integrated Care Board',
    'Lee Khan',
    'lee.khan@example.org',
    '31.03.27',
    'Y',
    '',
  ]);
  second.addRow([
    '',
    '2.4',
    'Report waiting times to the partnership',
    'Integrated Care Board',
    'Lee Khan',
    'lee.khan@example.org',
    new Date(Date.UTC(2027, 8, 30)),
    '',
    '',
  ]);
  second.mergeCells('A3:A6');
  second.addRow(['* Timescales as agreed at the partnership board, 1 March 2027']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
