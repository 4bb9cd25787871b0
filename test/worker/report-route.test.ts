// The report page route inside workerd, with no REPORT_LINK_SECRET configured: 503 naming the setting, as a plain
// page under the same strict CSP, before any store is read (the browser test covers the configured route).
import { SELF } from 'cloudflare:test';
import { expect, it } from 'vitest';

it('answers 503 naming REPORT_LINK_SECRET when report links are not configured', async () => {
  const response = await SELF.fetch('https://responder.test/reports/am-1?exp=1&sig=x');
  expect(response.status).toBe(503);
  expect(response.headers.get('content-type')).toMatch(/^text\/html/);
  expect(response.headers.get('content-security-policy')).toMatch(
    /^default-src 'none'; style-src 'unsafe-inline';/,
  );
  const html = await response.text();
  expect(html).toContain('<h1>Report pages are not configured</h1>');
  expect(html).toContain('REPORT_LINK_SECRET is not set');
});
