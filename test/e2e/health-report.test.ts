// The cron on the local stack: wrangler dev's /__scheduled with the project's own cron queues the health report
// (due at every tick in the stack), QStash delivers it, and exactly one digest reaches the Slack fake — fired again
// in the same slot, still one.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { slackMessageAsText } from '../../infra/stack/slack-text.ts';
import { type Stack, startStack } from '../../infra/stack/stack.ts';
import { eventually, slackPosts, sleep } from '../support/messages.ts';

let stack: Stack;

beforeAll(async () => {
  stack = await startStack();
}, 120_000);

afterAll(async () => {
  await stack?.stop();
});

const fireCron = () => fetch(`${stack.info.worker}/__scheduled?cron=*/15+*+*+*+*`);

/** With HEALTH_REPORT_EVERY_TICK a slot is the tick's 15-minute window: both fires must fall in the same one. */
async function awayFromSlotBoundary(): Promise<void> {
  const untilNext = 15 * 60_000 - (Date.now() % (15 * 60_000));
  if (untilNext < 30_000) await sleep(untilNext + 1000);
}

it('firing the cron sends one health digest to Slack; firing it again in the same slot sends nothing more', async () => {
  await awayFromSlotBoundary();
  const fired = await fireCron();
  expect(fired.status).toBe(200);
  const posts = await eventually(
    'a health digest in Slack',
    async () => {
      const found = await slackPosts(stack.info.slack);
      return found.length > 0 ? found : undefined;
    },
    60_000,
  );
  expect((await fireCron()).status).toBe(200);
  // Give QStash time to (wrongly) deliver a second digest before counting.
  await sleep(3000);
  const all = await slackPosts(stack.info.slack);
  const texts = all.map((post) => slackMessageAsText(post.body.blocks));
  expect(all, `expected one digest, got:\n${texts.join('\n---\n')}`).toHaveLength(1);
  expect(posts[0]!.body.channel).toBe(stack.info.slackChannel);
  const text = texts[0]!;
  expect(text).toMatch(/Health report — demo/);
  expect(text).toMatch(/Nodes ready/);
  expect(text).toMatch(/Deployment shop\/payment/);
  expect(text).not.toContain('CANARY');
  console.log(`health digest on the stack:\n${text}`);
}, 120_000);
