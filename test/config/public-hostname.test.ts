/** Issue 20: locally the links pointed at localhost:3978 whatever PORT was. */
import { loadConfig, publicBaseUrl } from '../../src/app/config';

describe('PUBLIC_HOSTNAME', () => {
  test('when it is not set, then it follows PORT', () => {
    expect(loadConfig({ PORT: '4100' }).PUBLIC_HOSTNAME).toBe('localhost:4100');
    expect(publicBaseUrl(loadConfig({ PORT: '4100' }))).toBe('http://localhost:4100');
    expect(loadConfig({}).PUBLIC_HOSTNAME).toBe('localhost:3978');
  });

  test('when it is set, then it is used as it is', () => {
    expect(loadConfig({ PORT: '4100', PUBLIC_HOSTNAME: 'at.example.org' }).PUBLIC_HOSTNAME).toBe(
      'at.example.org',
    );
  });
});
