// Under wrangler dev with QStash: while the model answers 429 with a long Retry-After, the rule-based report goes
// out at once; the AI part follows later, as one reply in that message's thread (a delayed QStash job).
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { slackMessageAsText } from '../../infra/stack/slack-text.ts';
import { type Stack, startStack } from '../../infra/stack/stack.ts';
import { eventually, slackPosts, sleep } from '../support/messages.ts';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
}, 120_000);
afterAll(async () => stack?.stop());

it('posts the report now and the AI part in its thread once the model is back', async () => {
  const script = await fetch(`${stack.info.gemini}/__script`, {
    method: 'POST',
    body: JSON.stringify([{ error: { code: 429, retryAfterSeconds: 11 } }]),
  });
  expect(script.ok).toBe(true);
  const payload = await readFile(
    resolve(import.meta.dirname, '../fixtures/demo/alert-crashloop.json'),
    'utf8',
  );
  const webhook = await fetch(`${stack.info.worker}/events/alertmanager`, {
    method: 'POST',
    headers: { authorization: `Bearer ${stack.info.secrets.alertmanagerToken}` },
    body: payload,
  });
  expect(webhook.status).toBe(202);

  const [first] = await eventually('the rule-based report', async () => {
    const posts = await slackPosts(stack.info.slack);
    return posts.length > 0 ? posts : undefined;
  });
  expect(first!.body.thread_ts).toBeUndefined();
  expect(slackMessageAsText(first!.body.blocks)).not.toMatch(/AI/);
  const replies = await eventually(
    'the AI follow-up in the thread',
    async () => {
      const posts = (await slackPosts(stack.info.slack)).filter((p) => p.body.thread_ts);
      return posts.length > 0 ? posts : undefined;
    },
    40_000,
  );
  await sleep(1000);
  const all = await slackPosts(stack.info.slack);
  expect(all).toHaveLength(2);
  expect(replies).toHaveLength(1);
  expect(replies[0]!.body.channel).toBe(stack.info.slackChannel);
  expect(replies[0]!.body.thread_ts).toMatch(/^\d+\.\d+$/);
  expect(slackMessageAsText(replies[0]!.body.blocks)).toMatch(/^ {2}AI follow-up \(gemini-3\.8-flash\):/);
}, 90_000);
