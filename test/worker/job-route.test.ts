// The job route inside workerd: only a valid QStash signature gets a job run.
import { SELF } from 'cloudflare:test';
import { expect, it } from 'vitest';
import { TEST_QSTASH_CURRENT_KEY } from './bindings.ts';

const b64url = (bytes: Uint8Array | string) =>
  btoa(typeof bytes === 'string' ? bytes : String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

async function sign(key: string, claims: Record<string, unknown>) {
  const head = `${b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${b64url(JSON.stringify(claims))}`;
  const cryptoKey = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(key),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const signature = new Uint8Array(
    await crypto.subtle.sign('HMAC', cryptoKey, new TextEncoder().encode(head)),
  );
  return `${head}.${b64url(signature)}`;
}

const url = 'https://responder.test/jobs/diagnose-alert';
const body = JSON.stringify({ v: 1, kind: 'diagnose-alert' });
const bodyHash = async () =>
  b64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(body))));

const deliver = (signature?: string) =>
  SELF.fetch(url, { method: 'POST', headers: signature ? { 'upstash-signature': signature } : {}, body });

it('refuses a delivery without a signature', async () => {
  expect((await deliver()).status).toBe(401);
});

it('refuses a signature made with another key, or for another body', async () => {
  const now = Math.floor(Date.now() / 1000);
  const claims = {
    iss: 'Upstash',
    sub: url,
    iat: now,
    nbf: now,
    exp: now + 300,
    jti: 'j1',
    body: await bodyHash(),
  };
  expect((await deliver(await sign('sig_other', claims))).status).toBe(401);
  expect((await deliver(await sign(TEST_QSTASH_CURRENT_KEY, { ...claims, body: 'AAAA' }))).status).toBe(401);
});

it('checks the signed body before parsing it: a valid signature on an invalid job is a 400, not a 401', async () => {
  const now = Math.floor(Date.now() / 1000);
  const claims = {
    iss: 'Upstash',
    sub: url,
    iat: now,
    nbf: now,
    exp: now + 300,
    jti: 'j2',
    body: await bodyHash(),
  };
  const response = await deliver(await sign(TEST_QSTASH_CURRENT_KEY, claims));
  expect(response.status).toBe(400);
  expect(response.headers.get('upstash-nonretryable-error')).toBe('true');
});

it('refuses a valid signature that never expires (no exp), or that lives for days', async () => {
  const now = Math.floor(Date.now() / 1000);
  const claims = { iss: 'Upstash', sub: url, iat: now, nbf: now, jti: 'j3', body: await bodyHash() };
  const noExpiry = await deliver(await sign(TEST_QSTASH_CURRENT_KEY, claims));
  expect(noExpiry.status).toBe(401);
  expect(await noExpiry.json()).toEqual({ error: 'Upstash-Signature has no expiry (exp)' });
  const longLived = await deliver(await sign(TEST_QSTASH_CURRENT_KEY, { ...claims, exp: now + 7 * 86400 }));
  expect(longLived.status).toBe(401);
  const textExpiry = await deliver(await sign(TEST_QSTASH_CURRENT_KEY, { ...claims, exp: `${now + 300}` }));
  expect(textExpiry.status).toBe(401);
  // The same claims with a five-minute exp pass the signature check (the body is not a valid job: 400).
  expect((await deliver(await sign(TEST_QSTASH_CURRENT_KEY, { ...claims, exp: now + 300 }))).status).toBe(
    400,
  );
});
