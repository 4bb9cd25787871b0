// @line/bot-sdk 11 MessagingApiClient, unchanged, against the LINE fake: what LINE accepts, LINE's 400/401/409
// answers for what it refuses, and the recording of what a chat user would have received.
import { createHmac, randomUUID } from 'node:crypto';
import { HTTPFetchError, messagingApi } from '@line/bot-sdk';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { type LineFake, startLineFake } from '../../infra/stack/line.ts';
import { type ApprovalMessage, reportMessage, toLine } from '../../lib/chat/index.ts';
import { Report } from '../../lib/report/index.ts';

const channelAccessToken = 'line-canary-access-token-77aa';
const user = `U${'0123456789abcdef'.repeat(2)}`;
const other = `U${'fedcba9876543210'.repeat(2)}`;
let line: LineFake;
let client: messagingApi.MessagingApiClient;

/** LINE's answer to a refused call: status, parsed body and headers. */
async function lineError(call: Promise<unknown>) {
  try {
    await call;
  } catch (error) {
    if (!(error instanceof HTTPFetchError)) throw error;
    return { status: error.status, body: JSON.parse(error.body), headers: error.headers };
  }
  throw new Error('expected the call to fail');
}

beforeAll(async () => {
  line = await startLineFake({
    channelAccessToken,
    channelSecret: 'line-secret-canary',
    profiles: { [user]: 'Aiko' },
  });
  client = new messagingApi.MessagingApiClient({ channelAccessToken, baseURL: line.url });
});
afterAll(async () => line?.close());
beforeEach(() => line.clear());

const text = (t: string) => ({ type: 'text' as const, text: t });

it('pushes, replies and multicasts and records what was sent', async () => {
  const pushed = await client.pushMessage({ to: user, messages: [text('payment is crash-looping')] });
  expect(pushed.sentMessages).toHaveLength(1);
  expect(pushed.sentMessages[0]!.id).toMatch(/^\d+$/);

  const token = line.issueReplyToken();
  const flex = {
    type: 'flex' as const,
    altText: 'Diagnosis: payment',
    contents: {
      type: 'bubble' as const,
      body: { type: 'box' as const, layout: 'vertical' as const, contents: [] },
    },
  };
  const replied = await client.replyMessage({ replyToken: token, messages: [text('looking'), flex] });
  expect(replied.sentMessages).toHaveLength(2);
  await client.multicast({ to: [user, other], messages: [text('resolved')] });

  const recorded = line.messages();
  expect(recorded.map((r) => [r.method, r.path, r.status])).toEqual([
    ['POST', '/v2/bot/message/push', 200],
    ['POST', '/v2/bot/message/reply', 200],
    ['POST', '/v2/bot/message/multicast', 200],
  ]);
  expect(recorded[0]!.body).toEqual({ to: user, messages: [text('payment is crash-looping')] });
  expect(recorded[1]!.body).toMatchObject({ replyToken: token, messages: [text('looking'), flex] });
  const viaHttp = await (await fetch(`${line.url}/__messages`)).text();
  expect(JSON.parse(viaHttp)).toEqual(JSON.parse(JSON.stringify(recorded)));
  expect(viaHttp).not.toContain('canary');
  expect((await fetch(`${line.url}/__messages`, { method: 'DELETE' })).status).toBe(204);
  expect(line.messages()).toEqual([]);
});

it('serves the profile and bot info', async () => {
  expect(await client.getProfile(user)).toMatchObject({ userId: user, displayName: 'Aiko' });
  expect((await client.getBotInfo()).displayName).toBe('kube-responder');
  expect((await lineError(client.getProfile('not-a-user'))).status).toBe(404);
});

