/**
 * A paper for one monitoring group, on Azurite with the demo plan split between two groups as Lewisham
 * splits its plan: the group's name and oversight body are on it, "new since the last round" counts
 * within the same group, and areas with none of the group's actions print nothing.
 */
import JSZip from 'jszip';
import { UkHolidayCalendar } from '../../src/calendar/uk-holidays';
import { DEMO_PLAN_ID } from '../../src/demo/demo-plan';
import { ValidationError } from '../../src/domain/errors';
import { renderProgressReportDocx } from '../../src/reports/render-docx';
import { addGroup, setActionGroup } from '../../src/usecases/groups/monitoring-groups';
import { seedDemoPlan } from '../../src/usecases/plans/seed-demo-plan';
import type { Stores } from '../../src/usecases/ports/index';
import { draftProgressReport } from '../../src/usecases/reports/build-progress-report';
import { closeRound, startRound } from '../../src/usecases/rounds/monitoring-rounds';
import { fixedClock, freshStores, seededRandom } from '../support/test-stores';

const COUNCIL = ['1.3', '2.1', '3.1', '3.2', '4.3'];
const PARTNERSHIP = ['1.2', '2.2', '2.3', '4.1', '4.2'];
const operator = { name: 'operator', operator: true };

let stores: Stores;

beforeAll(async () => {
  ({ stores } = await freshStores());
  const clock = fixedClock('2026-12-07T10:00:00Z');
  const deps = { stores, clock, calendar: new UkHolidayCalendar(), random: seededRandom(3) };
  await seedDemoPlan(deps);
  const actor = 'test set-up';
  const groups = [
    { name: 'Council actions', cadence: 'monthly', oversightBody: 'DMT', meetings: ['2027-01-27'] },
    {
      name: 'Partnership actions',
      cadence: 'bi-monthly',
      oversightBody: 'LSCP Executive',
      meetings: ['2027-02-10'],
    },
  ] as const;
  for (const group of groups)
    await addGroup(deps, { planId: DEMO_PLAN_ID, actor, group: { ...group, meetings: [...group.meetings] } });
  for (const actionId of COUNCIL)
    await setActionGroup(deps, { planId: DEMO_PLAN_ID, actionId, group: 'Council actions', actor });
  for (const actionId of PARTNERSHIP)
    await setActionGroup(deps, { planId: DEMO_PLAN_ID, actionId, group: 'Partnership actions', actor });
  // Only the council group has met: its round 1 closes; the partnership has had no round yet.
  await startRound(deps, operator, {
    planId: DEMO_PLAN_ID,
    group: 'Council actions',
    responseDue: '2026-12-09',
  });
  clock.set('2026-12-10T10:00:00Z');
  await closeRound(deps, operator, DEMO_PLAN_ID, { group: 'Council actions' });
}, 60_000);

const at = new Date('2026-12-14T10:00:00Z');

describe('a paper for one monitoring group', () => {
  test("when only one group has had a round, then today's paper counts no other group's actions as new", async () => {
    const report = await draftProgressReport(stores, DEMO_PLAN_ID, at);
    const movement = report.front.movement!;
    expect(movement.since).toMatch(/^round 1 /);
    // Before, the partnership's five (and the ungrouped) counted as "new since round 1".
    expect(movement.comparison.added).toBe(0);
    expect(
      movement.comparison.improved +
        movement.comparison.worsened +
        movement.comparison.unchanged +
        movement.comparison.newlyRated,
    ).toBe(COUNCIL.length);
  });

  test("when a group's paper is made today, then it holds the group's actions only, under its name and oversight body", async () => {
    const report = await draftProgressReport(stores, DEMO_PLAN_ID, at, { group: 'Partnership actions' });
    expect(report.group).toEqual({
      name: 'Partnership actions',
      cadence: 'bi-monthly',
      oversightBody: 'LSCP Executive',
      nextMeeting: '2027-02-10',
    });
    const ids = report.areas.flatMap((a) => a.rows.map((r) => r.id)).sort();
    expect(ids).toEqual(PARTNERSHIP);
    // No empty areas: every area printed has one of the group's actions.
    expect(report.areas.every((a) => a.rows.length > 0)).toBe(true);
    // The partnership has no earlier round, so nothing is "new since" the council's.
    expect(report.front.movement).toBeUndefined();

    const zip = await JSZip.loadAsync(await renderProgressReportDocx(report));
    const text = (await zip.file('word/document.xml')!.async('string'))
      .split(/<\/w:p>/)
      .map((p) => p.replace(/<[^>]+>/g, ''))
      .join('\n');
    expect(text).toContain('Committee: LSCP Executive');
    expect(text).toContain('Monitoring group: Partnership actions, reporting to the LSCP Executive');
    expect(text).toContain('Date: 10 Feb 2027');
    expect(text).toContain(
      'for the actions of the monitoring group “Partnership actions”, which reports to the LSCP Executive',
    );
    expect(text).toContain('Of the 5 actions of the monitoring group “Partnership actions”');
    expect(text).not.toContain('No actions.');
  });

  test("when a group's round is reported, then the paper is that group's", async () => {
    const report = await draftProgressReport(stores, DEMO_PLAN_ID, at, { round: 1 });
    expect(report.group?.name).toBe('Council actions');
    expect(report.group?.oversightBody).toBe('DMT');
    expect(report.areas.flatMap((a) => a.rows.map((r) => r.id)).sort()).toEqual(COUNCIL);
  });

  test("when a round is asked for as another group's, then it is refused in words and nothing is made", async () => {
    await expect(
      draftProgressReport(stores, DEMO_PLAN_ID, at, { round: 1, group: 'Partnership actions' }),
    ).rejects.toThrow(
      new ValidationError([{ field: 'group', reason: 'round 1 is not a round of "Partnership actions"' }]),
    );
  });
});
