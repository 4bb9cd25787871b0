// The LINE channel adapter through @line/bot-sdk against the LINE fake: a retried push is sent once (409 is
// success), a fresh reply token is used once and then push takes over, a 429 says the quota may be spent and
// makes the next message short, never looping.
import { messagingApi } from '@line/bot-sdk';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type LineFake, startLineFake } from '../../infra/stack/line.ts';
import {
  alertDestinations,
  channelsFor,
  type LineDestination,
  LineQuotaError,
  lineChannel,
  reportMessage,
  retryKey,
} from '../../lib/chat/index.ts';
import { EnvSchema } from '../../lib/config/index.ts';
import { Report } from '../../lib/report/index.ts';

const channelAccessToken = 'line-channel-test-token';
const user = `U${'0123456789abcdef'.repeat(2)}`;
const group = `C${'fedcba9876543210'.repeat(2)}`;
let line: LineFake;
let client: messagingApi.MessagingApiClient;

beforeAll(async () => {
  line = await startLineFake({ channelAccessToken });
  client = new messagingApi.MessagingApiClient({ channelAccessToken, baseURL: line.url });
});
afterAll(async () => line?.close());
beforeEach(() => line.clear());

let reportCounter = 0;
const message = () =>
  reportMessage(
    Report.parse({
      id: `r-${++reportCounter}`,
      source: 'alertmanager',
      cluster: 'demo',
      scope: { kind: 'alert', namespace: 'shop' },
      startedAt: '2026-11-23T08:00:00Z',
      alert: { name: 'KubePodCrashLooping', labels: {} },
      findings: [
        {
          code: 'CrashLoopBackOff',
          severity: 'critical',
          object: { kind: 'Pod', namespace: 'shop', name: 'payment-1' },
          owner: { kind: 'Deployment', namespace: 'shop', name: 'payment' },
          summary: 'payment is crash-looping',
          evidence: ['restartCount=7'],
          suggestions: ['kubectl -n shop logs deploy/payment --previous'],
        },
      ],
      summary: 'Deployment shop/payment is crash-looping.',
      proposals: [],
    }),
  );

const to = (id = user): LineDestination => ({ channel: 'line', to: id });
const calls = () => line.messages().map((r) => [r.path, r.status]);
// biome-ignore lint/suspicious/noExplicitAny: the recorded LINE request body
const sent = (i: number) => line.messages()[i]!.body as any;

