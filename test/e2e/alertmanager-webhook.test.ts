// What Alertmanager sees from the Worker (wrangler dev): 401 for a wrong token, 400 naming the field, and a
// batch with one malformed alert still enqueues the others and says which one was rejected.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { type Stack, startStack } from '../../infra/stack/stack.ts';
import { bodyOf, recorded } from '../support/messages.ts';

let stack: Stack;
// biome-ignore lint/suspicious/noExplicitAny: a webhook payload under test
let payload: any;

beforeAll(async () => {
  stack = await startStack();
  payload = JSON.parse(
    await readFile(resolve(import.meta.dirname, '../fixtures/demo/alert-crashloop.json'), 'utf8'),
  );
}, 120_000);
afterAll(async () => stack?.stop());
beforeEach(async () => {
  await fetch(`${stack.info.qstash}/__messages`, { method: 'DELETE' });
});

const post = (body: unknown, token: string | null = stack.info.secrets.alertmanagerToken) =>
  fetch(`${stack.info.worker}/events/alertmanager`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token === null ? {} : { authorization: `Bearer ${token}` }),
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

const queued = async () => (await recorded(stack.info.qstash)).length;

it('answers 401 and enqueues nothing without the right bearer token', async () => {
  for (const token of [null, 'wrong-token', `${stack.info.secrets.alertmanagerToken}x`, '']) {
    const response = await post(payload, token);
    expect(response.status, `token ${JSON.stringify(token)}`).toBe(401);
    expect(await bodyOf(response)).toEqual({ error: 'missing or wrong bearer token' });
  }
  expect(await queued()).toBe(0);
});

it('answers 400 naming the bad field of a malformed payload', async () => {
  const wrongVersion = await post({ ...payload, version: '3' });
  expect(wrongVersion.status).toBe(400);
  expect((await bodyOf(wrongVersion)).error).toMatch(/^version:/);

  const noAlerts = await post({ ...payload, alerts: 'none' });
  expect(noAlerts.status).toBe(400);
  expect((await bodyOf(noAlerts)).error).toMatch(/^alerts:/);

  const notJson = await post('{"version": "4",');
  expect(notJson.status).toBe(400);
  expect((await bodyOf(notJson)).error).toMatch(/not valid JSON/);
  expect(await queued()).toBe(0);
});

it('answers 413 for a body over 1 MiB', async () => {
  const response = await post({ ...payload, padding: 'x'.repeat(1024 * 1024 + 1) });
  expect(response.status).toBe(413);
  expect(await queued()).toBe(0);
});

it('enqueues the valid alerts of a batch and names the rejected one', async () => {
  const good = payload.alerts[0];
  const other = {
    ...good,
    labels: {
      ...good.labels,
      alertname: 'KubeDeploymentReplicasMismatch',
      pod: undefined,
      deployment: 'frontend',
    },
    fingerprint: 'a1b2c3d4e5f60718',
  };
  delete other.labels.pod;
  const broken = { ...good, startsAt: 'yesterday', fingerprint: 'ffff000011112222' };
  const response = await post({ ...payload, alerts: [good, broken, other] });
  expect(response.status).toBe(202);
  const body = await bodyOf(response);
  expect(body.rejected).toEqual([
    { index: 1, fingerprint: 'ffff000011112222', error: expect.stringMatching(/^alerts\[1\]\.startsAt:/) },
  ]);
  expect(body.enqueued.flatMap((job: { alerts: number[] }) => job.alerts).sort()).toEqual([0, 2]);
  expect(await queued()).toBe(2);
});
