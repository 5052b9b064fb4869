import {
  addDays,
  calendarDateIn,
  daysBetween,
  formatUkDate,
  isValidIsoDate,
  isValidTimeZone,
  parseUkDate,
} from '../../src/domain/dates';

function parsedValue(raw: string): string {
  const result = parseUkDate(raw);
  if (!result.ok) throw new Error(`expected "${raw}" to parse, but: ${result.reason}`);
  return result.value;
}

function refusal(raw: string): string {
  const result = parseUkDate(raw);
  if (result.ok) throw new Error(`expected "${raw}" to be refused, but it parsed as ${result.value}`);
  return result.reason;
}

describe('parseUkDate', () => {
  test.each([
    ['2024-12-31', '2024-12-31'],
    ['2024-1-5', '2024-01-05'],
    ['2024-12-31T00:00:00Z', '2024-12-31'],
    ['2024-12-31T00:00:00.000Z', '2024-12-31'],
    ['2024-12-31T00:00', '2024-12-31'],
  ])('when given the ISO form %p, then it reads %p', (raw, expected) => {
    expect(parsedValue(raw)).toBe(expected);
  });

  test.each([
    ['31/12/2024', '2024-12-31'],
    ['1/2/24', '2024-02-01'],
    ['01/02/2024', '2024-02-01'],
    ['31-12-2024', '2024-12-31'],
    ['31-12-24', '2024-12-31'],
    ['31.12.2024', '2024-12-31'],
    ['5.6.2025', '2025-06-05'],
  ])('when given the day-first numeric date %p, then it reads %p', (raw, expected) => {
    expect(parsedValue(raw)).toBe(expected);
  });

  test.each([
    ['31 Dec 2024', '2024-12-31'],
    ['31 December 2024', '2024-12-31'],
    ['1st March 2025', '2025-03-01'],
    ['2nd Feb 2025', '2025-02-02'],
    ['3rd Jan 2025', '2025-01-03'],
    ['4th July 2025', '2025-07-04'],
    ['31-Dec-2024', '2024-12-31'],
    ['31 Dec. 2024', '2024-12-31'],
    ['31 DEC 2024', '2024-12-31'],
    ['30 Sept 2024', '2024-09-30'],
    ['30 Sep 24', '2024-09-30'],
  ])('when given the day-month-name date %p, then it reads %p', (raw, expected) => {
    expect(parsedValue(raw)).toBe(expected);
  });

  test('when the text has surrounding spaces, then they are ignored', () => {
    expect(parsedValue('  31/12/2024  ')).toBe('2024-12-31');
  });

  test('when a date is written month-first like 12/31/2024, then it is refused with a message that says dates are day-first', () => {
    const reason = refusal('12/31/2024');

    expect(reason).toContain('12/31/2024');
    expect(reason).toMatch(/month-first/);
    expect(reason).toMatch(/day-first/);
  });

  test('when an American-style leap day 2/29/2024 is given, then it is also refused as month-first', () => {
    expect(refusal('2/29/2024')).toMatch(/day-first/);
  });

  test('when an ambiguous date like 01/02/2024 is given, then it is read day-first and never guessed month-first', () => {
    expect(parsedValue('01/02/2024')).toBe('2024-02-01');
  });

  test.each([
    '31/02/2024',
    '29/02/2023',
    '31/04/2024',
    '32/01/2024',
    '0/01/2024',
    '13/13/2024',
    '31 June 2024',
    '31 Sept 2024',
    '2024-02-30',
    '2023-02-29',
    '2024-13-01',
    '2024-00-10',
  ])('when given the impossible date %p, then it is refused with a hint of accepted formats', (raw) => {
    const reason = refusal(raw);

    expect(reason).toContain(`"${raw}" is not a date`);
    expect(reason).toContain('31/12/2024');
  });

  test('when given 29/02/2024 in a leap year, then it is accepted', () => {
    expect(parsedValue('29/02/2024')).toBe('2024-02-29');
  });

  test('when given 29 Feb 2000 (a leap century), then it is accepted; 29 Feb 2100 is refused', () => {
    expect(parsedValue('29 Feb 2000')).toBe('2000-02-29');
    refusal('29 Feb 2100');
  });

  test.each(['', '   ', '\t'])('when the text is blank (%j), then it is refused as empty', (raw) => {
    expect(parseUkDate(raw)).toEqual({ ok: false, reason: 'is empty' });
  });

  test.each([
    'garbage',
    'next Tuesday',
    '31st of December',
    'Dec 31, 2024',
    '2024/12/31',
    '31/12/202',
    '31 Decembre 2024',
    '31 Foo 2024',
    '2024-12-31T10:30:00Z',
    '31/12/1899',
  ])('when given the non-date %p, then it is refused', (raw) => {
    expect(parseUkDate(raw).ok).toBe(false);
  });

  test('when refused text is long, then the message quotes it truncated', () => {
    const long = `not a date ${'x'.repeat(100)}`;

    const reason = refusal(long);

    expect(reason).not.toContain(long);
    expect(reason).toContain('…');
    expect(reason.length).toBeLessThan(long.length + 60);
  });
});

