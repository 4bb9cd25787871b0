// With LINE_ALERT_TO set, an alert's report reaches that LINE chat too: one Flex bubble naming the workload, pushed
// with a retry key, next to the Slack message.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Stack, startStack } from '../../infra/stack/stack.ts';
import { postWebhook } from '../support/alertmanager.ts';
import { eventually, recorded, slackPosts, sleep } from '../support/messages.ts';

const onCallGroup = `C${'0a1b2c3d4e5f6a7b'.repeat(2)}`;
let stack: Stack;

beforeAll(async () => {
  stack = await startStack({ workerVars: { LINE_ALERT_TO: onCallGroup } });
}, 120_000);
afterAll(async () => stack?.stop());

it('pushes the alert report to the LINE group as one Flex bubble', async () => {
  const alert = {
    status: 'firing',
    labels: {
      alertname: 'KubePodCrashLooping',
      namespace: 'shop',
      pod: 'payment-7d9f8c6b5d-x7k2p',
      severity: 'warning',
      cluster: 'demo',
    },
    annotations: {},
    startsAt: new Date().toISOString(),
    fingerprint: 'fedcba9876543210',
  };
  expect((await postWebhook(stack.info.worker, stack.info.secrets.alertmanagerToken, [alert])).status).toBe(
    202,
  );
  const pushes = await eventually(
    'a LINE push',
    async () => {
      const found = (await recorded(stack.info.line)).filter((r) => r.path === '/v2/bot/message/push');
      return found.length > 0 ? found : undefined;
    },
    60_000,
  );
  await sleep(2000);
  const all = (await recorded(stack.info.line)).filter((r) => r.path === '/v2/bot/message/push');
  expect(all).toHaveLength(1);
  const [push] = pushes;
  expect(push!.body.to).toBe(onCallGroup);
  expect(push!.body.messages).toHaveLength(1);
  const [flex] = push!.body.messages;
  expect(flex.type).toBe('flex');
  expect(flex.contents.type).toBe('bubble');
  expect(flex.altText).toContain('KubePodCrashLooping');
  expect(JSON.stringify(flex.contents)).toMatch(/Deployment shop\/payment/);
  expect(JSON.stringify(flex.contents)).toMatch(/report am-fedcba9876543210-/);
  expect(JSON.stringify(await recorded(stack.info.line))).not.toContain('CANARY');
  // Slack still gets its own message.
  expect(await slackPosts(stack.info.slack)).toHaveLength(1);
});
