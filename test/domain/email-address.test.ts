import {
  emailAddress,
  isEmailAddress,
  parseEmailAddress,
  sameEmailAddress,
} from '../../src/domain/email-address';

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