it('enforces the message limits as LINE 400s naming the property', async () => {
  const six = Array.from({ length: 6 }, (_, i) => text(`m${i}`));
  const cases: [string, Promise<unknown>, string][] = [
    ['6 messages', client.pushMessage({ to: user, messages: six }), 'messages'],
    ['text 5001', client.pushMessage({ to: user, messages: [text('x'.repeat(5001))] }), 'messages[0].text'],
    ['empty text', client.pushMessage({ to: user, messages: [text('ok'), text('')] }), 'messages[1].text'],
    [
      'altText 1501',
      client.pushMessage({
        to: user,
        messages: [{ type: 'flex', altText: 'a'.repeat(1501), contents: { type: 'bubble' } }],
      }),
      'messages[0].altText',
    ],
    [
      'bubble over 30 KB',
      client.pushMessage({
        to: user,
        messages: [
          {
            type: 'flex',
            altText: 'big',
            contents: {
              type: 'bubble',
              body: {
                type: 'box',
                layout: 'vertical',
                contents: [{ type: 'text', text: 'x'.repeat(31 * 1024) }],
              },
            },
          },
        ],
      }),
      'messages[0].contents',
    ],
    ['no recipient', client.pushMessage({ to: '', messages: [text('x')] }), 'to'],
  ];
  for (const [name, call, property] of cases) {
    const failure = await lineError(call);
    expect(failure.status, name).toBe(400);
    expect(failure.body.message, name).toBe('The request body has 1 error(s)');
    expect(failure.body.details, name).toEqual([{ message: expect.any(String), property }]);
  }
  // At the limits, LINE accepts.
  const five = Array.from({ length: 5 }, () => text('x'.repeat(5000)));
  expect((await client.pushMessage({ to: user, messages: five })).sentMessages).toHaveLength(5);
  const flexAtLimit = {
    type: 'flex' as const,
    altText: 'a'.repeat(1500),
    contents: { type: 'bubble' as const },
  };
  expect((await client.pushMessage({ to: user, messages: [flexAtLimit] })).sentMessages).toHaveLength(1);
});

it('accepts a reply token once, and not after it expired', async () => {
  const token = line.issueReplyToken();
  await client.replyMessage({ replyToken: token, messages: [text('first')] });
  const reused = await lineError(client.replyMessage({ replyToken: token, messages: [text('second')] }));
  expect(reused).toMatchObject({ status: 400, body: { message: 'Invalid reply token' } });

  // Any non-empty token (as a webhook in a test may carry) works once, too.
  await client.replyMessage({ replyToken: 'token-from-a-test-webhook', messages: [text('ok')] });
  expect(
    (
      await lineError(
        client.replyMessage({ replyToken: 'token-from-a-test-webhook', messages: [text('again')] }),
      )
    ).status,
  ).toBe(400);

  line.registerReplyToken('expired-token', -1);
  expect(
    (await lineError(client.replyMessage({ replyToken: 'expired-token', messages: [text('late')] }))).body,
  ).toEqual({
    message: 'Invalid reply token',
  });
});

it('answers 409 with the accepted request id when a push retry key is reused', async () => {
  const key = randomUUID();
  const first = await client.pushMessageWithHttpInfo({ to: user, messages: [text('once')] }, key);
  const requestId = first.httpResponse.headers.get('x-line-request-id');
  expect(requestId).toBeTruthy();
  const retried = await lineError(client.pushMessage({ to: user, messages: [text('once')] }, key));
  expect(retried.status).toBe(409);
  expect(retried.headers.get('x-line-accepted-request-id')).toBe(requestId);
  expect(retried.body.sentMessages).toEqual(first.body.sentMessages);
  expect(
    (await lineError(client.pushMessage({ to: user, messages: [text('x')] }, 'not-a-uuid'))).status,
  ).toBe(400);
  expect(line.messages().map((r) => r.status)).toEqual([200, 409, 400]);
});

it('answers 401 for a missing or wrong channel access token', async () => {
  const intruder = new messagingApi.MessagingApiClient({ channelAccessToken: 'wrong', baseURL: line.url });
  const failure = await lineError(intruder.pushMessage({ to: user, messages: [text('x')] }));
  expect(failure.status).toBe(401);
  expect(failure.body.message).toMatch(/Authentication failed/);
  const bare = await fetch(`${line.url}/v2/bot/info`);
  expect(bare.status).toBe(401);
});

it('signs webhook bodies the way LINE does', () => {
  const body = '{"destination":"x","events":[]}';
  const expected = createHmac('sha256', 'line-secret-canary').update(body).digest('base64');
  expect(line.sign(body)).toBe(expected);
});

it('answers injected failures without using up the reply token', async () => {
  const token = line.issueReplyToken();
  line.fail({ path: '/v2/bot/message/reply', status: 500 });
  expect((await lineError(client.replyMessage({ replyToken: token, messages: [text('x')] }))).status).toBe(
    500,
  );
  expect((await client.replyMessage({ replyToken: token, messages: [text('x')] })).sentMessages).toHaveLength(
    1,
  );
  await fetch(`${line.url}/__faults`, {
    method: 'POST',
    body: JSON.stringify({ status: 429, body: { message: 'The API rate limit has been exceeded.' } }),
  });
  const limited = await lineError(client.pushMessage({ to: user, messages: [text('x')] }));
  expect(limited).toMatchObject({ status: 429, body: { message: 'The API rate limit has been exceeded.' } });
  expect(line.messages().map((r) => r.status)).toEqual([500, 200, 429]);
});

