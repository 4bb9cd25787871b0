// An alert about a cluster the responder has no proxy for: QStash retries the job, and the last delivery still
// reaches Slack — one message naming the alert and why there is no diagnosis — instead of a silent dead letter.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { slackMessageAsText } from '../../infra/stack/slack-text.ts';
import { type Stack, startStack } from '../../infra/stack/stack.ts';
import { postWebhook } from '../support/alertmanager.ts';
import { eventually, recorded, slackPosts, sleep } from '../support/messages.ts';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ qstashRetryBackoffMs: 100 });
}, 120_000);
afterAll(async () => stack?.stop());

it('tells the person on call after the last retry', async () => {
  const alert = {
    status: 'firing',
    labels: {
      alertname: 'KubeDeploymentReplicasMismatch',
      namespace: 'shop',
      deployment: 'payment',
      cluster: 'prod-eu',
      severity: 'warning',
    },
    annotations: { summary: 'Deployment has not matched the expected number of replicas.' },
    startsAt: new Date().toISOString(),
    fingerprint: '00ff00ff00ff00ff',
  };
  const response = await postWebhook(stack.info.worker, stack.info.secrets.alertmanagerToken, [alert]);
  expect(response.status).toBe(202);
  const posts = await eventually('the message after the last retry', async () => {
    const found = await slackPosts(stack.info.slack);
    return found.length > 0 ? found : undefined;
  });
  await sleep(1000);
  expect(await slackPosts(stack.info.slack)).toHaveLength(1);
  const text = slackMessageAsText(posts[0]!.body.blocks);
  expect(text).toContain('KubeDeploymentReplicasMismatch — Deployment shop/payment');
  expect(text).toMatch(
    /No diagnosis: cluster prod-eu could not be read \(cluster 'prod-eu' is not in CLUSTERS \(known: demo\)\)/,
  );
  // QStash delivered it 4 times: 3 answered 503 (retry), the last one 200.
  const [message] = await recorded(stack.info.qstash);
  expect((message as unknown as { statuses: number[] }).statuses).toEqual([503, 503, 503, 200]);
});
