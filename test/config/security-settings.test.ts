import { allowedTenantsOf, loadConfig } from '../../src/app/config';

const APP_ID = '8d2e6f4a-1c3b-4e5d-a7f9-0b1c2d3e4f5a';
const HOME_TENANT = '5F1C3A9E-2B47-4D8C-9E61-0A7B3C2D4E5F';
const OTHER_TENANT = '0e0e0e0e-1111-4222-8333-444444444444';
const withApp = {
  MicrosoftAppId: APP_ID,
  MicrosoftAppTenantId: HOME_TENANT,
  MicrosoftAppPassword: 'secret',
  LINK_SIGNING_SECRET: 'a-test-link-secret-of-at-least-32-characters',
};

describe('allowed tenants', () => {
  test('when an app id is set and ALLOWED_TENANTS is not, then only the app’s own tenant is allowed (bot and tab alike)', () => {
    expect(allowedTenantsOf(loadConfig(withApp))).toEqual([HOME_TENANT.toLowerCase()]);
  });

  test('when ALLOWED_TENANTS is set, then exactly those tenants are allowed', () => {
    const config = loadConfig({ ...withApp, ALLOWED_TENANTS: `${OTHER_TENANT}, ${HOME_TENANT}` });
    expect(allowedTenantsOf(config)).toEqual([OTHER_TENANT, HOME_TENANT.toLowerCase()]);
  });

  test('when there is no app id (local mode), then no tenant list applies', () => {
    expect(allowedTenantsOf(loadConfig({}))).toBeUndefined();
  });
});
