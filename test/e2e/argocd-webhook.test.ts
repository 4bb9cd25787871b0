// What Argo CD sees from the Worker (wrangler dev, the QStash emulator behind a cuttable link): 401 for a wrong
// token with nothing published, a notification rendered by the documented template → 202 and one job with the
// expected id, the same failure re-notified (Argo CD's retry counter moved on) → the same job, and QStash
// unreachable → 503, which Argo CD retries.
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { type OutageSwitch, startOutageSwitch } from '../../infra/stack/outage.ts';
import { type Stack, startStack } from '../../infra/stack/stack.ts';
import { ArgoNotification, argoFailureKey, argoJobId, argoState } from '../../lib/events/index.ts';
import { argocdNotificationsConfig, renderArgoBody, singleSource } from '../support/argocd.ts';
import { bodyOf, recorded } from '../support/messages.ts';

let stack: Stack;
/** Between the Worker and the QStash emulator: cut, the queue is unreachable for the Worker. */
let qstash: OutageSwitch;
let template: string;

beforeAll(async () => {
  qstash = await startOutageSwitch();
  stack = await startStack({ workerVars: { QSTASH_URL: qstash.url } });
  qstash.target = new URL(stack.info.qstash);
  template = (await argocdNotificationsConfig()).webhook.body;
}, 180_000);
afterAll(async () => {
  await stack?.stop();
  await qstash?.close();
});
beforeEach(async () => {
  qstash.restore();
  await fetch(`${stack.info.qstash}/__messages`, { method: 'DELETE' });
});

/** The body Argo CD posts for the failed sync, with its retry counter at `retries`. */
const notificationBody = (retries: number) => {
  const app = structuredClone(singleSource);
  app.status.operationState.message = app.status.operationState.message.replace(
    '(retried 5 times)',
    `(retried ${retries} times)`,
  );
  return renderArgoBody(template, app);
};

const post = (body: string, token: string | null = stack.info.secrets.argocdToken) =>
  fetch(`${stack.info.worker}/events/argocd`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token === null ? {} : { authorization: `Bearer ${token}` }),
    },
    body,
  });

const published = async () =>
  (await recorded(stack.info.qstash)).filter((m) => m.path.includes('/jobs/diagnose-argo'));

it('answers 401 and publishes nothing without the right bearer token', async () => {
  for (const token of [
    null,
    'wrong-token',
    `${stack.info.secrets.argocdToken}x`,
    stack.info.secrets.alertmanagerToken,
  ]) {
    const response = await post(notificationBody(1), token);
    expect(response.status, `token ${JSON.stringify(token)}`).toBe(401);
  }
  expect(await recorded(stack.info.qstash)).toEqual([]);
});

it('queues one diagnose-argo job for a failed sync, and the same job when it is notified again', async () => {
  const body = notificationBody(3);
  const notification = ArgoNotification.parse(JSON.parse(body));
  const expectedId = await argoJobId(await argoFailureKey(notification, argoState(notification)));

  const started = performance.now();
  const first = await post(body);
  console.log(`argocd webhook → 202 (queued): ${(performance.now() - started).toFixed(0)} ms`);
  expect(first.status).toBe(202);
  expect(await bodyOf(first)).toEqual({ state: 'sync-failed', jobId: expectedId, deduplicated: false });

  const again = await post(notificationBody(4));
  expect(again.status).toBe(202);
  expect(await bodyOf(again)).toEqual({ state: 'sync-failed', jobId: expectedId, deduplicated: true });

  const jobs = await published();
  expect(jobs).toHaveLength(1);
  expect(jobs[0]?.body).toMatchObject({
    kind: 'diagnose-argo',
    source: 'argocd',
    id: expectedId,
    cluster: 'demo',
    replyTo: [{ channel: 'slack', to: 'C0KRONCALL' }],
    failureKey: expect.stringMatching(
      new RegExp(`^argocd/payments:${notification.revision}:sync-failed:[0-9a-f]{16}$`),
    ),
    notification: { app: 'payments', phase: 'Failed', revision: notification.revision },
  });
});

it('answers 503 when QStash cannot be reached, so Argo CD retries', async () => {
  qstash.cut();
  const response = await post(notificationBody(7));
  expect(response.status).toBe(503);
  expect((await bodyOf(response)).error).toBe('could not queue the notification; retry');
  qstash.restore();
  expect(await published()).toEqual([]);
});
