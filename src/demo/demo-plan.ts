/**
 * The demo plan: the Leeds serious youth violence JTAI plan (2024) from the shared samples, with
 * dates kept relative to today so that due-soon and overdue actions show whenever it is loaded.
 * Owners are role titles at example.org, as in the sample; no child is named anywhere.
 */

export const DEMO_PLAN_ID = 'demo-leeds-syv';
export const DEMO_PLAN_TITLE = 'Leeds JTAI: serious youth violence (demo)';
export const DEMO_COORDINATOR = {
  name: 'Partnership Business Manager',
  email: 'partnership.manager@example.org',
};
export const DEMO_LEAD = {
  name: 'Director of Children and Families',
  email: 'director.children@example.org',
};

export const DEMO_PLAN_DETAILS = {
  inspection: {
    theme: 'Serious youth violence',
    startDate: '2024-03-04',
    endDate: '2024-03-08',
    inspectorates: ['Ofsted', 'CQC', 'HMICFRS', 'HMIP'],
  },
  principalAuthority: 'Leeds City Council',
  oversightBody: 'Leeds Safeguarding Children Partnership Executive',
  cadence: 'bi-monthly' as const,
};

export const DEMO_AREAS: Record<string, string> = {
  AFI1: "Consistent and timely sharing of police protection notifications (PPNs), including the child's ethnicity and culture",
  AFI2: 'Waiting times for CAMHS assessments and therapeutic treatment for children affected by serious youth violence',
  AFI3: 'Frequency of multi-agency auditing of children affected by serious youth violence',
  OF1: 'Other findings',
};

type DemoRow = [
  areaId: string,
  actionId: string,
  action: string,
  leadAgency: string,
  ownerName: string,
  ownerEmail: string,
  startOffsetDays: number,
  dueOffsetDays: number,
  rating: string,
  lifecycle: string,
  successMeasure: string,
];

export const DEMO_ACTIONS: readonly DemoRow[] = [
  [
    'AFI1',
    '1.1',
    'Refresh PPN guidance and briefing for frontline officers, covering the voice of the child, ethnicity and cultural heritage, and the reason for referral',
    'Police',
    'PPN Quality Lead',
    'ppn.lead@example.org',
    -114,
    7,
    'green',
    'complete',
    'Dip sample: 90% of PPNs record ethnicity, voice of the child and reason for referral',
  ],
  [
    'AFI1',
    '1.2',
    'Quarterly multi-agency dip sample of PPNs submitted after serious youth violence incidents',
    'Police',
    'Safeguarding Audit Sergeant',
    'ppn.audit@example.org',
    -84,
    280,
    'yellow',
    'in_progress',
    'Four quarterly audits reported to the Audit and Review sub-group',
  ],
  [
    'AFI1',
    '1.3',
    'Give the front door consistent access to youth justice information',
    'Youth Justice Service',
    'YJS Head of Service',
    'yjs.head@example.org',
    -114,
    97,
    'amber',
    'in_progress',
    'Youth justice records visible to front door practitioners',
  ],
  [
    'AFI2',
    '2.1',
    'Publish a waiting list trajectory for CAMHS and neurodevelopmental assessments with monthly reporting to the partnership',
    'Integrated Care Board',
    "ICB Children's Mental Health Commissioner",
    'icb.camhs@example.org',
    -114,
    -24,
    'red',
    'in_progress',
    'Trajectory published and reported monthly',
  ],
  [
    'AFI2',
    '2.2',
    'Single referral route for neurodiversity assessment for children known to the youth justice service',
    'Integrated Care Board',
    "ICB Children's Mental Health Commissioner",
    'icb.camhs@example.org',
    -84,
    188,
    'amber',
    'in_progress',
    'One referral route in use; median wait reduced',
  ],
  [
    'AFI2',
    '2.3',
    'Offer interim trauma-informed support to children waiting for CAMHS assessment',
    'Integrated Care Board',
    'CAMHS Service Manager',
    'camhs.manager@example.org',
    -114,
    97,
    'yellow',
    'in_progress',
    'All waiting children offered interim support',
  ],
  [
    'AFI3',
    '3.1',
    'Agree an annual multi-agency audit programme including serious youth violence through the Audit and Review sub-group',
    'Safeguarding Partnership',
    'LSCP Business Manager',
    'lscp.business@example.org',
    -114,
    7,
    'green',
    'in_progress',
    'Programme agreed by the LSCP Executive',
  ],
  [
    'AFI3',
    '3.2',
    'Training needs analysis and partnership learning and development plan for practitioners working with serious youth violence',
    'Safeguarding Partnership',
    'LSCP Training Lead',
    'lscp.training@example.org',
    8,
    219,
    '',
    'not_started',
    'Plan published; uptake reported quarterly',
  ],
  [
    'OF1',
    '4.1',
    'Safeguarding supervision and training for ambulance staff on exploitation and violence',
    'Ambulance Service',
    'Ambulance Safeguarding Lead',
    'ambulance.safeguarding@example.org',
    -84,
    188,
    'yellow',
    'in_progress',
    'All frontline staff trained; supervision recorded',
  ],
  [
    'OF1',
    '4.2',
    'Health representation at the daily Project Shield meeting',
    'Integrated Care Board',
    'Designated Nurse Safeguarding Children',
    'designated.nurse@example.org',
    -114,
    -54,
    'red',
    'in_progress',
    'Health attends 90% of daily meetings',
  ],
  [
    'OF1',
    '4.3',
    'Review alignment of multi-agency meetings for children to reduce duplication',
    "Children's Social Care",
    'Head of Service Safe Project',
    'safe.head@example.org',
    -84,
    127,
    'green',
    'in_progress',
    'Meeting map reviewed; duplicate meetings merged',
  ],
];

