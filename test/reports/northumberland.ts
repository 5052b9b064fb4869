import { UkHolidayCalendar } from '../../src/calendar/uk-holidays';
import {
  buildProgressReport,
  type ProgressReport,
  type ReportSource,
} from '../../src/domain/progress-report';
import { readSpreadsheet } from '../../src/spreadsheets/read-spreadsheet';
import { importPlan } from '../../src/usecases/plans/import-plan';
import { NORTHUMBERLAND_CSV } from '../support/plans';
import { fixedClock, freshStores, seededRandom } from '../support/test-stores';

/** The Northumberland JTAI 2019 sample, imported as a plan: what a report as at 20 May 2020 is drawn from. */
export async function northumberlandSource(): Promise<ReportSource> {
  const { stores } = await freshStores();
  const clock = fixedClock('2020-05-20T09:00:00Z');
  await importPlan(
    { stores, clock, random: seededRandom(), calendar: new UkHolidayCalendar() },
    {
      planId: 'northumberland',
      rows: await readSpreadsheet(NORTHUMBERLAND_CSV),
      title: 'Northumberland JTAI 2019',
      dryRun: false,
      actor: 'test',
      sourceName: 'northumberland-jtai-2019.csv',
    },
  );
  const plan = await stores.plans.get('northumberland');
  const { areas, actions } = await stores.actions.readPlan('northumberland');
  return { plan: plan!.value, areas, actions: actions.map((a) => a.value), asAt: '2020-05-20' };
}

/** The Northumberland sample reported on as at 20 May 2020. */
export async function northumberlandReport(): Promise<ProgressReport> {
  return buildProgressReport(await northumberlandSource());
}
