// The job endpoint (wrangler dev) trusts only QStash: a forged or stale signature is refused before anything
// runs, and the same message delivered twice still produces one Slack message.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Stack, startStack } from '../../infra/stack/stack.ts';
import { bodyOf, eventually, recorded, slackPosts, sleep } from '../support/messages.ts';
import { qstashSignature } from '../support/qstash-jwt.ts';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
}, 120_000);
afterAll(async () => stack?.stop());

const job = (id: string) => ({
  v: 1,
  kind: 'diagnose-alert',
  source: 'alertmanager',
  id,
  createdAt: new Date().toISOString(),
  cluster: 'demo',
  replyTo: [{ channel: 'slack', to: stack.info.slackChannel }],
  incidentKey: 'demo/shop/Workload/payment',
  namespace: 'shop',
  alert: {
    name: 'KubePodCrashLooping',
    status: 'firing',
    severity: 'warning',
    labels: { alertname: 'KubePodCrashLooping', namespace: 'shop', deployment: 'payment', cluster: 'demo' },
    annotations: {},
    startsAt: new Date().toISOString(),
    fingerprint: 'abcdef0123456789',
  },
});

const deliver = (body: string, signature: string | undefined) =>
  fetch(`${stack.info.worker}/jobs/diagnose-alert`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(signature ? { 'upstash-signature': signature } : {}) },
    body,
  });

it('refuses unsigned, forged and stale deliveries with 401 and sends nothing', async () => {
  const body = JSON.stringify(job('am-forged-1'));
  const url = `${stack.info.worker}/jobs/diagnose-alert`;
  const cases = {
    unsigned: undefined,
    'wrong key': qstashSignature({ key: 'sig_not-the-key', url, body }),
    expired: qstashSignature({
      key: stack.info.secrets.qstashCurrentSigningKey,
      url,
      body,
      issuedAt: Math.floor(Date.now() / 1000) - 3600,
    }),
    'other body': qstashSignature({ key: stack.info.secrets.qstashCurrentSigningKey, url, body: `${body} ` }),
    'other url': qstashSignature({ key: stack.info.secrets.qstashCurrentSigningKey, url: `${url}x`, body }),
  };
  for (const [name, signature] of Object.entries(cases)) {
    const response = await deliver(body, signature);
    expect(response.status, name).toBe(401);
  }
  await sleep(500);
  expect(await slackPosts(stack.info.slack)).toHaveLength(0);
});

it('accepts the next signing key (rotation) and sends one message however often the job is delivered', async () => {
  const body = JSON.stringify(job('am-dup-1'));
  const url = `${stack.info.worker}/jobs/diagnose-alert`;
  const first = await deliver(
    body,
    qstashSignature({ key: stack.info.secrets.qstashNextSigningKey, url, body }),
  );
  expect(first.status).toBe(200);
  expect((await bodyOf(first)).status).toBe('done');
  const again = await deliver(
    body,
    qstashSignature({ key: stack.info.secrets.qstashCurrentSigningKey, url, body }),
  );
  expect(again.status).toBe(200);
  expect(await bodyOf(again)).toEqual({ status: 'duplicate' });
  const posts = await eventually('one Slack message', async () => {
    const found = await slackPosts(stack.info.slack);
    return found.length > 0 ? found : undefined;
  });
  await sleep(500);
  expect(await slackPosts(stack.info.slack)).toHaveLength(posts.length);
  expect(posts).toHaveLength(1);
  expect(JSON.stringify(await recorded(stack.info.slack))).not.toContain('CANARY');
});

it('answers 400 without retry for a well-signed but invalid job', async () => {
  const body = JSON.stringify({ ...job('am-bad-1'), v: 2 });
  const url = `${stack.info.worker}/jobs/diagnose-alert`;
  const response = await deliver(
    body,
    qstashSignature({ key: stack.info.secrets.qstashCurrentSigningKey, url, body }),
  );
  expect(response.status).toBe(400);
  expect(response.headers.get('upstash-nonretryable-error')).toBe('true');
  expect((await bodyOf(response)).error).toMatch(/^invalid job: v:/);
});
