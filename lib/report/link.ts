// Signed, expiring links to a report's page: `<PUBLIC_URL>/reports/<id>?exp=<unix>&sig=<base64url HMAC-SHA256>`.
// The signature covers `<id>.<exp>`, so neither the report nor the expiry can be changed without the secret.
import type { Config } from '../config/index.ts';
import { hmacSha256, timingSafeEqual, toBase64 } from '../security/index.ts';

/** The settings a link needs; both of the first two must be set for messages to carry one. */
export type ReportLinkSettings = Pick<Config, 'REPORT_LINK_SECRET' | 'REPORT_LINK_TTL_SECONDS'> & {
  PUBLIC_URL?: string | undefined;
};

const base64url = (bytes: ArrayBuffer) =>
  toBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

/** The signature of a link to report `id` valid until `exp` (unix seconds). */
export async function reportLinkSignature(secret: string, id: string, exp: number): Promise<string> {
  return base64url(await hmacSha256(secret, `${id}.${exp}`));
}

/**
 * The page link of report `id`, valid for REPORT_LINK_TTL_SECONDS from `now`; undefined when REPORT_LINK_SECRET
 * is unset or there is no public URL to link to (the message then goes out without a link).
 */
export async function reportLink(
  settings: ReportLinkSettings,
  id: string,
  now: Date = new Date(),
  publicUrl = settings.PUBLIC_URL,
): Promise<string | undefined> {
  if (!settings.REPORT_LINK_SECRET || !publicUrl) return undefined;
  const exp = Math.floor(now.getTime() / 1000) + settings.REPORT_LINK_TTL_SECONDS;
  const sig = await reportLinkSignature(settings.REPORT_LINK_SECRET, id, exp);
  return `${publicUrl.replace(/\/+$/, '')}/reports/${encodeURIComponent(id)}?exp=${exp}&sig=${sig}`;
}

export type ReportLinkCheck = { ok: true } | { ok: false; reason: 'invalid' | 'expired' };

/**
 * Checks a link's `exp` and `sig` for report `id` at `now`, the signature in constant time. A bad signature is
 * `invalid` whatever the expiry says, so an expired page is only shown for a link this Worker really signed.
 */
export async function verifyReportLink(
  secret: string,
  id: string,
  exp: string | undefined,
  sig: string | undefined,
  now: Date = new Date(),
): Promise<ReportLinkCheck> {
  if (!exp || !sig || !/^\d{1,12}$/.test(exp)) return { ok: false, reason: 'invalid' };
  const expected = await reportLinkSignature(secret, id, Number(exp));
  if (!timingSafeEqual(expected, sig)) return { ok: false, reason: 'invalid' };
  return Number(exp) * 1000 < now.getTime() ? { ok: false, reason: 'expired' } : { ok: true };
}
