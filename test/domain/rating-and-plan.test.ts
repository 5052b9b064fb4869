import { ValidationError, type ValidationIssue } from '../../src/domain/errors';
import { createPlan, grantRole, type NewPlan, type Plan, rolesOf } from '../../src/domain/plan';
import {
  parseRating,
  RATINGS,
  type Rating,
  ratingLabel,
  ratingName,
  ratingSeverity,
  ratingsOf,
} from '../../src/domain/rating';

const NOW = new Date('2024-10-01T09:30:00.000Z');
const LATER = new Date('2024-11-15T14:00:00.000Z');

function issuesOf(act: () => unknown): readonly ValidationIssue[] {
  try {
    act();
  } catch (error) {
    if (error instanceof ValidationError) return error.issues;
    throw error;
  }
  throw new Error('expected a ValidationError, but nothing was thrown');
}

describe('parseRating', () => {
  test.each<[string, Rating]>([
    ['green', 'green'],
    ['Green', 'green'],
    ['GREEN', 'green'],
    [' green ', 'green'],
    ['G', 'green'],
    ['good', 'green'],
    ['Good progress', 'green'],
    ['Good   progress', 'green'],
    ['On track', 'green'],
    ['yellow', 'yellow'],
    ['Y', 'yellow'],
    ['Sufficient', 'yellow'],
    ['Sufficient progress', 'yellow'],
    ['Amber', 'amber'],
    ['a', 'amber'],
    ['Moderate', 'amber'],
    ['Moderate progress', 'amber'],
    ['Red', 'red'],
    ['R', 'red'],
    ['Little progress', 'red'],
  ])('when a spreadsheet says %p, then the rating is %p', (text, rating) => {
    expect(parseRating(text)).toBe(rating);
  });

  test.each(['', '   ', 'blue', 'gren', 'green-ish', 'RAG', 'amber/red', 'x'])(
    'when a spreadsheet says %j, then there is no rating',
    (text) => {
      expect(parseRating(text)).toBeUndefined();
    },
  );
});

describe('ratingsOf', () => {
  test('when the scale is quadrant, then all four ratings are offered, best first', () => {
    expect(ratingsOf('quadrant')).toEqual(['green', 'yellow', 'amber', 'red']);
  });

  test('when the scale is rag, then yellow is not offered', () => {
    expect(ratingsOf('rag')).toEqual(['green', 'amber', 'red']);
  });
});

describe('rating names, labels and severity', () => {
  test('when ratings are ordered by severity, then green is best and red is worst', () => {
    const severities = RATINGS.map(ratingSeverity);

    expect(severities).toEqual([...severities].sort((a, b) => a - b));
    expect(ratingSeverity('red')).toBeGreaterThan(ratingSeverity('amber'));
    expect(ratingSeverity('amber')).toBeGreaterThan(ratingSeverity('yellow'));
    expect(ratingSeverity('yellow')).toBeGreaterThan(ratingSeverity('green'));
  });

  test('when a rating is named, then it is capitalised', () => {
    expect(RATINGS.map(ratingName)).toEqual(['Green', 'Yellow', 'Amber', 'Red']);
  });

  test('when a rating is labelled, then the label depends on the scale', () => {
    expect(ratingLabel('green', 'quadrant')).toBe('Good progress, on track');
    expect(ratingLabel('green', 'rag')).toBe('Green: on track');
    expect(ratingLabel('red', 'rag')).toBe('Red: off track');
    expect(ratingLabel('amber', 'quadrant')).not.toBe(ratingLabel('amber', 'rag'));
  });
});

