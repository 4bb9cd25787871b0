// @slack/web-api WebClient, unchanged, against the Slack fake: successful posts look like Slack's, Slack's limits
// come back as Slack's errors, and the recording shows what was sent (never the token).
import { createHmac } from 'node:crypto';
import { LogLevel, WebClient } from '@slack/web-api';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { type SlackFake, startSlackFake } from '../../infra/stack/slack.ts';
import { slackMessageAsText } from '../../infra/stack/slack-text.ts';
import { type ApprovalMessage, renderSlackReport, toSlack } from '../../lib/chat/index.ts';
import { Report } from '../../lib/report/index.ts';

const token = 'xoxb-canary-slack-token-1234';
let slack: SlackFake;
let web: WebClient;

const quiet = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  setLevel() {},
  getLevel: () => LogLevel.ERROR,
  setName() {},
};
const client = (t: string) =>
  new WebClient(t, {
    slackApiUrl: `${slack.url}/api/`,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    logger: quiet,
  });

/** The Slack error code a call failed with (the SDK throws a platform error carrying Slack's answer). */
async function slackError(call: Promise<unknown>): Promise<{ error: string; errors?: string[] }> {
  try {
    await call;
  } catch (error) {
    return (error as { data: { error: string; errors?: string[] } }).data;
  }
  throw new Error('expected the call to fail');
}

beforeAll(async () => {
  slack = await startSlackFake({ token, signingSecret: 'signing-secret-canary' });
  web = client(token);
});
afterAll(async () => slack?.close());
beforeEach(() => slack.clear());

const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });

it('posts and updates a Block Kit message and answers like Slack', async () => {
  const blocks = [
    { type: 'header', text: { type: 'plain_text', text: 'payment is crash-looping' } },
    section('*CrashLoopBackOff* in `shop/payment` — exit code 1'),
    { type: 'context', elements: [{ type: 'mrkdwn', text: 'cluster demo' }] },
    {
      type: 'actions',
      elements: [
        {
          type: 'button',
          text: { type: 'plain_text', text: 'Restart' },
          action_id: 'approve',
          value: 'p-1',
          style: 'primary',
        },
      ],
    },
  ];
  const first = await web.chat.postMessage({
    channel: 'C0KRONCALL',
    text: 'payment is crash-looping',
    blocks,
  });
  expect(first.ok).toBe(true);
  expect(first.channel).toBe('C0KRONCALL');
  expect(first.ts).toMatch(/^\d+\.\d{6}$/);
  expect(first.message?.blocks).toEqual(blocks);
  const second = await web.chat.postMessage({ channel: 'C0KRONCALL', text: 'second' });
  expect(second.ts).not.toBe(first.ts);

  const updated = await web.chat.update({
    channel: 'C0KRONCALL',
    ts: first.ts!,
    text: 'restarted',
    blocks: [section('done')],
  });
  expect(updated).toMatchObject({ ok: true, channel: 'C0KRONCALL', ts: first.ts });
  expect(
    await slackError(web.chat.update({ channel: 'C0KRONCALL', ts: '1.000001', text: 'x' })),
  ).toMatchObject({
    error: 'message_not_found',
  });

  const recorded = slack.messages();
  expect(recorded.map((r) => [r.method, r.path, r.ok])).toEqual([
    ['POST', '/api/chat.postMessage', true],
    ['POST', '/api/chat.postMessage', true],
    ['POST', '/api/chat.update', true],
    ['POST', '/api/chat.update', false],
  ]);
  expect(recorded[0]!.body).toMatchObject({
    channel: 'C0KRONCALL',
    text: 'payment is crash-looping',
    blocks,
  });
  expect(Date.parse(recorded[0]!.at)).not.toBeNaN();
  const viaHttp = await (await fetch(`${slack.url}/__messages`)).text();
  expect(JSON.parse(viaHttp)).toEqual(JSON.parse(JSON.stringify(recorded)));
  expect(viaHttp).not.toContain('canary');
});

