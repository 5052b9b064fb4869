import { buildProgressReport, quadrantHeading } from '../../src/domain/progress-report';
import { northumberlandReport } from './northumberland';

describe('progress report model', () => {
  test('when the Northumberland sample is reported, then the quadrants hold 10 green, 7 yellow, 3 amber and 2 red of 22 actions', async () => {
    const report = await northumberlandReport();
    expect(report.scale).toBe('quadrant');
    expect(report.front.total).toBe(22);
    expect(report.quadrants.map((q) => [q.rating, q.actions.length])).toEqual([
      ['green', 10],
      ['yellow', 7],
      ['amber', 3],
      ['red', 2],
    ]);
    expect(report.front.byRating.map((c) => [c.rating, c.count])).toEqual([
      ['green', 10],
      ['yellow', 7],
      ['amber', 3],
      ['red', 2],
      ['unrated', 0],
    ]);
    expect(report.unrated).toEqual([]);
    expect(report.areas).toHaveLength(6);
    expect(report.areas.flatMap((a) => a.rows)).toHaveLength(22);
    expect(report.quadrants[0]!.heading).toBe('Good progress, all actions taken and on track');
  });

  test('when an action is rescheduled, overdue, complete or unrated, then the front page counts it', () => {
    const plan = {
      id: 'p',
      title: 'T',
      inspection: { theme: '', inspectorates: [] },
      principalAuthority: '',
      oversightBody: '',
      timeZone: 'Europe/London',
      ratingScale: 'rag' as const,
      cadence: 'quarterly' as const,
      coordinators: [],
      leads: [],
      createdAt: '2024-01-01T00:00:00Z',
      updatedAt: '2024-01-01T00:00:00Z',
    };
    const action = (id: string, extra: object) => ({
      planId: 'p',
      id,
      areaId: 'A1',
      description: `Action ${id}`,
      leadAgency: 'Police',
      owners: [{ name: 'Sam', email: 'sam@example.org' }],
      contributingAgencies: [],
      baselineDueDate: '2024-06-30',
      currentDueDate: '2024-06-30',
      lifecycle: 'in_progress' as const,
      successMeasure: '',
      evidenceLinks: [],
      ...extra,
    });
    const report = buildProgressReport({
      plan,
      areas: [{ planId: 'p', id: 'A1', text: 'Area one', order: 0 }],
      actions: [
        action('1.10', { rating: 'green', currentDueDate: '2024-09-30' }),
        action('1.2', { rating: 'red' }),
        action('1.1', { lifecycle: 'complete', rating: 'green' }),
        action('1.3', {}),
      ],
      asAt: '2024-07-01',
    });
    expect(report.quadrants.map((q) => q.rating)).toEqual(['green', 'amber', 'red']);
    expect(report.front).toMatchObject({ total: 4, overdue: 2, rescheduled: 1, complete: 1 });
    expect(report.front.byRating.find((c) => c.rating === 'unrated')?.count).toBe(1);
    expect(report.areas[0]!.rows.map((r) => r.id)).toEqual(['1.1', '1.2', '1.3', '1.10']);
    expect(report.areas[0]!.rows[3]).toMatchObject({ baselineDue: '30 Jun 2024', currentDue: '30 Sep 2024' });
    expect(quadrantHeading('red', 'rag')).toBe('Red: off track');
  });
});
