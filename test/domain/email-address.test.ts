import {
  emailAddress,
  hiddenCharacterProblem,
  isEmailAddress,
  parseEmailAddress,
  sameEmailAddress,
} from '../../src/domain/email-address';
import { agreeRating } from '../../src/domain/moderation';
import { Checker } from '../../src/domain/validation';

describe('EmailAddress', () => {
  test('when an address is made, then it is trimmed and in lower case, once', () => {
    const address = emailAddress('  Jo.Bloggs@Police.UK ');
    expect(address).toBe('jo.bloggs@police.uk');
    expect(emailAddress(address)).toBe(address);
    expect(isEmailAddress(address)).toBe(true);
    expect(isEmailAddress('Jo@police.uk')).toBe(false);
  });

  test('when text is parsed, then only something shaped like an address is one', () => {
    expect(parseEmailAddress(' Sam@Health.nhs.uk')).toBe('sam@health.nhs.uk');
    expect(parseEmailAddress('')).toBeUndefined();
    expect(parseEmailAddress('Sam Smith')).toBeUndefined();
    expect(parseEmailAddress('sam@localhost')).toBeUndefined();
    expect(parseEmailAddress(`${'a'.repeat(250)}@x.uk`)).toBeUndefined();
  });

  test('when two spellings of one address are compared, then they are equal; a blank matches nobody', () => {
    expect(sameEmailAddress('JO@police.uk ', 'jo@POLICE.uk')).toBe(true);
    expect(sameEmailAddress('jo@police.uk', 'sam@police.uk')).toBe(false);
    expect(sameEmailAddress('', ' ')).toBe(false);
  });
});

/** Characters nobody sees, each in an otherwise good address: format (Cf) and control (Cc). */
const HIDDEN: readonly (readonly [string, string, string])[] = [
  ['right-to-left override', '\u202eevil@example.org', 'U+202E'],
  ['left-to-right embedding', 'jo\u202a@example.org', 'U+202A'],
  ['pop directional formatting', 'jo@example.org\u202c', 'U+202C'],
  ['right-to-left isolate', 'jo\u2067@example.org', 'U+2067'],
  ['left-to-right mark', 'jo\u200e@example.org', 'U+200E'],
  ['Arabic letter mark', 'jo\u061c@example.org', 'U+061C'],
  ['zero-width space', 'j\u200bo@example.org', 'U+200B'],
  ['zero-width joiner', 'j\u200do@example.org', 'U+200D'],
  ['soft hyphen', 'j\u00ado@example.org', 'U+00AD'],
  ['byte order mark inside', 'jo\ufeff@example.org', 'U+FEFF'],
  ['null', 'jo\u0000@example.org', 'U+0000'],
  ['bell', 'jo\u0007@example.org', 'U+0007'],
  ['delete', 'jo\u007f@example.org', 'U+007F'],
  ['C1 control', 'jo\u0085@example.org', 'U+0085'],
];

describe('an address with a character nobody can see', () => {
  test.each(HIDDEN)(
    'when it holds a %s, then it is not an address, and the words name the character',
    (_name, text, code) => {
      expect(parseEmailAddress(text)).toBeUndefined();
      const words = `contains an invisible or control character (${code}); type the address again without it`;
      expect(hiddenCharacterProblem(emailAddress(text))).toBe(words);
      const check = new Checker(3);
      check.email('email', text);
      expect(check.issues).toEqual([{ row: 3, field: 'email', reason: words }]);
    },
  );

  test.each([
    'jo@example.org',
    ' Jo.Bloggs@Example.org\t',
    '\ufeffjo@example.org',
    "o'brien@example.org",
    'jo+plans@example.org',
  ])('when %j is typed, then it is taken as before', (text) => {
    expect(hiddenCharacterProblem(emailAddress(text))).toBeUndefined();
    expect(parseEmailAddress(text)).toBe(emailAddress(text));
    const check = new Checker();
    expect(check.email('email', text)).toBe(emailAddress(text));
    expect(check.issues).toEqual([]);
  });
});

describe('free text with bidirectional controls', () => {
  const CONTROLS = [
    '\u202a',
    '\u202b',
    '\u202c',
    '\u202d',
    '\u202e',
    '\u2066',
    '\u2067',
    '\u2068',
    '\u2069',
    '\u200e',
    '\u200f',
    '\u061c',
  ];

  test.each(CONTROLS.map((c) => [`U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`, c]))(
    'when a note holds %s, then it is dropped and the rest is kept as typed',
    (_code, control) => {
      const check = new Checker();
      expect(check.text('note', ` Paid ${control}100 ${control}in full `, 200)).toBe(`Paid 100 in full`);
      expect(check.issues).toEqual([]);
    },
  );

  test('when a note is only bidirectional controls and is required, then it is required', () => {
    const check = new Checker();
    check.text('note', '\u202e\u2066', 200, { required: true });
    expect(check.issues).toEqual([{ field: 'note', reason: 'is required' }]);
  });

  test('when text holds other scripts and joiners, then they are kept', () => {
    const check = new Checker();
    const text = 'مرحبا — שלום — 👩\u200d👩\u200d👧';
    expect(check.text('note', text, 200)).toBe(text);
  });

  test('when agreed commentary holds an override, then the paper gets it without', () => {
    const agreed = agreeRating(
      { rating: 'amber' },
      'quadrant',
      { commentary: ' On \u202etrack\u202c. ', by: { name: 'Chair', email: 'chair@example.org' } },
      new Date('2026-03-02T10:00:00Z'),
    );
    expect(agreed.commentary).toBe('On track.');
  });
});