it('serves auth.test, conversations.info and chat.postEphemeral', async () => {
  expect(await web.auth.test()).toMatchObject({
    ok: true,
    user_id: expect.any(String),
    team_id: expect.any(String),
  });
  expect((await web.conversations.info({ channel: 'C0KRONCALL' })).channel?.id).toBe('C0KRONCALL');
  const ephemeral = await web.chat.postEphemeral({ channel: 'C0KRONCALL', user: 'U123', text: 'only you' });
  expect(ephemeral.message_ts).toMatch(/^\d+\.\d{6}$/);
});

it('parses JSON bodies as well as form bodies', async () => {
  const response = await fetch(`${slack.url}/api/chat.postMessage`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify({ channel: 'C1', blocks: [section('from json')] }),
  });
  expect(await response.json()).toMatchObject({ ok: true, channel: 'C1' });
  expect(slack.messages()[0]!.body).toEqual({ channel: 'C1', blocks: [section('from json')] });
});

it('answers not_authed and invalid_auth', async () => {
  expect(await slackError(client('').chat.postMessage({ channel: 'C1', text: 'x' }))).toMatchObject({
    error: 'not_authed',
  });
  expect(await slackError(client('xoxb-wrong').chat.postMessage({ channel: 'C1', text: 'x' }))).toMatchObject(
    {
      error: 'invalid_auth',
    },
  );
  expect(slack.messages().map((r) => r.error)).toEqual(['not_authed', 'invalid_auth']);
});

it('enforces the message limits with Slack error codes', async () => {
  const cases: [string, Parameters<typeof web.chat.postMessage>[0], string][] = [
    ['empty channel', { channel: '', text: 'x' }, 'channel_not_found'],
    ['no text or blocks', { channel: 'C1' } as Parameters<typeof web.chat.postMessage>[0], 'no_text'],
    ['text over 40000', { channel: 'C1', text: 'x'.repeat(40_001) }, 'msg_too_long'],
    [
      '51 blocks',
      { channel: 'C1', blocks: Array.from({ length: 51 }, () => section('x')) },
      'invalid_blocks',
    ],
  ];
  for (const [name, args, error] of cases) {
    expect((await slackError(web.chat.postMessage(args))).error, name).toBe(error);
  }
  expect((await web.chat.postMessage({ channel: 'C1', text: 'x'.repeat(40_000) })).ok).toBe(true);
  expect(
    (await web.chat.postMessage({ channel: 'C1', blocks: Array.from({ length: 50 }, () => section('x')) }))
      .ok,
  ).toBe(true);
});

it('enforces Block Kit element limits and points at the offending field', async () => {
  const button = (text: string, extra = {}) => ({
    type: 'actions',
    elements: [{ type: 'button', text: { type: 'plain_text', text }, action_id: 'a', ...extra }],
  });
  const cases: [string, unknown, string][] = [
    ['section text 3001', section('x'.repeat(3001)), '/blocks/0/text/text'],
    [
      'header 151',
      { type: 'header', text: { type: 'plain_text', text: 'h'.repeat(151) } },
      '/blocks/0/text/text',
    ],
    ['header mrkdwn', { type: 'header', text: { type: 'mrkdwn', text: 'h' } }, '/blocks/0/text/type'],
    [
      '11 fields',
      { type: 'section', fields: Array.from({ length: 11 }, () => ({ type: 'mrkdwn', text: 'f' })) },
      '/blocks/0/fields',
    ],
    [
      'field 2001',
      { type: 'section', fields: [{ type: 'mrkdwn', text: 'f'.repeat(2001) }] },
      '/blocks/0/fields/0/text',
    ],
    [
      '11 context elements',
      { type: 'context', elements: Array.from({ length: 11 }, () => ({ type: 'mrkdwn', text: 'c' })) },
      '/blocks/0/elements',
    ],
    ['button text 76', button('b'.repeat(76)), '/blocks/0/elements/0/text/text'],
    ['action_id 256', button('ok', { action_id: 'a'.repeat(256) }), '/blocks/0/elements/0/action_id'],
    ['value 2001', button('ok', { value: 'v'.repeat(2001) }), '/blocks/0/elements/0/value'],
    ['empty section text', section(''), '/blocks/0/text/text'],
    ['unknown block', { type: 'sparkles' }, '/blocks/0/type'],
  ];
  for (const [name, block, pointer] of cases) {
    const failure = await slackError(
      web.chat.postMessage({ channel: 'C1', text: 'fallback', blocks: [block as never] }),
    );
    expect(failure.error, name).toBe('invalid_blocks');
    expect(failure.errors?.join('\n'), name).toContain(`[json-pointer:${pointer}]`);
  }
  // At the limits, everything is accepted.
  const atLimits = [
    section('x'.repeat(3000)),
    { type: 'header', text: { type: 'plain_text', text: 'h'.repeat(150) } },
    {
      type: 'section',
      fields: Array.from({ length: 10 }, () => ({ type: 'mrkdwn', text: 'f'.repeat(2000) })),
    },
    { type: 'context', elements: Array.from({ length: 10 }, () => ({ type: 'mrkdwn', text: 'c' })) },
    button('b'.repeat(75), { action_id: 'a'.repeat(255), value: 'v'.repeat(2000) }),
    { type: 'divider' },
  ];
  expect(
    (await web.chat.postMessage({ channel: 'C1', text: 'fallback', blocks: atLimits as never })).ok,
  ).toBe(true);
});