describe('createPlan', () => {
  test('when only an id and title are given, then the plan gets the defaults', () => {
    const plan = createPlan({ id: 'leeds-2024', title: 'Leeds JTAI action plan' }, NOW);

    expect(plan).toEqual({
      id: 'leeds-2024',
      title: 'Leeds JTAI action plan',
      inspection: { theme: '', inspectorates: ['Ofsted', 'CQC', 'HMICFRS', 'HMIP'] },
      principalAuthority: '',
      oversightBody: '',
      timeZone: 'Europe/London',
      ratingScale: 'quadrant',
      cadence: 'quarterly',
      coordinators: [],
      leads: [],
      createdAt: '2024-10-01T09:30:00.000Z',
      updatedAt: '2024-10-01T09:30:00.000Z',
    });
  });

  test('when details are given, then they are kept, trimmed, and e-mails are lower-cased', () => {
    const input: NewPlan = {
      id: 'northumberland-2019',
      title: '  Northumberland JTAI  ',
      inspection: {
        theme: 'Child exploitation',
        startDate: '2019-09-16',
        endDate: '2019-09-20',
        inspectorates: ['Ofsted', 'HMICFRS'],
      },
      principalAuthority: 'Northumberland County Council',
      submissionDate: '2019-12-20',
      oversightBody: 'NSCP',
      timeZone: 'Europe/London',
      ratingScale: 'rag',
      cadence: 'monthly',
      coordinators: ['Coord@Example.ORG'],
      leads: [' lead@example.org '],
    };

    const plan = createPlan(input, NOW);

    expect(plan).toMatchObject({
      title: 'Northumberland JTAI',
      inspection: {
        theme: 'Child exploitation',
        startDate: '2019-09-16',
        endDate: '2019-09-20',
        inspectorates: ['Ofsted', 'HMICFRS'],
      },
      submissionDate: '2019-12-20',
      ratingScale: 'rag',
      cadence: 'monthly',
      coordinators: ['coord@example.org'],
      leads: ['lead@example.org'],
    });
  });

  test('when several fields are bad, then one ValidationError lists every one of them', () => {
    const issues = issuesOf(() =>
      createPlan(
        {
          id: 'Leeds 2024!',
          title: '   ',
          timeZone: 'Mars/Olympus_Mons',
          ratingScale: 'traffic-light' as never,
          cadence: 'weekly' as never,
          coordinators: ['not-an-email'],
          submissionDate: '20/12/2019',
        },
        NOW,
      ),
    );

    expect(issues.map((i) => i.field).sort()).toEqual(
      ['cadence', 'coordinator', 'plan', 'rating scale', 'submission date', 'time zone', 'title'].sort(),
    );
    expect(issues.every((i) => i.row === undefined)).toBe(true);
    expect(issues).toContainEqual({ field: 'title', reason: 'is required' });
    expect(issues).toContainEqual({ field: 'time zone', reason: '"Mars/Olympus_Mons" is not a time zone' });
    expect(issues).toContainEqual({
      field: 'cadence',
      reason: '"weekly" is not one of monthly, bi-monthly, quarterly',
    });
  });

  test('when the plan is refused, then the error message names each field', () => {
    expect(() => createPlan({ id: 'X', title: '' }, NOW)).toThrow(/plan: .*; title: is required/);
  });

  test.each(['a', 'UPPER', 'has space', '-leading-hyphen', 'a'.repeat(64), 'dots.not.allowed'])(
    'when the plan id is %p, then it is refused',
    (id) => {
      const issues = issuesOf(() => createPlan({ id, title: 'Plan' }, NOW));

      expect(issues.map((i) => i.field)).toEqual(['plan']);
    },
  );

  test.each(['ab', 'leeds-2024', 'a'.repeat(63), '2024-plan'])(
    'when the plan id is %p, then it is accepted',
    (id) => {
      expect(createPlan({ id, title: 'Plan' }, NOW).id).toBe(id);
    },
  );

  test('when the title is over 200 characters, then it is refused with its length', () => {
    const issues = issuesOf(() => createPlan({ id: 'leeds-2024', title: 't'.repeat(201) }, NOW));

    expect(issues).toEqual([{ field: 'title', reason: 'is 201 characters; the limit is 200' }]);
  });

  test('when the inspection dates are not ISO dates, then each is reported', () => {
    const issues = issuesOf(() =>
      createPlan(
        {
          id: 'leeds-2024',
          title: 'Plan',
          inspection: { theme: '', startDate: '2024-02-30', endDate: 'soon', inspectorates: [] },
        },
        NOW,
      ),
    );

    expect(issues.map((i) => i.field)).toEqual(['inspection start', 'inspection end']);
  });

  test('when created, then the creation time comes from the injected clock', () => {
    const plan = createPlan({ id: 'leeds-2024', title: 'Plan' }, LATER);

    expect(plan.createdAt).toBe('2024-11-15T14:00:00.000Z');
    expect(plan.updatedAt).toBe('2024-11-15T14:00:00.000Z');
  });
});

