// GET /reports/:id?exp=…&sig=…: the page behind every chat message. The link is checked before the store is read,
// so a guessed id learns nothing; tampered or expired → 403, unknown → 404, REPORT_LINK_SECRET unset → 503.
import { Hono } from 'hono';
import type { EdgeEnv } from '../../lib/edge/index.ts';
import { isLocale } from '../../lib/locale/index.ts';
import { verifyReportLink } from '../../lib/report/index.ts';
import { toBase64 } from '../../lib/security/index.ts';
import { storesFor } from '../adapters.ts';
import { renderPlainPage } from './plain-page.tsx';
import { localTimeScript, renderReportPage } from './report-page.tsx';

let scriptHash: Promise<string> | undefined;
/** The CSP source of the one inline script, computed once per isolate from the script itself. */
const localTimeScriptSource = () => {
  scriptHash ??= crypto.subtle
    .digest('SHA-256', new TextEncoder().encode(localTimeScript))
    .then((digest) => `'sha256-${toBase64(digest)}'`);
  return scriptHash;
};

/** Nothing from elsewhere, no framing, no form posts: the page is text, its inline style and one hashed script. */
const securityHeaders = (scriptSource?: string): Record<string, string> => ({
  'Content-Security-Policy': [
    "default-src 'none'",
    "style-src 'unsafe-inline'",
    ...(scriptSource ? [`script-src ${scriptSource}`] : []),
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; '),
  'Cache-Control': 'private, no-store',
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'X-Robots-Tag': 'noindex',
});

export const reports = new Hono<EdgeEnv>();

reports.get('/:id', async (c) => {
  const plain = (status: 403 | 404 | 503, title: string, text: string) =>
    c.html(renderPlainPage(title, text), status, securityHeaders());
  const config = c.var.config;
  if (!config.REPORT_LINK_SECRET)
    return plain(503, 'Report pages are not configured', 'REPORT_LINK_SECRET is not set on this Worker.');
  const id = c.req.param('id');
  const check = await verifyReportLink(config.REPORT_LINK_SECRET, id, c.req.query('exp'), c.req.query('sig'));
  if (!check.ok)
    return check.reason === 'expired'
      ? plain(403, 'This link has expired', 'Report links work for a limited time, and this one has expired.')
      : plain(
          403,
          'This link is not valid',
          'The link was changed or cut short; it does not open any report.',
        );
  const store = storesFor(config);
  if (!store)
    return plain(
      503,
      'Reports are not kept',
      'UPSTASH_REDIS_REST_URL and UPSTASH_REDIS_REST_TOKEN are not set.',
    );
  const report = await store.reports.get(id);
  if (!report)
    return plain(404, 'Report not found', 'This report is no longer kept (reports are kept for 7 days).');
  const linkExpiresAt = new Date(Number(c.req.query('exp')) * 1000).toISOString();
  // `?lang=` reads the stored (language-neutral) report in another language than the chat message was sent in.
  const lang = c.req.query('lang');
  return c.html(
    renderReportPage(report, { linkExpiresAt, ...(isLocale(lang) ? { locale: lang } : {}) }),
    200,
    securityHeaders(await localTimeScriptSource()),
  );
});
