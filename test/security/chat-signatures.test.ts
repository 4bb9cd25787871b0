// Slack's and LINE's request signatures, checked over the raw bytes before anything is parsed.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyLineSignature, verifySlackRequest } from '../../lib/security/index.ts';

const secret = 'slack-signing-secret-canary';
const now = 1_795_420_800;
const slackSign = (body: Uint8Array | string, timestamp = String(now)) =>
  `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:`).update(body).digest('hex')}`;

describe('verifySlackRequest', () => {
  it('accepts Slack’s v0 signature of the exact body and refuses any other', async () => {
    const body = 'token=x&payload=%7B%22type%22%3A%22block_actions%22%7D';
    const timestamp = String(now);
    expect(await verifySlackRequest(secret, { signature: slackSign(body), timestamp, body }, now)).toEqual({
      ok: true,
    });
    const bytes = new TextEncoder().encode(body);
    expect(
      (await verifySlackRequest(secret, { signature: slackSign(body), timestamp, body: bytes }, now)).ok,
    ).toBe(true);
    expect(
      (await verifySlackRequest(secret, { signature: slackSign(body), timestamp, body: `${body} ` }, now)).ok,
    ).toBe(false);
    expect((await verifySlackRequest(secret, { signature: undefined, timestamp, body }, now)).ok).toBe(false);
  });

  it('refuses a replay older than five minutes, and a timestamp from the future', async () => {
    const body = '{}';
    for (const skew of [-301, 301]) {
      const timestamp = String(now + skew);
      const result = await verifySlackRequest(
        secret,
        { signature: slackSign(body, timestamp), timestamp, body },
        now,
      );
      expect(result).toEqual({ ok: false, reason: expect.stringMatching(/5 minutes/) });
    }
  });

  it('signs bytes, not their decoding: invalid UTF-8 is not the replacement character it decodes to', async () => {
    const signed = new TextEncoder().encode('{"text":"\uFFFD"}');
    const forged = new Uint8Array([
      ...new TextEncoder().encode('{"text":"'),
      0xff,
      ...new TextEncoder().encode('"}'),
    ]);
    expect(new TextDecoder().decode(forged)).toBe(new TextDecoder().decode(signed));
    const signature = slackSign(signed);
    expect(
      (await verifySlackRequest(secret, { signature, timestamp: String(now), body: signed }, now)).ok,
    ).toBe(true);
    expect(
      (await verifySlackRequest(secret, { signature, timestamp: String(now), body: forged }, now)).ok,
    ).toBe(false);
  });
});

describe('verifyLineSignature', () => {
  it('accepts base64 HMAC-SHA256 of the raw body with the channel secret, and nothing else', async () => {
    const body = '{"destination":"Ubot","events":[]}';
    const good = createHmac('sha256', 'line-secret').update(body).digest('base64');
    expect((await verifyLineSignature('line-secret', body, good)).ok).toBe(true);
    expect((await verifyLineSignature('other-secret', body, good)).ok).toBe(false);
    expect((await verifyLineSignature('line-secret', body, undefined)).ok).toBe(false);
  });
});