const postback = (label: string, data: string, extra = {}) => ({
  type: 'postback' as const,
  label,
  data,
  ...extra,
});
const confirm = (text: string, actions: ReturnType<typeof postback>[]) => ({
  type: 'template' as const,
  altText: 'Approval needed',
  template: { type: 'confirm' as const, text, actions },
});
const buttonBubble = (action: ReturnType<typeof postback>) => ({
  type: 'flex' as const,
  altText: 'report',
  contents: {
    type: 'bubble' as const,
    footer: {
      type: 'box' as const,
      layout: 'vertical' as const,
      contents: [{ type: 'button' as const, action }],
    },
  },
});

it('refuses confirm templates, postbacks, labels and quick replies over LINE limits, naming the property', async () => {
  const yes = postback('Approve', 'kr1|approve|a1');
  const no = postback('Reject', 'kr1|reject|a1');
  const item = { type: 'action' as const, action: { type: 'message' as const, label: 'ok', text: 'ok' } };
  const cases: [string, messagingApi.Message, string][] = [
    ['confirm text 241', confirm('x'.repeat(241), [yes, no]), 'messages[0].template.text'],
    ['confirm with 3 actions', confirm('ok?', [yes, no, no]), 'messages[0].template.actions'],
    ['confirm with 1 action', confirm('ok?', [yes]), 'messages[0].template.actions'],
    [
      'postback data 301',
      confirm('ok?', [yes, postback('No', 'd'.repeat(301))]),
      'messages[0].template.actions[1].data',
    ],
    [
      'template label 21',
      confirm('ok?', [postback('l'.repeat(21), 'd'), no]),
      'messages[0].template.actions[0].label',
    ],
    [
      'flex button label 21',
      buttonBubble(postback('l'.repeat(21), 'd')),
      'messages[0].contents.footer.contents[0].action.label',
    ],
    [
      'displayText 301',
      buttonBubble(postback('ok', 'd', { displayText: 't'.repeat(301) })),
      'messages[0].contents.footer.contents[0].action.displayText',
    ],
    [
      '14 quick replies',
      { ...text('pick'), quickReply: { items: Array.from({ length: 14 }, () => item) } },
      'messages[0].quickReply.items',
    ],
  ];
  for (const [name, message, property] of cases) {
    const failure = await lineError(client.pushMessage({ to: user, messages: [message] }));
    expect(failure.status, name).toBe(400);
    expect(failure.body.details, name).toEqual([{ message: expect.any(String), property }]);
  }
  // At the limits (labels counted as LINE counts them: 20 characters, however many UTF-16 units), LINE accepts.
  const atLimits: messagingApi.Message[] = [
    confirm('x'.repeat(240), [
      postback('🍎'.repeat(20), 'd'.repeat(300), { displayText: 't'.repeat(300) }),
      no,
    ]),
    buttonBubble(postback('l'.repeat(20), 'd'.repeat(300))),
    { ...text('pick'), quickReply: { items: Array.from({ length: 13 }, () => item) } },
  ];
  expect((await client.pushMessage({ to: user, messages: atLimits })).sentMessages).toHaveLength(3);
});

it('accepts the approval card and a report with proposal buttons as the serializers make them', async () => {
  const card: ApprovalMessage = {
    type: 'approval',
    reportId: 'apr_1',
    approvalId: 'apr_1',
    state: 'pending',
    description: `Restart Deployment store/${'漢🍎'.repeat(400)}`,
    action: 'restart',
    target: { kind: 'Deployment', namespace: 'store', name: 'checkout' },
    cluster: 'prod',
    reason: '<!here> crash-looping',
    requestedBy: `line:${user}`,
    expiresAt: '2026-11-23T08:10:00Z',
    notification: 'Approval needed',
  };
  const pushed = await client.pushMessage({ to: user, messages: toLine(card) });
  expect(pushed.sentMessages).toHaveLength(2);
  const report = Report.parse({
    id: 'r1',
    source: 'alertmanager',
    cluster: 'prod',
    scope: { kind: 'alert', namespace: 'shop' },
    startedAt: '2026-11-23T08:00:00Z',
    findings: [],
    summary: 'payment is crash-looping',
    proposals: Array.from({ length: 4 }, (_, i) => ({
      id: `p${i}`,
      action: 'restart',
      target: { kind: 'Deployment', namespace: 'shop', name: `payment-${'x'.repeat(200)}` },
      reason: 'crash-looping',
    })),
  });
  expect(
    (await client.pushMessage({ to: user, messages: toLine(reportMessage(report)) })).sentMessages,
  ).toHaveLength(1);
  expect(line.messages().map((r) => r.status)).toEqual([200, 200]);
});
