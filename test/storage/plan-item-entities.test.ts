/**
 * The PlanItems mapping, read from the field definitions: rows already stored must load, and rows
 * written now must be what older code wrote, column for column.
 */
import type { Action } from '../../src/domain/action';
import { actionFromEntity, actionToEntity } from '../../src/storage/plan-item-entities';

const FULL: Action = {
  planId: 'p',
  id: '1.2',
  areaId: 'A1',
  description: 'Run the panel',
  leadAgency: 'Police',
  owners: [{ name: 'Jo', email: 'jo@police.uk' }],
  contributingAgencies: ['Health'],
  contributingContacts: [{ agency: 'Health', name: 'Sam', email: 'sam@nhs.uk' }],
  monitoringGroupId: 'board',
  startDate: '2024-04-01',
  baselineDueDate: '2025-03-31',
  currentDueDate: '2025-06-30',
  lifecycle: 'in_progress',
  rating: 'amber',
  agreed: {
    rating: 'amber',
    commentary: 'On track',
    agreedBy: { name: 'Chris', email: 'chris@council.gov.uk' },
    agreedAt: '2025-01-01T00:00:00Z',
  },
  successMeasure: 'Fewer episodes',
  evidenceLinks: ['https://example.org/a'],
  lastUpdatedAt: '2025-01-02T00:00:00Z',
  revision: 3,
  reminderDaysBefore: [7, 1],
  snoozedUntil: '2025-01-10',
  nextReminderOn: '2025-03-24',
  pendingDateRequest: {
    id: 'r1',
    date: '2025-09-30',
    reason: 'Funding',
    requestedBy: { aadObjectId: 'a', name: 'Jo' },
    requestedAt: '2025-01-03T00:00:00Z',
  },
};

describe('action entities', () => {
  test('when a full action is stored, then every column has the name and encoding it always had', () => {
    expect(actionToEntity(FULL)).toEqual({
      partitionKey: 'p',
      rowKey: 'action:1.2',
      areaId: 'A1',
      description: 'Run the panel',
      leadAgency: 'Police',
      ownersJson: JSON.stringify(FULL.owners),
      contributingAgenciesJson: '["Health"]',
      startDate: '2024-04-01',
      baselineDueDate: '2025-03-31',
      currentDueDate: '2025-06-30',
      lifecycle: 'in_progress',
      rating: 'amber',
      successMeasure: 'Fewer episodes',
      evidenceLinksJson: '["https://example.org/a"]',
      lastUpdatedAt: '2025-01-02T00:00:00Z',
      revision: 3,
      reminderDaysBeforeJson: '[7,1]',
      snoozedUntil: '2025-01-10',
      nextReminderOn: '2025-03-24',
      pendingDateRequestJson: JSON.stringify(FULL.pendingDateRequest),
      contributingContactsJson: JSON.stringify(FULL.contributingContacts),
      monitoringGroupId: 'board',
      agreedJson: JSON.stringify(FULL.agreed),
    });
    expect(actionFromEntity(actionToEntity(FULL))).toEqual(FULL);
  });

  test('when an action has no deadline and nothing optional, then dates are written blank and the rest left out', () => {
    const bare: Action = {
      planId: 'p',
      id: '3',
      areaId: 'A3',
      description: 'd',
      leadAgency: 'Council',
      owners: [],
      contributingAgencies: [],
      lifecycle: 'not_started',
      successMeasure: '',
      evidenceLinks: [],
    };
    const entity = actionToEntity(bare);
    expect(entity).toEqual({
      partitionKey: 'p',
      rowKey: 'action:3',
      areaId: 'A3',
      description: 'd',
      leadAgency: 'Council',
      ownersJson: '[]',
      contributingAgenciesJson: '[]',
      baselineDueDate: '',
      currentDueDate: '',
      lifecycle: 'not_started',
      successMeasure: '',
      evidenceLinksJson: '[]',
    });
    const read = actionFromEntity(entity);
    expect(read).toEqual(bare);
    expect('currentDueDate' in read).toBe(false);
  });
});