it('signs interactivity bodies the way Slack does', () => {
  const headers = slack.sign('payload=%7B%7D', 1_700_000_000);
  expect(headers['x-slack-request-timestamp']).toBe('1700000000');
  const expected = createHmac('sha256', 'signing-secret-canary')
    .update('v0:1700000000:payload=%7B%7D')
    .digest('hex');
  expect(headers['x-slack-signature']).toBe(`v0=${expected}`);
});

it('answers injected failures (POST /__faults) and records them', async () => {
  const fault = { path: '/api/chat.postMessage', status: 503, count: 1 };
  expect((await fetch(`${slack.url}/__faults`, { method: 'POST', body: JSON.stringify(fault) })).status).toBe(
    204,
  );
  await expect(web.chat.postMessage({ channel: 'C1', text: 'during outage' })).rejects.toMatchObject({
    code: 'slack_webapi_http_error',
    statusCode: 503,
  });
  slack.fail({ status: 429, headers: { 'retry-after': '1' }, body: { ok: false, error: 'ratelimited' } });
  await expect(web.chat.postMessage({ channel: 'C1', text: 'rate limited' })).rejects.toMatchObject({
    code: 'slack_webapi_rate_limited_error',
  });
  expect((await web.chat.postMessage({ channel: 'C1', text: 'recovered' })).ok).toBe(true);
  expect(slack.messages().map((r) => [r.status, r.ok, r.error])).toEqual([
    [503, false, 'http_503'],
    [429, false, 'ratelimited'],
    [200, true, undefined],
  ]);
});

