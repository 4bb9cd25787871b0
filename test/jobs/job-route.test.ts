// The job route as QStash sees it: the job of the largest valid webhook alert gets through its 256 KiB cap and
// its schema; a signed job it refuses for good (400) still sends its alert; a failure it may retry is a 503
// whose body says which part failed and never the failing command.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { app } from '../../functions/worker.ts';
import { type SlackFake, startSlackFake } from '../../infra/stack/slack.ts';
import { slackMessageAsText } from '../../infra/stack/slack-text.ts';
import { AlertmanagerEnvelope, alertsOf, diagnoseAlertJob } from '../../lib/events/index.ts';
import { qstashSignature } from '../support/qstash-jwt.ts';

const KEY = 'sig_route_current_0123456789';
const url = 'https://responder.test/jobs/diagnose-alert';
const TOKEN = 'xoxb-route-test';

let slack: SlackFake;
beforeAll(async () => {
  slack = await startSlackFake({ token: TOKEN });
});
afterAll(async () => slack?.close());
beforeEach(() => slack.clear());

const env = (extra: Record<string, string> = {}) => ({
  QSTASH_CURRENT_SIGNING_KEY: KEY,
  QSTASH_NEXT_SIGNING_KEY: 'sig_route_next_0123456789',
  CLUSTER_NAME: 'demo',
  ...extra,
});
/** Inline stores (memory) and the Slack fake: enough to deliver a message, nothing listening for the cluster. */
const withSlack = (extra: Record<string, string> = {}) =>
  env({
    QUEUE: 'inline',
    SLACK_BOT_TOKEN: TOKEN,
    SLACK_CHANNEL: 'C0KRONCALL',
    SLACK_API_URL: `${slack.url}/api/`,
    ...extra,
  });

const deliver = (body: string, bindings: Record<string, string>, retried = 0) =>
  app.request(
    url,
    {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'upstash-signature': qstashSignature({ key: KEY, url, body }),
        'upstash-retried': String(retried),
      },
      body,
    },
    bindings,
  );

const posts = () => slack.messages().filter((m) => m.path.endsWith('/chat.postMessage'));

const alert = {
  status: 'firing',
  labels: { alertname: 'KubePodCrashLooping', namespace: 'shop', deployment: 'payment', severity: 'warning' },
  annotations: { summary: 'Pod is crash looping.' },
  startsAt: '2026-11-23T08:00:00Z',
  fingerprint: '0123456789abcdef',
};
const jobOf = (a: unknown) =>
  diagnoseAlertJob(
    alertsOf(
      AlertmanagerEnvelope.parse({
        version: '4',
        groupKey: '{}',
        status: 'firing',
        receiver: 'kube-responder',
        groupLabels: {},
        commonLabels: {},
        commonAnnotations: {},
        externalURL: 'http://alertmanager:9093',
        alerts: [a],
      }),
    ).alerts[0]!.alert,
    { defaultCluster: 'demo', replyTo: [{ channel: 'slack', to: 'C0KRONCALL' }], now: new Date() },
  );

describe('POST /jobs/diagnose-alert', () => {
  it('takes the job of an alert with 1 MiB of annotations (past the cap, the signature and the schema)', async () => {
    const annotations = Object.fromEntries(
      Array.from({ length: 250 }, (_, i) => [`note_${i}`, 'x'.repeat(4096)]),
    );
    const body = JSON.stringify(jobOf({ ...alert, annotations }));
    expect(body.length).toBeLessThan(64 * 1024);
    // No Redis configured: the job is refused only at the point it would run, naming the setting.
    const response = await deliver(body, env());
    expect(response.status).toBe(503);
    expect(((await response.json()) as { error: string }).error).toMatch(/UPSTASH_REDIS_REST_URL/);
  });

  it('still sends the alert of a signed job it refuses for good, and answers the refusal unchanged', async () => {
    const body = JSON.stringify({ ...jobOf(alert), v: 2 });
    const response = await deliver(body, withSlack());
    expect(response.status).toBe(400);
    expect(response.headers.get('upstash-nonretryable-error')).toBe('true');
    expect(((await response.json()) as { error: string }).error).toMatch(/^invalid job: v:/);
    expect(posts()).toHaveLength(1);
    expect(slackMessageAsText((posts()[0]!.body as { blocks: never }).blocks)).toMatch(
      /No diagnosis: the responder could not read this alert's job \(invalid job: v:.*\)\. The alert says: Pod is crash looping\./,
    );
  });

  it('sends nothing for a signed body that is not JSON', async () => {
    const response = await deliver('{"v": 1, "kind":', withSlack());
    expect(response.status).toBe(400);
    expect(posts()).toHaveLength(0);
  });

  it('answers 503 with the part that failed, never the command, when Redis is down and retries remain', async () => {
    const dead = 'http://127.0.0.1:9';
    const bindings = env({
      UPSTASH_REDIS_REST_URL: dead,
      UPSTASH_REDIS_REST_TOKEN: 'token',
      PROXY_URL: dead,
    });
    const response = await deliver(JSON.stringify(jobOf(alert)), { ...bindings, PROXY_KEY: 'k' });
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ error: 'the job ledger (Redis) is unavailable', retry: true });
  });
});
