// The edge middleware as a source would chain them: each refusal is the status and message a caller sees.
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError } from '../../lib/config/index.ts';
import {
  bearer,
  config,
  type EdgeEnv,
  jsonBody,
  lineSignature,
  rawBody,
  slackSignature,
} from '../../lib/edge/index.ts';
import { hmacSha256, hmacSha256Hex, toBase64 } from '../../lib/security/index.ts';

const TOKEN = 'canary-bearer-token-5e1f';
const SLACK_SECRET = 'canary-slack-signing-secret-77';
const LINE_SECRET = 'canary-line-channel-secret-42';

const Payload = z.object({ name: z.string(), items: z.array(z.object({ n: z.number() })) });

function app() {
  const source = new Hono<EdgeEnv>()
    .post('/bearer', bearer('ALERTMANAGER_TOKEN'), rawBody(64), jsonBody(Payload), (c) =>
      c.json({ got: c.var.payload.name }),
    )
    .post('/slack', rawBody(1024), slackSignature(), (c) => c.json({ ok: true }))
    .post('/line', rawBody(1024), lineSignature(), (c) => c.json({ ok: true }));
  const root = new Hono<EdgeEnv>();
  root.use('*', config());
  root.route('/', source);
  root.onError((error, c) => {
    if (error instanceof HTTPException) return error.getResponse();
    if (error instanceof ConfigError) return c.json({ error: error.message }, 503);
    throw error;
  });
  return root;
}

const env = {
  ALERTMANAGER_TOKEN: TOKEN,
  SLACK_SIGNING_SECRET: SLACK_SECRET,
  LINE_CHANNEL_SECRET: LINE_SECRET,
};

async function call(path: string, init: RequestInit, bindings: Record<string, string> = env) {
  const response = await app().request(path, { method: 'POST', ...init }, bindings);
  const text = await response.text();
  return { status: response.status, body: JSON.parse(text) as { error?: string; got?: string } };
}

describe('bearer → rawBody → jsonBody', () => {
  const auth = { authorization: `Bearer ${TOKEN}` };

  it('passes the typed payload on', async () => {
    const body = JSON.stringify({ name: 'a', items: [] });
    expect(await call('/bearer', { headers: auth, body })).toEqual({ status: 200, body: { got: 'a' } });
  });

  it('answers 401 for a wrong or missing token, 503 naming the setting when none is configured', async () => {
    expect((await call('/bearer', { headers: { authorization: 'Bearer nope' }, body: '{}' })).status).toBe(
      401,
    );
    expect((await call('/bearer', { body: '{}' })).status).toBe(401);
    const unset = await call('/bearer', { headers: auth, body: '{}' }, {});
    expect(unset.status).toBe(503);
    expect(unset.body.error).toBe('ALERTMANAGER_TOKEN is not configured on the responder');
    expect(JSON.stringify(unset.body)).not.toContain(TOKEN);
  });

  it('answers 413 past the cap, 400 for bad JSON, 400 naming the bad field', async () => {
    const big = JSON.stringify({ name: 'x'.repeat(100), items: [] });
    expect((await call('/bearer', { headers: auth, body: big })).status).toBe(413);
    const notJson = await call('/bearer', { headers: auth, body: '{' });
    expect(notJson).toEqual({ status: 400, body: { error: 'body is not valid JSON' } });
    const badField = await call('/bearer', { headers: auth, body: '{"name":"a","items":[{"n":"1"}]}' });
    expect(badField.status).toBe(400);
    expect(badField.body.error).toMatch(/^items\[0\]\.n: /);
  });
});

describe('slackSignature', () => {
  const body = 'token=x&payload=%7B%7D';
  const sign = async (timestamp: number, secret = SLACK_SECRET) =>
    `v0=${await hmacSha256Hex(secret, `v0:${timestamp}:${body}`)}`;
  const headers = async (timestamp: number, secret?: string) => ({
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': await sign(timestamp, secret),
  });
  const now = () => Math.floor(Date.now() / 1000);

  it('accepts Slack v0 signatures made with the signing secret', async () => {
    expect((await call('/slack', { headers: await headers(now()), body })).status).toBe(200);
  });

  it('refuses another secret, another body, and timestamps over five minutes old', async () => {
    expect((await call('/slack', { headers: await headers(now(), 'other'), body })).body.error).toBe(
      'X-Slack-Signature does not match',
    );
    expect((await call('/slack', { headers: await headers(now()), body: `${body}&x=1` })).status).toBe(401);
    const stale = await call('/slack', { headers: await headers(now() - 301), body });
    expect(stale.status).toBe(401);
    expect(stale.body.error).toMatch(/5 minutes/);
    expect((await call('/slack', { body })).body.error).toBe('missing X-Slack-Signature');
  });
});

describe('lineSignature', () => {
  // Non-ASCII text: the signature covers the raw bytes, not a re-encoded string.
  const body = JSON.stringify({
    destination: 'U1',
    events: [{ type: 'message', message: { text: '重啟 payment' } }],
  });
  const sign = async (secret: string) => toBase64(await hmacSha256(secret, new TextEncoder().encode(body)));

  it('accepts base64 HMAC-SHA256 of the raw body with the channel secret', async () => {
    expect(
      (await call('/line', { headers: { 'x-line-signature': await sign(LINE_SECRET) }, body })).status,
    ).toBe(200);
  });

  it('refuses a missing or foreign signature', async () => {
    expect((await call('/line', { body })).body.error).toBe('missing x-line-signature');
    const forged = await call('/line', { headers: { 'x-line-signature': await sign('other') }, body });
    expect(forged).toEqual({ status: 401, body: { error: 'x-line-signature does not match' } });
  });
});
