// The profile lookups through the official SDKs against the LINE and Slack fakes: LINE's profile `language` (left
// out for a user LINE gives none), Slack's `users.info` `locale` (sent only with include_locale), and a refusal of
// the platform's (LINE's 404, Slack's user_not_found) is no language, not an error.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type LineFake, startLineFake } from '../../infra/stack/line.ts';
import { type SlackFake, startSlackFake } from '../../infra/stack/slack.ts';
import type { Config } from '../../lib/config/index.ts';
import { lineProfileLanguage } from '../../lib/events/line/index.ts';
import { slackProfileLocale } from '../../lib/events/slack/index.ts';

const taiwan = `U${'0a1b2c3d4e5f6071'.repeat(2)}`;
const silent = `U${'fedcba9876543210'.repeat(2)}`;
let line: LineFake;
let slack: SlackFake;

beforeAll(async () => {
  line = await startLineFake({ channelAccessToken: 'line-token-canary', languages: { [taiwan]: 'zh-TW' } });
  slack = await startSlackFake({ token: 'xoxb-canary', locales: { U07ZHCN: 'zh-CN' } });
});
afterAll(async () => {
  await line?.close();
  await slack?.close();
});

it('reads the LINE profile language', async () => {
  const config = { LINE_CHANNEL_ACCESS_TOKEN: 'line-token-canary', LINE_API_URL: line.url } as Config;
  const lookup = lineProfileLanguage(config);
  expect(await lookup?.(taiwan)).toBe('zh-TW');
  expect(await lookup?.(silent)).toBeUndefined();
  // A group id, not a person: not asked.
  expect(await lookup?.(`C${'0'.repeat(32)}`)).toBeUndefined();
  expect(line.messages().filter((r) => r.path.startsWith('/v2/bot/profile/'))).toHaveLength(2);
  expect(lineProfileLanguage({} as Config)).toBeUndefined();
});

it('reads the Slack locale, asking for it', async () => {
  const config = { SLACK_BOT_TOKEN: 'xoxb-canary', SLACK_API_URL: `${slack.url}/api/` } as Config;
  const lookup = slackProfileLocale(config);
  expect(await lookup?.('U07ZHCN')).toBe('zh-CN');
  expect(await lookup?.('U07OTHER')).toBe('en-US');
  expect(await lookup?.('not-a-user')).toBeUndefined();
  const calls = slack.messages().filter((r) => r.path === '/api/users.info');
  expect(calls.map((r) => (r.body as { include_locale?: string }).include_locale)).toEqual([
    'true',
    'true',
    'true',
  ]);
});
