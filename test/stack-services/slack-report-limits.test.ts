// The Worker's Slack path (the report message, Block Kit, the Slack channel adapter over slackClient) against the
// Slack fake's real limits: however large or hostile a Report is, Slack accepts the message; replies thread under it
// and an update replaces it.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type SlackFake, startSlackFake } from '../../infra/stack/slack.ts';
import { aiFollowupMessage, reportMessage, slackChannel, slackClient } from '../../lib/chat/index.ts';
import type { Report } from '../../lib/report/index.ts';

const token = 'xoxb-report-limits-token';
let slack: SlackFake;

beforeAll(async () => {
  slack = await startSlackFake({ token });
});
afterAll(async () => slack?.close());

const long = (unit: string, n: number) => unit.repeat(n);

it('posts an oversized, markup-heavy report within every Block Kit limit', async () => {
  const object = { kind: 'Deployment', namespace: `ns-${long('n', 60)}`, name: `payment-${long('<&>', 80)}` };
  const report: Report = {
    id: `r-${long('x', 40)}`,
    source: 'alertmanager',
    cluster: `cluster-${long('c', 200)}`,
    scope: { kind: 'alert', namespace: object.namespace },
    startedAt: new Date().toISOString(),
    alert: { name: `KubePodCrashLooping${long('!', 300)}`, labels: {} },
    findings: Array.from({ length: 40 }, (_, i) => ({
      code: 'CrashLoopBackOff' as const,
      severity: 'critical' as const,
      object: { ...object, name: `${object.name}-${i}` },
      rootCause: { code: 'DependencyUnreachable' as const, object, detail: long('detail <@U123> & ', 400) },
      summary: long('summary with <!channel> & <https://evil|link> ', 200),
      evidence: Array.from({ length: 50 }, () => long('log line <&> ', 200)),
      suggestions: Array.from({ length: 50 }, () => long('do this & that ', 200)),
    })),
    summary: long('Summary <!here> & more ', 2000),
    ai: {
      model: 'gemini-fake',
      text: long('AI says <b>&</b> ', 10_000),
      toolCalls: 3,
      tokens: { prompt: 1000, output: 200 },
    },
    proposals: [],
    meta: { apiRequests: 9, bytesRead: 12_345, durationMs: 321.5 },
  };
  const channel = slackChannel(slackClient({ token, apiUrl: `${slack.url}/api/` }));
  const ref = await channel.post({ channel: 'slack', to: 'C0KRONCALL' }, reportMessage(report));
  expect(ref?.id).toMatch(/^\d+\.\d{6}$/);
  const [post] = slack.messages();
  expect(post).toMatchObject({ path: '/api/chat.postMessage', ok: true });
  expect(JSON.stringify(post!.body)).not.toContain('<!channel>');

  // The AI part goes under it, in its thread; a reply to that reply stays in the same thread.
  const reply = await channel.reply(ref!, aiFollowupMessage(report));
  await channel.reply(reply!, aiFollowupMessage(report));
  const threaded = slack.messages().slice(1);
  expect(threaded.map((m) => [m.path, m.ok, (m.body as { thread_ts?: string }).thread_ts])).toEqual([
    ['/api/chat.postMessage', true, ref!.id],
    ['/api/chat.postMessage', true, ref!.id],
  ]);

  // An update replaces the posted message (Slack answers message_not_found for one it never saw).
  await channel.update(ref!, reportMessage({ ...report, summary: 'resolved' }));
  const update = slack.messages().at(-1);
  expect(update).toMatchObject({ path: '/api/chat.update', ok: true });
  expect((update!.body as { ts?: string }).ts).toBe(ref!.id);
  await expect(channel.update({ ...ref!, id: '1.000001' }, reportMessage(report))).rejects.toThrow(
    /message_not_found/,
  );
});
