// The Worker's Slack client inside a job: a rate limit or an outage throws at once (one call, no sleeping through
// Retry-After, no retries of its own), so the job fails fast and QStash redelivers it later.
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { type SlackFake, startSlackFake } from '../../infra/stack/slack.ts';
import { textMessage } from '../../lib/chat/index.ts';
import { slackChannel, slackClient } from '../../lib/chat/slack/index.ts';

const token = 'xoxb-canary-client-token-1234';
let slack: SlackFake;

beforeAll(async () => {
  slack = await startSlackFake({ token });
});
afterAll(() => slack.close());
beforeEach(() => slack.clear());

const client = () => slackClient({ token, apiUrl: `${slack.url}/api` });

it('throws on a 429 instead of waiting out its Retry-After (an hour here)', async () => {
  slack.fail({ status: 429, headers: { 'retry-after': '3600' }, body: { ok: false, error: 'ratelimited' } });
  await expect(client().chat.postMessage({ channel: 'C1', text: 'rate limited' })).rejects.toMatchObject({
    code: 'slack_webapi_rate_limited_error',
    retryAfter: 3600,
  });
  expect(slack.messages().map((r) => r.status)).toEqual([429]);
});

it('makes one call on an outage, no retries of its own', async () => {
  // One failure only: a client that retried would succeed on its second call.
  slack.fail({ status: 503, count: 1 });
  await expect(client().chat.postMessage({ channel: 'C1', text: 'outage' })).rejects.toMatchObject({
    code: 'slack_webapi_http_error',
    statusCode: 503,
  });
  expect(slack.messages().map((r) => r.status)).toEqual([503]);
});

it('answers a thread with thread_ts', async () => {
  const channel = slackChannel(client());
  const top = await channel.post({ channel: 'slack', to: 'C1' }, textMessage('t1', 'question'));
  await channel.post({ channel: 'slack', to: 'C1', thread: top?.id }, textMessage('t2', 'answer'));
  const posts = slack.messages().filter((r) => r.path === '/api/chat.postMessage');
  expect(top?.id).toMatch(/^\d+\.\d{6}$/);
  expect(posts[0]?.body).not.toHaveProperty('thread_ts');
  expect(posts[1]?.body).toMatchObject({ channel: 'C1', thread_ts: top?.id });
});
