// No alert silently lost, through the real stack (wrangler dev, QStash emulator with its retries, Redis behind
// the Upstash bridge): an alert with ~900 KiB of annotations still reaches Slack; Redis down across every
// QStash retry still ends in one message, on the last delivery, saying dedup was unavailable; and an alert
// the proxy can never serve (a malformed namespace, 400) is told after one delivery, not after three retries.
import { Client } from '@upstash/qstash';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { type OutageSwitch, startOutageSwitch } from '../../infra/stack/outage.ts';
import { slackMessageAsText } from '../../infra/stack/slack-text.ts';
import { type Stack, startStack } from '../../infra/stack/stack.ts';
import { LEFT_OUT_KEY } from '../../lib/events/index.ts';
import { DEDUP_UNAVAILABLE_NOTE, type Job } from '../../lib/jobs/index.ts';
import { QStashQueue } from '../../lib/queue/index.ts';
import { postWebhook } from '../support/alertmanager.ts';
import { bodyOf, eventually, recorded, slackPosts, sleep } from '../support/messages.ts';

let stack: Stack;
/** Between the Worker and the Upstash bridge: cut, Redis is unreachable for the Worker. */
let redis: OutageSwitch;

beforeAll(async () => {
  redis = await startOutageSwitch();
  stack = await startStack({ qstashRetryBackoffMs: 100, workerVars: { UPSTASH_REDIS_REST_URL: redis.url } });
  redis.target = new URL(stack.info.redis);
}, 180_000);
afterAll(async () => {
  await stack?.stop();
  await redis?.close();
});
beforeEach(async () => {
  redis.restore();
  await fetch(`${stack.info.qstash}/__messages`, { method: 'DELETE' });
  await fetch(`${stack.info.slack}/__messages`, { method: 'DELETE' });
});

let fingerprint = 0xe2e0;
const alert = (labels: Record<string, string>, annotations: Record<string, string> = {}) => ({
  status: 'firing',
  labels: { alertname: 'KubePodCrashLooping', cluster: 'demo', severity: 'warning', ...labels },
  annotations,
  startsAt: new Date().toISOString(),
  fingerprint: (fingerprint++).toString(16),
});

/** What QStash recorded of each message: the job it carried and the status of every delivery. */
type Delivered = { body: Job; statuses: number[]; state: string };
const deliveries = async () => (await recorded(stack.info.qstash)) as unknown as Delivered[];

/** The Slack messages once every QStash message settled (delivered or failed), and a moment more. */
async function settledMessages() {
  await eventually(
    'QStash to settle',
    async () => {
      const all = await deliveries();
      return all.length > 0 && all.every((m) => m.state === 'delivered' || m.state === 'failed')
        ? all
        : undefined;
    },
    90_000,
  );
  await sleep(500);
  return slackPosts(stack.info.slack);
}
const textOf = (post: { body: { blocks: never } }) => slackMessageAsText(post.body.blocks);

it('an alert with ~900 KiB of annotations becomes a job the route takes, and one message', async () => {
  const summary = `Pod is crash looping. ${'x'.repeat(4000)}`;
  const annotations: Record<string, string> = { summary };
  for (let i = 0; i < 225; i++) annotations[`note_${i}`] = 'n'.repeat(4096);
  const body = JSON.stringify(annotations);
  expect(body.length).toBeGreaterThan(900 * 1024);
  const response = await postWebhook(stack.info.worker, stack.info.secrets.alertmanagerToken, [
    alert({ namespace: 'shop', pod: 'payment-7d9f8c6b5d-x2x7q' }, annotations),
  ]);
  expect(response.status).toBe(202);

  const posts = await settledMessages();
  expect(posts).toHaveLength(1);
  expect(textOf(posts[0]!)).toContain('KubePodCrashLooping — Deployment shop/payment');
  // The job QStash carried: bounded, its summary cut visibly, the rest counted, delivered once.
  const [message] = await deliveries();
  expect(message!.statuses).toEqual([200]);
  expect(JSON.stringify(message!.body).length).toBeLessThan(64 * 1024);
  const job = message!.body as Extract<Job, { kind: 'diagnose-alert' }>;
  expect(job.alert.annotations.summary).toMatch(/^Pod is crash looping\. x+… \[truncated \d+ chars\]$/);
  expect(job.alert.annotations[LEFT_OUT_KEY]).toMatch(/^\d+ of 226 entries left out$/);
}, 120_000);

it('an alert whose namespace the proxy refuses (400) is told after one delivery, not three retries', async () => {
  const response = await postWebhook(stack.info.worker, stack.info.secrets.alertmanagerToken, [
    alert({ namespace: 'shop prod', deployment: 'payment' }, { summary: 'Pod is crash looping.' }),
  ]);
  expect(response.status).toBe(202);
  const posts = await settledMessages();
  expect(posts).toHaveLength(1);
  expect(textOf(posts[0]!)).toMatch(
    /No diagnosis: cluster demo could not be read \(GET \/api\/v1\/namespaces\/shop%20prod\/.*: 400 .*\)\. The alert says: Pod is crash looping\./,
  );
  const [message] = await deliveries();
  expect(message!.statuses).toEqual([200]);
}, 120_000);

it('Redis down: Alertmanager is told why without the command; the last QStash delivery still sends, noting no dedup', async () => {
  redis.cut();
  const labels = { namespace: 'shop', deployment: 'payment' };
  const webhook = await postWebhook(stack.info.worker, stack.info.secrets.alertmanagerToken, [alert(labels)]);
  expect(webhook.status).toBe(503);
  const answer = await bodyOf(webhook);
  expect(answer.failed).toEqual([{ index: 0, error: 'incident store (Redis) unavailable' }]);
  expect(JSON.stringify(answer)).not.toMatch(/command|kr:incident/i);

  // A job already queued when Redis went away: QStash delivers it, retries it, and the last delivery sends.
  const queue = new QStashQueue<Job>({
    client: new Client({ token: stack.info.secrets.qstashToken, baseUrl: stack.info.qstash }),
    workerUrl: stack.info.worker,
    parallelism: 5,
  });
  const queued = alert(labels, { summary: 'Deployment payment is crash looping.' });
  await queue.publish({
    v: 1,
    kind: 'diagnose-alert',
    source: 'alertmanager',
    id: `am-${queued.fingerprint}-${Math.floor(Date.now() / 1000)}`,
    createdAt: new Date().toISOString(),
    cluster: 'demo',
    replyTo: [{ channel: 'slack', to: stack.info.slackChannel }],
    incidentKey: 'demo/shop/Workload/payment',
    namespace: 'shop',
    alert: {
      name: 'KubePodCrashLooping',
      status: 'firing',
      severity: 'warning',
      labels: queued.labels,
      annotations: queued.annotations,
      startsAt: queued.startsAt,
      fingerprint: queued.fingerprint,
    },
  });
  const posts = await settledMessages();
  const [message] = await deliveries();
  expect(message!.statuses).toEqual([503, 503, 503, 200]);
  expect(posts).toHaveLength(1);
  const text = textOf(posts[0]!);
  expect(text).toContain('KubePodCrashLooping — Deployment shop/payment');
  expect(text).toContain(DEDUP_UNAVAILABLE_NOTE);
}, 150_000);
