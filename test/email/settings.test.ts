/** The e-mail settings are checked at start-up like every other: a bad value stops with one line naming it. */
import { loadConfig } from '../../src/app/config';

describe('e-mail settings', () => {
  test('when nothing is set, then the pace is 10 a second and there is no relay', () => {
    const config = loadConfig({});
    expect(config.SMTP_MAX_PER_SECOND).toBe(10);
    expect(config.SMTP_URL).toBeUndefined();
  });

  test('when a relay is given with a From address, then both are read', () => {
    const config = loadConfig({
      SMTP_URL: 'smtp://smtp.office365.com:587',
      SMTP_USER: 'action-tracker@council.gov.uk',
      SMTP_PASSWORD: 'a password',
      MAIL_FROM: 'Action Tracker <action-tracker@council.gov.uk>',
      SMTP_MAX_PER_SECOND: '0.5',
    });
    expect(config).toMatchObject({ SMTP_URL: 'smtp://smtp.office365.com:587', SMTP_MAX_PER_SECOND: 0.5 });
    expect(
      loadConfig({ SMTP_URL: 'smtps://user:p%40ss@relay.example:465', MAIL_FROM: 'at@council.gov.uk' })
        .SMTP_URL,
    ).toBe('smtps://user:p%40ss@relay.example:465');
  });

  test.each([
    [
      { SMTP_URL: 'https://smtp.office365.com', MAIL_FROM: 'a@b.example' },
      'SMTP_URL: must be smtp://host:port or smtps://host:port',
    ],
    [
      { SMTP_URL: 'smtp://smtp.office365.com:587/path', MAIL_FROM: 'a@b.example' },
      'SMTP_URL: must be smtp://host:port',
    ],
    [{ SMTP_URL: 'smtp://smtp.office365.com:587' }, 'MAIL_FROM: is required when SMTP_URL is set'],
    [{ MAIL_FROM: 'not an address' }, 'MAIL_FROM: must be an address'],
    [{ SMTP_MAX_PER_SECOND: '0' }, 'SMTP_MAX_PER_SECOND'],
    [{ SMTP_MAX_PER_SECOND: 'fast' }, 'SMTP_MAX_PER_SECOND'],
  ] as const)('when the settings are %o, then start-up stops naming the problem', (...[env, message]) => {
    expect(() => loadConfig(env)).toThrow(message);
  });
});
