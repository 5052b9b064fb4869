/**
 * The partnership's workbook as it arrives from a business manager: two sheets with their own odd headers
 * below title rows, an area written as a merged heading row across the table, a blank row between actions,
 * timescales in words and a "TBC". The re-import adds a "Monitoring group" column, as the partnership did
 * when it split its monitoring between the council's management team and the partnership executive.
 */
import ExcelJS from 'exceljs';
import { PEOPLE } from './people';

export interface PlannedAction {
  id: string;
  sheet: 'Theme 1 Early help' | 'Theme 2 Partnership';
  area: string;
  text: string;
  leadAgency: string;
  owner: keyof typeof PEOPLE;
  /** As written in the workbook. */
  timescale: string;
  rating: string;
  successMeasure: string;
  group: 'Council actions' | 'Partnership actions';
}

export const COUNCIL_GROUP = 'Council actions';
export const PARTNERSHIP_GROUP = 'Partnership actions';

export const ACTIONS: readonly PlannedAction[] = [
  {
    id: '1.1',
    sheet: 'Theme 1 Early help',
    area: 'Early help assessments are timely and lead to help',
    text: 'Refresh the early help assessment guidance and publish it to every partner',
    leadAgency: 'Council',
    owner: 'tom',
    timescale: '30/09/2027',
    rating: 'G',
    successMeasure: 'Guidance published and used in every locality team',
    group: COUNCIL_GROUP,
  },
  {
    id: '1.2',
    sheet: 'Theme 1 Early help',
    area: 'Early help assessments are timely and lead to help',
    text: 'Audit thirty early help assessments each quarter and report the findings',
    leadAgency: 'Council',
    owner: 'tom',
    timescale: 'Q3 2027/28',
    rating: 'A',
    successMeasure: 'Audits show four in five assessments completed within 45 days',
    group: COUNCIL_GROUP,
  },
  {
    id: '1.3',
    sheet: 'Theme 1 Early help',
    area: 'Early help assessments are timely and lead to help',
    text: 'Train front door staff on the revised threshold document',
    leadAgency: 'Council',
    owner: 'grace',
    timescale: 'end of June 2027',
    rating: 'A',
    successMeasure: 'Every front door practitioner trained by the end of June',
    group: COUNCIL_GROUP,
  },
  {
    id: '1.4',
    sheet: 'Theme 1 Early help',
    area: 'Early help assessments are timely and lead to help',
    text: 'Agree a joint information-sharing protocol with schools',
    leadAgency: 'Council',
    owner: 'tom',
    timescale: 'TBC',
    rating: '',
    successMeasure: 'Protocol signed by every school in the area',
    group: COUNCIL_GROUP,
  },
  {
    id: '2.1',
    sheet: 'Theme 2 Partnership',
    area: 'Police protection notifications are shared within a day',
    text: 'Refresh the police protection notification guidance for frontline officers',
    leadAgency: 'Police',
    owner: 'jo',
    timescale: '31.03.27',
    rating: 'A',
    successMeasure: 'PPN audit shows 90% shared within 24 hours',
    group: PARTNERSHIP_GROUP,
  },
  {
    id: '2.2',
    sheet: 'Theme 2 Partnership',
    area: 'Police protection notifications are shared within a day',
    text: 'Dip sample police protection notifications each quarter with children’s social care',
    leadAgency: 'Police',
    owner: 'jo',
    timescale: 'Sept 2027',
    rating: 'G',
    successMeasure: 'Quarterly dip samples reported to the partnership',
    group: PARTNERSHIP_GROUP,
  },
  {
    id: '2.3',
    sheet: 'Theme 2 Partnership',
    area: 'Health partners attend every strategy discussion',
    text: 'Publish a rota so a health professional joins every strategy discussion',
    leadAgency: 'Health',
    owner: 'grace',
    timescale: '31/12/2027',
    rating: 'A',
    successMeasure: 'Health present at 95% of strategy discussions',
    group: PARTNERSHIP_GROUP,
  },
];

/** The success measure a coordinator corrects in the dashboard between the imports. */
export const CORRECTED = {
  actionId: '2.1',
  successMeasure: 'PPN audit shows 95% shared within 24 hours (corrected at the March board)',
};

export const COUNCIL_ACTIONS = ACTIONS.filter((a) => a.group === COUNCIL_GROUP).map((a) => a.id);
export const PARTNERSHIP_ACTIONS = ACTIONS.filter((a) => a.group === PARTNERSHIP_GROUP).map((a) => a.id);

/**
 * The workbook. Each sheet has title rows, a header row in the partnership's own words, the area as a
 * heading row merged across the table, a blank row, and (with `withGroups`) a "Monitoring group" column.
 */
export async function journeyWorkbook(options: { withGroups: boolean }): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheets = [
    {
      name: 'Theme 1 Early help' as const,
      titles: ['Safeguarding Partnership – JTAI action plan', 'Theme 1: early help and the front door'],
      headers: [
        'Area for improvement',
        'No.',
        'What we will do',
        'Organisation',
        'Responsible',
        'Email address',
        'By when',
        'RAG',
        'Impact',
      ],
    },
    {
      name: 'Theme 2 Partnership' as const,
      titles: ['Theme 2: working together when a child is at risk', 'Updated for the March board'],
      headers: [
        'Area',
        'Ref',
        'Action',
        'Lead agency',
        'Lead officer',
        'E-mail',
        'Timescale',
        'Rating',
        'Measure of success',
      ],
    },
  ];
  for (const spec of sheets) {
    const sheet = workbook.addWorksheet(spec.name);
    for (const title of spec.titles) sheet.addRow([title]);
    sheet.addRow([]);
    const headers = options.withGroups ? [...spec.headers, 'Monitoring group'] : spec.headers;
    sheet.addRow(headers);
    let area = '';
    for (const action of ACTIONS.filter((a) => a.sheet === spec.name)) {
      if (action.area !== area) {
        // The area as a bold heading row across the table (its text in the first cell, the rest
        // blank, so it looks merged), and the rows below leave the area blank: filled down on import.
        area = action.area;
        const row = sheet.addRow([area]);
        row.font = { bold: true };
      }
      const owner = PEOPLE[action.owner];
      sheet.addRow([
        '',
        action.id,
        action.text,
        action.leadAgency,
        owner.name,
        // Addresses as people type them: mixed case.
        owner.email.replace(/^./, (c) => c.toUpperCase()),
        action.timescale,
        action.rating,
        // Both files carry the original measure: the dashboard's correction must survive the re-import.
        action.successMeasure,
        ...(options.withGroups ? [action.group] : []),
      ]);
      if (action.id === '1.2') sheet.addRow([]);
    }
    sheet.addRow([]);
    sheet.addRow(['Key: G = on track, A = some slippage, R = off track']);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