/**
 * The demo's impact measures (issue 21), so a newcomer sees run charts at `npm start`: a year of values
 * ending with the period owed, dates relative to the day it is loaded. `values` run oldest first; one
 * is on track, one drifts off track, one climbs steadily and shows on a complete action's impact. Ids D1–D3
 * ("demo") leave M1, M2… free for the measures people add to the demo while trying it.
 */
export interface DemoMeasure {
  id: string;
  areaId: string;
  actionIds: string[];
  name: string;
  definition: string;
  source: string;
  unit: 'percentage' | 'number';
  better: 'higher' | 'lower';
  baseline: number;
  target: number;
  /** The target's date, in days after the day the demo is loaded. */
  targetInDays: number;
  frequency: 'monthly' | 'quarterly';
  reporter: string;
  kind: 'how-much' | 'how-well' | 'better-off';
  values: readonly number[];
}

export const DEMO_MEASURES: readonly DemoMeasure[] = [
  {
    id: 'D1',
    areaId: 'OF1',
    actionIds: [],
    name: 'Return home interviews completed within 72 hours',
    definition:
      'Share of children returning from a missing episode offered and given an interview within 72 hours',
    source: 'Children’s social care (missing from home team)',
    unit: 'percentage',
    better: 'higher',
    baseline: 48,
    target: 85,
    targetInDays: 180,
    frequency: 'monthly',
    reporter: 'missing.lead@example.org',
    kind: 'how-well',
    values: [49, 52, 55, 54, 58, 61, 63, 62, 66, 69, 71, 74],
  },
  {
    id: 'D2',
    areaId: 'OF1',
    actionIds: [],
    name: 'Repeat missing episodes per child',
    definition: 'Missing episodes in the quarter divided by the number of children who went missing',
    source: 'Police missing persons records',
    unit: 'number',
    better: 'lower',
    baseline: 3.4,
    target: 2,
    targetInDays: 180,
    frequency: 'quarterly',
    reporter: 'missing.persons@police.example.org',
    kind: 'better-off',
    values: [3.3, 3.2, 3.3, 3.4],
  },
  {
    id: 'D3',
    areaId: 'AFI1',
    actionIds: ['1.1'],
    name: 'Strategy discussions with police and health present',
    definition: 'Share of strategy discussions held in the month with both police and health attending',
    source: 'Multi-agency safeguarding hub',
    unit: 'percentage',
    better: 'higher',
    baseline: 41,
    target: 85,
    targetInDays: 120,
    frequency: 'monthly',
    reporter: 'mash.manager@example.org',
    kind: 'how-well',
    values: [43, 47, 50, 55, 58, 60, 64, 67, 70, 73, 76, 79],
  },
];