it('refuses a bad confirm dialog, a repeated action_id in a block and more than 25 elements', async () => {
  const plainText = (text: string) => ({ type: 'plain_text', text });
  const dialog = {
    title: plainText('Approve?'),
    text: plainText('Restart'),
    confirm: plainText('Approve'),
    deny: plainText('Cancel'),
  };
  const button = (extra = {}) => ({
    type: 'button',
    text: plainText('Approve'),
    action_id: 'kr.approve',
    value: 'v',
    ...extra,
  });
  const actions = (...elements: unknown[]) => ({ type: 'actions', elements });
  const { deny: _deny, ...noDeny } = dialog;
  const cases: [string, unknown, string][] = [
    ['confirm without deny', actions(button({ confirm: noDeny })), '/blocks/0/elements/0/confirm/deny'],
    [
      'confirm without title',
      actions(button({ confirm: { ...dialog, title: undefined } })),
      '/blocks/0/elements/0/confirm/title',
    ],
    [
      'confirm text 301',
      actions(button({ confirm: { ...dialog, text: plainText('t'.repeat(301)) } })),
      '/blocks/0/elements/0/confirm/text/text',
    ],
    [
      'confirm button 31',
      actions(button({ confirm: { ...dialog, confirm: plainText('c'.repeat(31)) } })),
      '/blocks/0/elements/0/confirm/confirm/text',
    ],
    ['repeated action_id', actions(button(), button()), '/blocks/0/elements/1/action_id'],
    [
      '26 elements',
      actions(...Array.from({ length: 26 }, (_, i) => button({ action_id: `a${i}` }))),
      '/blocks/0/elements',
    ],
    [
      'accessibility_label 76',
      actions(button({ accessibility_label: 'l'.repeat(76) })),
      '/blocks/0/elements/0/accessibility_label',
    ],
    [
      'accessory confirm',
      { type: 'section', text: { type: 'mrkdwn', text: 'x' }, accessory: button({ confirm: noDeny }) },
      '/blocks/0/accessory/confirm/deny',
    ],
  ];
  for (const [name, block, pointer] of cases) {
    const failure = await slackError(
      web.chat.postMessage({ channel: 'C1', text: 'fallback', blocks: [block as never] }),
    );
    expect(failure.error, name).toBe('invalid_blocks');
    expect(failure.errors?.join('\n'), name).toContain(`[json-pointer:${pointer}]`);
  }
  const atLimits = actions(
    button({
      confirm: {
        ...dialog,
        title: plainText('t'.repeat(100)),
        text: plainText('x'.repeat(300)),
        style: 'danger',
      },
      accessibility_label: 'l'.repeat(75),
    }),
    ...Array.from({ length: 24 }, (_, i) => button({ action_id: `a${i}` })),
  );
  expect(
    (await web.chat.postMessage({ channel: 'C1', text: 'fallback', blocks: [atLimits as never] })).ok,
  ).toBe(true);
});

it('accepts the approval card, its decided update and a report with proposal buttons as the serializer makes them', async () => {
  const hostile = `<!here> *x* ${'n'.repeat(5000)}`;
  const card: ApprovalMessage = {
    type: 'approval',
    reportId: 'apr_1',
    approvalId: 'apr_1',
    state: 'pending',
    text: hostile,
    description: `Restart Deployment store/${hostile}`,
    action: 'restart',
    target: { kind: 'Deployment', namespace: hostile, name: hostile },
    cluster: hostile,
    reason: hostile,
    requestedBy: hostile,
    expiresAt: '2026-11-23T08:10:00Z',
    notification: hostile,
  };
  const pending = toSlack(card);
  const posted = await web.chat.postMessage({ channel: 'C1', text: pending.text, blocks: pending.blocks });
  const done = toSlack({ ...card, state: 'done', decidedBy: 'slack:UAPPROVER', outcome: hostile });
  await web.chat.update({ channel: 'C1', ts: posted.ts!, text: done.text, blocks: done.blocks });
  const report = Report.parse({
    id: 'r1',
    source: 'alertmanager',
    cluster: 'prod',
    scope: { kind: 'alert', namespace: 'shop' },
    startedAt: '2026-11-23T08:00:00Z',
    findings: [],
    summary: 'payment is crash-looping',
    proposals: Array.from({ length: 7 }, (_, i) => ({
      id: `p${i}`,
      action: 'restart',
      target: { kind: 'Deployment', namespace: 'shop', name: hostile.slice(0, 250) },
      reason: hostile,
    })),
  });
  const rendered = renderSlackReport(report);
  await web.chat.postMessage({ channel: 'C1', text: rendered.text, blocks: rendered.blocks });
  expect(slack.messages().map((r) => [r.path, r.ok, r.error])).toEqual([
    ['/api/chat.postMessage', true, undefined],
    ['/api/chat.update', true, undefined],
    ['/api/chat.postMessage', true, undefined],
  ]);
  console.log(
    `approval card as a person reads it:\n${slackMessageAsText(toSlack({ ...card, text: undefined, description: 'Restart Deployment store/checkout', target: { kind: 'Deployment', namespace: 'store', name: 'checkout' }, cluster: 'prod', reason: 'checkout has 1 of 3 pods crash-looping', requestedBy: 'line:U0123' }).blocks)}`,
  );
});
