/**
 * Which of a person's names a plan shows (entered, then the Teams directory, then the import, then one
 * made from the address), and entering one: checked, trimmed, removed when emptied, the same plan back
 * when nothing changes.
 */
import { ValidationError } from '../../src/domain/errors';
import { nameFromAddress, shownName, withEnteredName } from '../../src/domain/person-name';
import { createPlan } from '../../src/domain/plan';

const EMAIL = 'jo.bloggs@example.org';
const NOW = new Date('2026-03-02T10:00:00Z');
const LATER = new Date('2026-03-02T11:00:00Z');

describe('the name a plan shows', () => {
  test('when names are known from several places, then the entered one wins, then the directory’s, then the import’s', () => {
    const all = { entered: 'Dr Jo Bloggs', directory: 'Jo Bloggs (Police)', imported: 'J Bloggs' };
    expect(shownName(EMAIL, all)).toEqual({ name: 'Dr Jo Bloggs', source: 'entered' });
    expect(shownName(EMAIL, { directory: all.directory, imported: all.imported })).toEqual({
      name: 'Jo Bloggs (Police)',
      source: 'directory',
    });
    expect(shownName(EMAIL, { imported: all.imported })).toEqual({ name: 'J Bloggs', source: 'import' });
  });

  test('when the only name known is the address itself, then one is made from the address and said to be so', () => {
    expect(shownName(EMAIL, { directory: EMAIL, imported: EMAIL })).toEqual({
      name: 'Jo Bloggs',
      source: 'address',
    });
    expect(nameFromAddress('partnership_manager-2@example.org')).toBe('Partnership Manager 2');
  });

  test('when a name is entered, then it is kept trimmed; emptied, it is removed; the same again changes nothing', () => {
    const plan = createPlan({ id: 'leeds-2026', title: 'Leeds', coordinators: [EMAIL] }, NOW);
    const named = withEnteredName(plan, 'Jo.Bloggs@Example.org', '  Dr Jo Bloggs ', LATER);
    expect(named.names).toEqual({ [EMAIL]: 'Dr Jo Bloggs' });
    expect(named.updatedAt).toBe(LATER.toISOString());
    expect(withEnteredName(named, EMAIL, 'Dr Jo Bloggs', LATER)).toBe(named);
    expect(withEnteredName(named, EMAIL, '', LATER).names).toEqual({});
  });

  test('when the name is too long or has control characters, or the address is not one, then it is refused by field', () => {
    const plan = createPlan({ id: 'leeds-2026', title: 'Leeds', coordinators: [EMAIL] }, NOW);
    const issues = (email: string, name: string) => {
      try {
        withEnteredName(plan, email, name, LATER);
        return [];
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        return error.issues.map((i) => i.field);
      }
    };
    expect(issues(EMAIL, 'x'.repeat(121))).toEqual(['name']);
    expect(issues(EMAIL, 'Jo\u0007Bloggs')).toEqual(['name']);
    expect(issues('not an address', 'Jo')).toEqual(['email']);
  });
});
