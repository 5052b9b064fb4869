/**
 * PLAN_CREATORS, checked in every place it lives: validated by the config (a bad entry stops start-up
 * naming it), documented in the README and .env.example, and passed by the Bicep from a parameter of
 * main.bicep through web.bicep into the app setting of the same name.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../../src/app/config';
import { appSettings, bicepparamNames, params, readBicepTree } from '../infra/bicep-text';

const ROOT = join(__dirname, '..', '..');
const GROUP = '5f1c3a9e-2b47-4d8c-9e61-0a7b3c2d4e5f';

describe('PLAN_CREATORS', () => {
  test('when it lists addresses and an Entra ID group id, then the config reads both, lower case', () => {
    const config = loadConfig({ PLAN_CREATORS: `Manager@Council.gov.uk, ${GROUP.toUpperCase()}` });
    expect(config.PLAN_CREATORS).toEqual({ emails: ['manager@council.gov.uk'], groups: [GROUP] });
    expect(loadConfig({}).PLAN_CREATORS).toBeUndefined();
  });

  test('when an entry is neither, then start-up stops with one line naming it', () => {
    expect(() => loadConfig({ PLAN_CREATORS: 'manager@council.gov.uk, Plan admins' })).toThrow(
      'Configuration is not valid: PLAN_CREATORS: must be e-mail addresses and/or Entra ID group object ids, comma-separated; not "plan admins"',
    );
  });

  test('when the docs and the Bicep are read, then each names it the same way', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(readme).toMatch(/\| `PLAN_CREATORS` .*groups/);
    expect(readFileSync(join(ROOT, '.env.example'), 'utf8')).toMatch(/^PLAN_CREATORS=$/m);
    const bicep = readBicepTree(join(ROOT, 'infra'));
    const main = bicep.get('main.bicep') ?? '';
    const web = bicep.get(join('modules', 'web.bicep')) ?? bicep.get('modules/web.bicep') ?? '';
    expect(params(main).find((p) => p.name === 'planCreators')).toMatchObject({
      type: 'string',
      defaultValue: "''",
    });
    expect(main).toMatch(/planCreators: planCreators/);
    expect(params(web).map((p) => p.name)).toContain('planCreators');
    expect(appSettings(web)).toContainEqual({ name: 'PLAN_CREATORS', value: 'planCreators' });
    expect(bicepparamNames(readFileSync(join(ROOT, 'infra', 'main.bicepparam'), 'utf8'))).toContain(
      'planCreators',
    );
  });
});
