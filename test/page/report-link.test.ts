// Report links: signed over the id and the expiry, so changing either (or the signature) opens nothing, and an
// expired link is told apart only when this Worker really signed it.
import { describe, expect, it } from 'vitest';
import { reportLink, reportLinkSignature, verifyReportLink } from '../../lib/report/index.ts';
import { hmacSha256, toBase64 } from '../../lib/security/index.ts';

const settings = {
  PUBLIC_URL: 'https://responder.example.com/',
  REPORT_LINK_SECRET: 'link-secret-0123456789abcdef',
  REPORT_LINK_TTL_SECONDS: 604_800,
};
const now = new Date('2026-11-23T08:00:00Z');

const parts = (link: string) => {
  const url = new URL(link);
  return {
    id: decodeURIComponent(url.pathname.replace('/reports/', '')),
    exp: url.searchParams.get('exp') ?? undefined,
    sig: url.searchParams.get('sig') ?? undefined,
  };
};

describe('reportLink', () => {
  it('signs id.exp with HMAC-SHA256 in base64url and expires after REPORT_LINK_TTL_SECONDS', async () => {
    const link = await reportLink(settings, 'am-1:abc', now);
    const { id, exp, sig } = parts(link!);
    expect(link!.startsWith('https://responder.example.com/reports/am-1%3Aabc?exp=')).toBe(true);
    expect(id).toBe('am-1:abc');
    expect(Number(exp)).toBe(now.getTime() / 1000 + 604_800);
    const expected = toBase64(await hmacSha256(settings.REPORT_LINK_SECRET, `am-1:abc.${exp}`))
      .replace(/\+/g, '-')
      .replace(/\//g, '_')
      .replace(/=+$/, '');
    expect(sig).toBe(expected);
    expect(sig).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('makes no link without the secret or a public URL', async () => {
    expect(await reportLink({ ...settings, REPORT_LINK_SECRET: undefined }, 'r1', now)).toBeUndefined();
    expect(await reportLink({ ...settings, PUBLIC_URL: undefined }, 'r1', now)).toBeUndefined();
    expect(await reportLink({ ...settings, PUBLIC_URL: undefined }, 'r1', now, 'http://w')).toMatch(
      /^http:\/\/w\/reports\/r1\?/,
    );
  });
});

describe('verifyReportLink', () => {
  const secret = settings.REPORT_LINK_SECRET;

  it('accepts the link it made until it expires, then calls it expired', async () => {
    const { id, exp, sig } = parts((await reportLink(settings, 'r1', now))!);
    expect(await verifyReportLink(secret, id, exp, sig, now)).toEqual({ ok: true });
    const later = new Date(Number(exp) * 1000 + 1000);
    expect(await verifyReportLink(secret, id, exp, sig, later)).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuses a changed id, expiry or signature, another secret and missing parts', async () => {
    const { id, exp, sig } = parts((await reportLink(settings, 'r1', now))!);
    const invalid = { ok: false, reason: 'invalid' };
    expect(await verifyReportLink(secret, 'r2', exp, sig, now)).toEqual(invalid);
    expect(await verifyReportLink(secret, id, String(Number(exp) + 1), sig, now)).toEqual(invalid);
    expect(await verifyReportLink(secret, id, exp, `${sig!.slice(0, -1)}A`, now)).toEqual(invalid);
    expect(await verifyReportLink('another-secret-value', id, exp, sig, now)).toEqual(invalid);
    expect(await verifyReportLink(secret, id, undefined, sig, now)).toEqual(invalid);
    expect(await verifyReportLink(secret, id, exp, undefined, now)).toEqual(invalid);
    expect(await verifyReportLink(secret, id, '1e9', sig, now)).toEqual(invalid);
  });

  it('calls a forged link with a past expiry invalid, not expired', async () => {
    const past = String(now.getTime() / 1000 - 10);
    const forged = await reportLinkSignature('guess', 'r1', Number(past));
    expect(await verifyReportLink(secret, 'r1', past, forged, now)).toEqual({ ok: false, reason: 'invalid' });
  });
});