describe('isValidIsoDate', () => {
  test.each([
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['2024-12-31', true],
    ['2024-1-5', false],
    ['31/12/2024', false],
    ['', false],
  ])('when given %p, then it answers %p', (raw, expected) => {
    expect(isValidIsoDate(raw)).toBe(expected);
  });
});

describe('formatUkDate', () => {
  test.each([
    ['2024-12-31', '31 Dec 2024'],
    ['2025-01-05', '5 Jan 2025'],
    ['2024-02-29', '29 Feb 2024'],
    ['2024-09-01', '1 Sep 2024'],
  ])('when formatting %p, then it reads %p', (iso, expected) => {
    expect(formatUkDate(iso)).toBe(expected);
  });

  test('when a formatted date is parsed again, then it gives back the same ISO date', () => {
    expect(parsedValue(formatUkDate('2025-11-07'))).toBe('2025-11-07');
  });
});

describe('addDays', () => {
  test.each([
    ['2024-01-31', 1, '2024-02-01'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2023-02-28', 1, '2023-03-01'],
    ['2024-12-31', 1, '2025-01-01'],
    ['2025-01-01', -1, '2024-12-31'],
    ['2024-03-01', -1, '2024-02-29'],
    ['2024-03-30', 2, '2024-04-01'],
    ['2024-10-26', 2, '2024-10-28'],
    ['2024-01-01', 365, '2024-12-31'],
    ['2024-06-15', 0, '2024-06-15'],
  ])('when adding to %p %p days, then the date is %p', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });
});

describe('daysBetween', () => {
  test.each([
    ['2024-12-31', '2025-01-01', 1],
    ['2024-02-28', '2024-03-01', 2],
    ['2023-02-28', '2023-03-01', 1],
    ['2024-03-30', '2024-04-01', 2],
    ['2024-10-26', '2024-10-28', 2],
    ['2024-01-01', '2025-01-01', 366],
    ['2025-01-01', '2024-01-01', -366],
    ['2024-06-15', '2024-06-15', 0],
  ])('when counting from %p to %p, then there are %p days', (from, to, expected) => {
    expect(daysBetween(from, to)).toBe(expected);
  });

  test('when a date is moved by addDays, then daysBetween gives back the same count', () => {
    expect(daysBetween('2024-03-15', addDays('2024-03-15', 400))).toBe(400);
  });
});

describe('calendarDateIn', () => {
  test('when it is 00:30 UTC on the morning the clocks go forward, then in London it is still that date', () => {
    expect(calendarDateIn('Europe/London', new Date('2024-03-31T00:30:00Z'))).toBe('2024-03-31');
  });

  test('when it is 23:30 UTC on 30 June, then in London (BST) it is already 1 July', () => {
    expect(calendarDateIn('Europe/London', new Date('2024-06-30T23:30:00Z'))).toBe('2024-07-01');
  });

  test('when it is 23:30 UTC on 31 December, then in London (GMT) it is still 31 December', () => {
    expect(calendarDateIn('Europe/London', new Date('2024-12-31T23:30:00Z'))).toBe('2024-12-31');
  });

  test('when it is 23:30 UTC on 31 December, then in Paris it is already the new year', () => {
    expect(calendarDateIn('Europe/Paris', new Date('2024-12-31T23:30:00Z'))).toBe('2025-01-01');
  });

  test('when it is 03:00 UTC, then in New York it is still the day before', () => {
    expect(calendarDateIn('America/New_York', new Date('2025-01-01T03:00:00Z'))).toBe('2024-12-31');
  });

  test('when the time zone is UTC, then the date is the UTC date', () => {
    expect(calendarDateIn('UTC', new Date('2024-06-30T23:59:59Z'))).toBe('2024-06-30');
  });
});

describe('isValidTimeZone', () => {
  test.each(['Europe/London', 'UTC', 'America/New_York', 'Europe/Belfast'])(
    'when given the IANA zone %p, then it is valid',
    (zone) => {
      expect(isValidTimeZone(zone)).toBe(true);
    },
  );

  test.each(['Mars/Olympus_Mons', 'London', 'Europe/Londres', '', 'not a zone'])(
    'when given %p, then it is not a time zone',
    (zone) => {
      expect(isValidTimeZone(zone)).toBe(false);
    },
  );
});
