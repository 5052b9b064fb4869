/** A plan, an area and an action as the demo plan has them, for rendering e-mails without storage. */
import type { Action } from '../../src/domain/action';
import type { Area } from '../../src/domain/area';
import { createPlan, type Plan } from '../../src/domain/plan';

export const TODAY = '2025-03-07';

export const plan: Plan = createPlan(
  {
    id: 'leeds-2024',
    title: 'Leeds SYV JTAI 2024',
    principalAuthority: 'Leeds City Council',
    coordinators: ['partnership.manager@example.org'],
    leads: ['director.children@example.org'],
  },
  new Date('2025-01-01T09:00:00Z'),
);

export const area: Area = {
  planId: plan.id,
  id: 'AFI2',
  text: 'Information sharing between agencies',
  order: 2,
};

export const action: Action = {
  planId: plan.id,
  id: '2.1',
  areaId: 'AFI2',
  description: 'Agree a police and health protocol for sharing information on exploitation risk',
  leadAgency: 'Police',
  owners: [{ name: 'Jo Bloggs', email: 'jo.bloggs@police.example.uk' }],
  contributingAgencies: ['Integrated Care Board'],
  baselineDueDate: '2025-03-14',
  currentDueDate: '2025-03-14',
  lifecycle: 'in_progress',
  rating: 'amber',
  successMeasure: 'Protocol signed by both agencies and in use',
  evidenceLinks: [],
  revision: 3,
};
