import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig, SETTING_NAMES } from '../../src/app/config';

const root = join(__dirname, '..', '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const example = readFileSync(join(root, '.env.example'), 'utf8');

describe('configuration is documented', () => {
  test.each([...SETTING_NAMES])('%s is in the README and in .env.example', (name) => {
    expect(readme).toContain(`\`${name}\``);
    expect(example).toMatch(new RegExp(`^${name}=`, 'm'));
  });

  test('when a value is bad, then start-up stops with one line naming it', () => {
    expect(() => loadConfig({ LINK_SIGNING_SECRET: 'short' })).toThrow(
      'Configuration is not valid: LINK_SIGNING_SECRET: must be at least 32 characters',
    );
    expect(() => loadConfig({ AZURE_CLIENT_ID: 'not-a-guid' })).toThrow('AZURE_CLIENT_ID');
  });
});
