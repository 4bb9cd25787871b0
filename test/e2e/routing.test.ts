// ROUTES through the whole stack: a critical alert of a `prod-*` namespace reaches Slack #oncall and the LINE
// group, a warning elsewhere reaches #alerts, and nothing reaches the stack's default channel.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Stack, startStack } from '../../infra/stack/stack.ts';
import { postWebhook } from '../support/alertmanager.ts';
import { eventually, recorded, slackPosts, sleep } from '../support/messages.ts';

const lineGroup = `C${'0a1b2c3d4e5f6a7b'.repeat(2)}`;
const routes = [
  { severity: 'critical', namespace: 'prod-*', to: ['slack:C0ONCALL', `line:${lineGroup}`] },
  { source: 'alertmanager', to: ['slack:C0ALERTS'] },
];
let stack: Stack;

beforeAll(async () => {
  stack = await startStack({ workerVars: { ROUTES: JSON.stringify(routes) } });
}, 120_000);
afterAll(async () => stack?.stop());

const alert = (namespace: string, severity: string, fingerprint: string) => ({
  status: 'firing',
  labels: {
    alertname: 'KubePodCrashLooping',
    namespace,
    pod: 'payment-7d9f8c6b5d-x7k2p',
    severity,
    cluster: 'demo',
  },
  annotations: {},
  startsAt: new Date().toISOString(),
  fingerprint,
});

it('sends each alert where its first matching route says', async () => {
  const response = await postWebhook(stack.info.worker, stack.info.secrets.alertmanagerToken, [
    alert('prod-shop', 'critical', '1111111111111111'),
    alert('shop', 'warning', '2222222222222222'),
  ]);
  expect(response.status).toBe(202);
  const linePushes = async () =>
    (await recorded(stack.info.line)).filter((r) => r.path === '/v2/bot/message/push');
  await eventually(
    'two Slack posts and a LINE push',
    async () =>
      (await slackPosts(stack.info.slack)).length >= 2 && (await linePushes()).length >= 1 ? true : undefined,
    60_000,
  );
  await sleep(2000);
  const posts = await slackPosts(stack.info.slack);
  const byChannel = (channel: string) => posts.filter((post) => post.body.channel === channel);
  expect(posts).toHaveLength(2);
  expect(byChannel('C0ONCALL')).toHaveLength(1);
  expect(JSON.stringify(byChannel('C0ONCALL')[0]!.body)).toContain('am-1111111111111111-');
  expect(byChannel('C0ALERTS')).toHaveLength(1);
  expect(JSON.stringify(byChannel('C0ALERTS')[0]!.body)).toContain('am-2222222222222222-');
  expect(byChannel(stack.info.slackChannel)).toHaveLength(0);
  const pushes = await linePushes();
  expect(pushes).toHaveLength(1);
  expect(pushes[0]!.body.to).toBe(lineGroup);
  expect(JSON.stringify(pushes[0]!.body.messages)).toContain('am-1111111111111111-');
});
