// QUEUE=inline serves a bare `wrangler dev` without QStash or Redis: the job runs in waitUntil and the alert
// still ends as one Slack message, once per alert even when Alertmanager sends it again.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { slackMessageAsText } from '../../infra/stack/slack-text.ts';
import { type Stack, startStack } from '../../infra/stack/stack.ts';
import { startWranglerDev, type WranglerDev } from '../../infra/stack/worker.ts';
import { postWebhook } from '../support/alertmanager.ts';
import { eventually, slackPosts, sleep } from '../support/messages.ts';

let stack: Stack;
let worker: WranglerDev;

beforeAll(async () => {
  stack = await startStack({ worker: false });
  worker = await startWranglerDev({
    dir: stack.dir,
    vars: {
      QUEUE: 'inline',
      CLUSTER_NAME: 'demo',
      ALERTMANAGER_TOKEN: stack.info.secrets.alertmanagerToken,
      PROXY_URL: stack.info.proxy,
      PROXY_KEY: stack.info.secrets.proxyKey,
      SLACK_BOT_TOKEN: stack.info.secrets.slackBotToken,
      SLACK_CHANNEL: stack.info.slackChannel,
      SLACK_API_URL: `${stack.info.slack}/api/`,
    },
  });
}, 120_000);
afterAll(async () => {
  await worker?.close();
  await stack?.stop();
});

it('diagnoses in the background and posts one Slack message per alert', async () => {
  const alert = {
    status: 'firing',
    labels: {
      alertname: 'KubePodCrashLooping',
      namespace: 'shop',
      pod: 'payment-7d9f8c6b5d-x7k2p',
      severity: 'warning',
    },
    annotations: {},
    startsAt: new Date().toISOString(),
    fingerprint: '0123456789abcdef',
  };
  const send = () => postWebhook(worker.url, stack.info.secrets.alertmanagerToken, [alert]);
  expect((await send()).status).toBe(202);
  const posts = await eventually('a Slack message', async () => {
    const found = await slackPosts(stack.info.slack);
    return found.length > 0 ? found : undefined;
  });
  expect((await send()).status).toBe(202);
  await sleep(1500);
  expect(await slackPosts(stack.info.slack)).toHaveLength(1);
  expect(slackMessageAsText(posts[0]!.body.blocks)).toMatch(/Deployment shop\/payment/);
});