describe('grantRole', () => {
  function plan(): Plan {
    return createPlan({ id: 'leeds-2024', title: 'Plan', coordinators: ['coord@example.org'] }, NOW);
  }

  test('when a lead is granted, then the address is added lower-cased and updatedAt moves on', () => {
    const before = plan();

    const after = grantRole(before, '  New.Lead@Example.ORG ', 'lead', LATER);

    expect(after.leads).toEqual(['new.lead@example.org']);
    expect(after.coordinators).toEqual(['coord@example.org']);
    expect(after.updatedAt).toBe('2024-11-15T14:00:00.000Z');
    expect(after.createdAt).toBe(before.createdAt);
  });

  test('when a role is granted, then the original plan is not changed', () => {
    const before = plan();

    grantRole(before, 'another@example.org', 'coordinator', LATER);

    expect(before.coordinators).toEqual(['coord@example.org']);
    expect(before.updatedAt).toBe('2024-10-01T09:30:00.000Z');
  });

  test('when a coordinator is granted, then they are appended after the existing ones', () => {
    const after = grantRole(plan(), 'second@example.org', 'coordinator', LATER);

    expect(after.coordinators).toEqual(['coord@example.org', 'second@example.org']);
    expect(after.leads).toEqual([]);
  });

  test('when the person already has the role, in any letter case, then the very same plan is returned', () => {
    const before = plan();

    const after = grantRole(before, 'COORD@example.org', 'coordinator', LATER);

    expect(after).toBe(before);
    expect(after.coordinators).toEqual(['coord@example.org']);
  });

  test('when a coordinator is also made a lead, then they hold both roles', () => {
    const after = grantRole(plan(), 'coord@example.org', 'lead', LATER);

    expect(rolesOf(after, 'coord@example.org')).toEqual(['coordinator', 'lead']);
  });

  test.each(['not-an-email', '', 'a@b', 'two@example.org; three@example.org'])(
    'when the address is %p, then it is refused',
    (email) => {
      const issues = issuesOf(() => grantRole(plan(), email, 'lead', LATER));

      expect(issues.map((i) => i.field)).toEqual(['email']);
    },
  );

  test('when the role is unknown, then it is refused naming the allowed roles', () => {
    const issues = issuesOf(() => grantRole(plan(), 'x@example.org', 'admin' as never, LATER));

    expect(issues).toEqual([{ field: 'role', reason: '"admin" is not one of coordinator, lead, moderator' }]);
  });
});

describe('rolesOf', () => {
  const plan = createPlan(
    {
      id: 'leeds-2024',
      title: 'Plan',
      coordinators: ['coord@example.org', 'both@example.org'],
      leads: ['lead@example.org', 'both@example.org'],
    },
    NOW,
  );

  test.each<[string, string[]]>([
    ['coord@example.org', ['coordinator']],
    ['Coord@Example.org', ['coordinator']],
    ['  LEAD@EXAMPLE.ORG ', ['lead']],
    ['both@example.org', ['coordinator', 'lead']],
    ['stranger@example.org', []],
    ['', []],
  ])('when asking for %p, then the roles are %p', (email, roles) => {
    expect(rolesOf(plan, email)).toEqual(roles);
  });
});
