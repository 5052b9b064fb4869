import { join } from 'node:path';
import { CANONICAL_COLUMNS } from '../../src/domain/spreadsheet-columns';

export const FIXTURES = join(__dirname, '..', 'fixtures');
export const NORTHUMBERLAND_CSV = join(FIXTURES, 'plans', 'northumberland-jtai-2019.csv');
export const LEEDS_CSV = join(FIXTURES, 'plans', 'leeds-jtai-syv-2024.csv');

const AGENCIES = [
  'Police',
  "Children's Social Care",
  'Integrated Care Board',
  'Education',
  'Youth Justice Service',
  'Safeguarding Partnership',
];

/** A large plan in the canonical columns: `count` actions over 20 areas and 100 owners. */
export function generatedPlanRows(count: number): string[][] {
  const header = [...CANONICAL_COLUMNS];
  const ratings = ['green', 'yellow', 'amber', 'red', ''];
  const rows: string[][] = [header];
  for (let i = 0; i < count; i++) {
    const area = (i % 20) + 1;
    const owner = i % 100;
    const month = String((i % 12) + 1).padStart(2, '0');
    rows.push([
      `AFI${area}`,
      `Area for improvement number ${area}`,
      `${area}.${Math.floor(i / 20) + 1}`,
      `Generated action ${i + 1}: review multi-agency practice and report to the partnership`,
      AGENCIES[i % AGENCIES.length]!,
      `Owner ${owner}`,
      `owner${owner}@example.org`,
      '2025-01-01',
      `2026-${month}-15`,
      ratings[i % ratings.length]!,
      `Measure ${i + 1}`,
    ]);
  }
  return rows;
}
