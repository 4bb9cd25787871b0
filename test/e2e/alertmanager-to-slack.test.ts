// A real Alertmanager posts to the Worker under wrangler dev; the alert ends as exactly one Slack message
// that names the crash-looping Deployment and the Service without endpoints.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { slackMessageAsText } from '../../infra/stack/slack-text.ts';
import { type Stack, startStack } from '../../infra/stack/stack.ts';
import { type RunningAlertmanager, startAlertmanager } from '../support/alertmanager.ts';
import { bodyOf, eventually, recorded, slackPosts, sleep } from '../support/messages.ts';

let stack: Stack;
let alertmanager: RunningAlertmanager;

beforeAll(async () => {
  stack = await startStack();
  alertmanager = await startAlertmanager({
    webhookUrl: `${stack.info.worker}/events/alertmanager`,
    bearerToken: stack.info.secrets.alertmanagerToken,
  });
}, 120_000);

afterAll(async () => {
  await alertmanager?.close();
  await stack?.stop();
});

it('turns a KubePodCrashLooping alert into one Slack message naming the workload and the root cause', async () => {
  const pod = 'payment-7d9f8c6b5d-x2x7q';
  const labels = {
    alertname: 'KubePodCrashLooping',
    namespace: 'shop',
    pod,
    container: 'payment',
    severity: 'warning',
    cluster: 'demo',
    job: 'kube-state-metrics',
  };
  const annotations = {
    summary: 'Pod is crash looping.',
    description: `Pod shop/${pod} (payment) is in waiting state (reason: "CrashLoopBackOff").`,
  };
  // Two alerts of the same storm (two pods of one Deployment) must still page once.
  await alertmanager.postAlerts([
    {
      labels,
      annotations,
      startsAt: new Date().toISOString(),
      generatorURL: 'http://prometheus.local/graph',
    },
    {
      labels: { ...labels, pod: 'payment-7d9f8c6b5d-9kq4t' },
      annotations,
      startsAt: new Date().toISOString(),
      generatorURL: 'http://prometheus.local/graph',
    },
  ]);

  const posts = await eventually(
    'a Slack message',
    async () => {
      const found = await slackPosts(stack.info.slack);
      return found.length > 0 ? found : undefined;
    },
    60_000,
  );
  // Give Alertmanager and QStash time to (wrongly) deliver a second message before counting.
  await sleep(3000);
  const all = await slackPosts(stack.info.slack);
  const text = slackMessageAsText(posts[0]!.body.blocks);
  expect(
    all,
    `expected exactly one message, got:\n${all.map((m) => slackMessageAsText(m.body.blocks)).join('\n---\n')}`,
  ).toHaveLength(1);
  expect(all[0]!.body.channel).toBe(stack.info.slackChannel);
  expect(text).toMatch(/Deployment shop\/payment/);
  expect(text).toMatch(/mysql/);
  expect(text).toMatch(/no (ready )?endpoints/i);
  expect(text).toContain('KubePodCrashLooping');
  // The canary Secret value in the fixture never reaches a chat, nor the model.
  expect(JSON.stringify(await recorded(stack.info.slack))).not.toContain('CANARY');
  const prompts = await bodyOf(await fetch(`${stack.info.gemini}/__requests`));
  expect(prompts.length, 'the agent ran inside the Worker').toBeGreaterThan(0);
  expect(JSON.stringify(prompts)).toContain('payment');
  expect(JSON.stringify(prompts)).not.toContain('CANARY');
});
