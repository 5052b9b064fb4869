/**
 * The measures table on a real Azurite (issue 21): each value is a row of its own, and the latest values
 * kept beside the measure's definition follow every value, corrections and values sent at the same
 * moment included; changing the definition keeps them; a definition written before they were kept is
 * read from its values.
 */
import { latestValues, type MeasureValue, readMeasure } from '../../src/domain/measures';
import { encodeKey } from '../../src/storage/keys';
import type { TableClients } from '../../src/storage/table-clients';
import type { Stores } from '../../src/usecases/ports/index';
import { MEASURE_INPUTS } from '../support/measures';
import { freshStores } from '../support/test-stores';

const PLAN = 'impact';
const measure = readMeasure(MEASURE_INPUTS[0]!);

let stores: Stores;
let tables: TableClients;

beforeEach(async () => {
  ({ stores, tables } = await freshStores());
  await stores.measures.create(PLAN, measure);
});

const entry = (period: string, value: number, minute: number): MeasureValue => ({
  measureId: measure.id,
  period,
  value,
  reportedBy: 'analyst@police.example',
  reportedAt: new Date(Date.UTC(2026, 11, 1, 9, minute)).toISOString(),
});

const latestOf = async () =>
  (await stores.measures.listWithLatest(PLAN)).find((m) => m.measure.id === measure.id)?.latest;

describe('the measures repository', () => {
  test('when values and a correction are appended, then every entry is kept and the latest two periods follow them', async () => {
    const appended = [
      entry('2026-09', 61, 1),
      entry('2026-10', 64, 2),
      entry('2026-11', 70, 3),
      entry('2026-10', 66, 4),
    ];
    for (const value of appended) await stores.measures.appendValue(PLAN, value);
    expect(await stores.measures.listValues(PLAN, measure.id)).toEqual(appended);
    expect(await latestOf()).toEqual([entry('2026-10', 66, 4), entry('2026-11', 70, 3)]);
  });

  test('when twelve values arrive at the same moment, then none is lost and the latest values hold the newest periods', async () => {
    const appended = Array.from({ length: 12 }, (_, i) =>
      entry(`2026-${String(i + 1).padStart(2, '0')}`, 50 + i, i),
    );
    await Promise.all(appended.map((value) => stores.measures.appendValue(PLAN, value)));
    expect(await stores.measures.listValues(PLAN, measure.id)).toHaveLength(12);
    expect(await latestOf()).toEqual(latestValues(appended));
  }, 30_000);

  test('when the definition is changed, then the latest values kept beside it stay', async () => {
    await stores.measures.appendValue(PLAN, entry('2026-11', 70, 1));
    const stored = await stores.measures.get(PLAN, measure.id);
    await stores.measures.update(PLAN, { ...measure, name: 'Renamed' }, stored!.etag);
    expect((await stores.measures.get(PLAN, measure.id))?.value.name).toBe('Renamed');
    expect(await latestOf()).toEqual([entry('2026-11', 70, 1)]);
  });

  test('when a definition was written before latest values were kept, then it lists without them and its values still append', async () => {
    const old = { ...measure, id: 'M7' };
    await tables
      .get('Measures')
      .createEntity({ partitionKey: PLAN, rowKey: `def|${encodeKey('M7')}`, json: JSON.stringify(old) });
    await stores.measures.appendValue(PLAN, { ...entry('2026-11', 70, 1), measureId: 'M7' });
    const listed = (await stores.measures.listWithLatest(PLAN)).find((m) => m.measure.id === 'M7');
    expect(listed).toEqual({ measure: old, latest: undefined });
    expect(await stores.measures.listValues(PLAN, 'M7')).toHaveLength(1);
  });
});
