import { appLinks, LINK_LIFETIME_MS, verifyReportLink } from '../../src/http/report-links';
import { fixedClock } from '../support/test-stores';

const secret = Buffer.from('a-secret-of-more-than-thirty-two-characters');
const clock = fixedClock('2025-01-15T10:00:00Z');

describe('links from cards', () => {
  test('in Teams the dashboard link opens the personal tab on the plan; locally, the page', () => {
    const teams = appLinks({ secret, baseUrl: 'https://tracker.example.org', clock, appId: 'app-id' });
    const url = new URL(teams.dashboardUrl('demo-leeds-syv'));
    expect(`${url.origin}${url.pathname}`).toBe('https://teams.microsoft.com/l/entity/app-id/dashboard');
    expect(JSON.parse(url.searchParams.get('context')!)).toEqual({ subEntityId: 'demo-leeds-syv' });
    const local = appLinks({ secret, baseUrl: 'http://localhost:3978', clock });
    expect(local.dashboardUrl('demo-leeds-syv')).toBe('http://localhost:3978/tab?plan=demo-leeds-syv');
  });

  test('a report link carries who, what and until when, and is refused once expired, altered or re-signed', () => {
    const links = appLinks({ secret, baseUrl: 'https://tracker.example.org', clock });
    const url = links.reportUrl({ planId: 'p1', format: 'xlsx', email: 'lead@example.org', round: 2 });
    const token = url.split('/reports/')[1]!;
    const now = clock.now();
    expect(verifyReportLink(token, secret, now)).toEqual({
      p: 'p1',
      f: 'xlsx',
      e: 'lead@example.org',
      r: 2,
      x: now.getTime() + LINK_LIFETIME_MS,
    });
    expect(verifyReportLink(token, secret, new Date(now.getTime() + LINK_LIFETIME_MS + 1))).toBeUndefined();
    expect(
      verifyReportLink(token, Buffer.from('another-secret-of-thirty-two-characters!'), now),
    ).toBeUndefined();
    const [payload, signature] = token.split('.');
    expect(verifyReportLink(`${payload}x.${signature}`, secret, now)).toBeUndefined();
    expect(verifyReportLink(`${token}.extra`, secret, now)).toBeUndefined();
    expect(verifyReportLink('', secret, now)).toBeUndefined();
  });
});
