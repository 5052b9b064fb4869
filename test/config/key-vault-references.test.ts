/**
 * In Azure the secrets are Key Vault references. When App Service cannot resolve one (the identity may
 * not read the vault, or cannot reach it), it hands the app the reference text itself: a well-known string
 * that must never become a signing key or a password.
 */
import { loadConfig } from '../../src/app/config';

const REFERENCE =
  '@Microsoft.KeyVault(SecretUri=https://actiontracker-kv.vault.azure.net/secrets/link-signing-secret)';

test.each([['LINK_SIGNING_SECRET'], ['MicrosoftAppPassword'], ['SMTP_PASSWORD']])(
  'when %s is a Key Vault reference App Service could not resolve, then start-up stops and says so',
  (name) => {
    expect(() => loadConfig({ [name]: REFERENCE })).toThrow(
      `${name}: is a Key Vault reference that App Service could not resolve`,
    );
  },
);

test('when the reference was resolved, then the value is used as it is', () => {
  expect(
    loadConfig({ LINK_SIGNING_SECRET: 'a-resolved-secret-of-at-least-32-characters' }).LINK_SIGNING_SECRET,
  ).toBe('a-resolved-secret-of-at-least-32-characters');
});