describe('post', () => {
  it('pushes one Flex bubble; the same push retried (a new adapter, as a QStash retry has) is sent once', async () => {
    const report = message();
    const first = await lineChannel(client).post(to(), report);
    const retried = await lineChannel(client).post(to(), report);
    expect(calls()).toEqual([
      ['/v2/bot/message/push', 200],
      ['/v2/bot/message/push', 409],
    ]);
    expect(sent(0)).toMatchObject({ to: user, messages: [{ type: 'flex', altText: report.notification }] });
    expect(first).toMatchObject({ channel: 'line', to: user, id: expect.stringMatching(/^\d+$/) });
    // LINE's 409 carries what the accepted push sent: the same reference.
    expect(retried).toEqual(first);
    // Another chat or another report is another push.
    await lineChannel(client).post(to(group), report);
    await lineChannel(client).post(to(), message());
    expect(calls().slice(2)).toEqual([
      ['/v2/bot/message/push', 200],
      ['/v2/bot/message/push', 200],
    ]);
  });

  it('derives the retry key from the message identity, as a UUID LINE accepts', async () => {
    const key = await retryKey(`${user}:r-1:report`);
    expect(key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(await retryKey(`${user}:r-1:report`)).toBe(key);
    expect(await retryKey(`${group}:r-1:report`)).not.toBe(key);
  });

  it('answers with a fresh reply token once, then by push when it is used up', async () => {
    const replyToken = line.issueReplyToken();
    const event = { ...to(), replyToken, receivedAt: Date.now() };
    const channel = lineChannel(client);
    await channel.post(event, message());
    await channel.post(event, message());
    expect(calls()).toEqual([
      ['/v2/bot/message/reply', 200],
      ['/v2/bot/message/reply', 400],
      ['/v2/bot/message/push', 200],
    ]);
    expect(sent(2).messages[0].type).toBe('flex');
  });

  it('does not try a reply token older than the reply window', async () => {
    const replyToken = line.issueReplyToken();
    let now = 1_000_000;
    const channel = lineChannel(client, { now: () => now });
    now += 51_000;
    await channel.post({ ...to(), replyToken, receivedAt: 1_000_000 }, message());
    expect(calls()).toEqual([['/v2/bot/message/push', 200]]);
  });

  it('throws on a 429 without retrying, says the quota may be spent, and sends the short form next', async () => {
    const logged: string[] = [];
    const channel = lineChannel(client, { log: (entry) => logged.push(entry) });
    line.fail({
      path: '/v2/bot/message/push',
      status: 429,
      body: { message: 'You have reached your monthly limit.' },
    });
    const report = message();
    await expect(channel.post(to(), report)).rejects.toBeInstanceOf(LineQuotaError);
    await expect(channel.post(to(), report)).resolves.toBeDefined();
    expect(calls()).toEqual([
      ['/v2/bot/message/push', 429],
      ['/v2/bot/message/push', 200],
    ]);
    expect(logged).toHaveLength(1);
    expect(JSON.parse(logged[0]!)).toMatchObject({
      msg: expect.stringMatching(/monthly message quota/),
      to: user,
    });
    const short = sent(1).messages;
    expect(short).toEqual([{ type: 'text', text: expect.stringContaining(report.footer) }]);
    expect(short[0].text.length).toBeLessThanOrEqual(500);
  });
});

describe('reply and update', () => {
  it('replies by push to the same chat (LINE has no threads) and updates with a short note', async () => {
    const channel = lineChannel(client);
    const report = message();
    const ref = await channel.post(to(), report);
    const followup = {
      type: 'ai-followup' as const,
      reportId: report.reportId,
      model: 'gemini-3.8-flash',
      text: 'The DB password rotated at 07:58.',
      nextSteps: [],
      footer: `report ${report.reportId}`,
      notification: 'AI follow-up: The DB password rotated at 07:58.',
    };
    await channel.reply(ref!, followup);
    await channel.reply(ref!, followup);
    expect(calls()).toEqual([
      ['/v2/bot/message/push', 200],
      ['/v2/bot/message/push', 200],
      // The same follow-up to the same chat again: the retry key says it was sent.
      ['/v2/bot/message/push', 409],
    ]);
    expect(sent(1)).toMatchObject({ to: user, messages: [{ type: 'text' }] });
    expect(sent(1).messages[0].text).toMatch(/^AI follow-up \(gemini-3.8-flash\): The DB password rotated/);
    await channel.update(ref!, { ...report, severity: 'ok', notification: '🟢 resolved' });
    expect(sent(3)).toEqual({
      to: user,
      messages: [{ type: 'text', text: `Update: 🟢 resolved\n${report.footer}` }],
    });
  });
});

describe('configuration', () => {
  it('sends alerts to every LINE_ALERT_TO id, through LINE_API_URL', async () => {
    const config = EnvSchema.parse({
      LINE_CHANNEL_ACCESS_TOKEN: channelAccessToken,
      LINE_API_URL: line.url,
      LINE_ALERT_TO: ` ${user}, ${group} ,`,
    });
    const destinations = alertDestinations(config);
    expect(destinations).toEqual([
      { channel: 'line', to: user },
      { channel: 'line', to: group },
    ]);
    const channels = channelsFor(config);
    for (const destination of destinations) await channels('line').post(destination, message());
    expect(calls()).toEqual([
      ['/v2/bot/message/push', 200],
      ['/v2/bot/message/push', 200],
    ]);
    expect(alertDestinations(EnvSchema.parse({ LINE_ALERT_TO: user }))).toEqual([]);
    expect(() => channelsFor(EnvSchema.parse({}))('line')).toThrow(/LINE_CHANNEL_ACCESS_TOKEN/);
  });
});
