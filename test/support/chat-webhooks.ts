// Signs and posts LINE and Slack webhooks to the local stack's Worker the way the platforms do, and reads back what
// the LINE fake delivered and what the cluster's Deployments say — the helpers every chat e2e test and the bench share.
import { createHmac } from 'node:crypto';
import type { Stack } from '../../infra/stack/stack.ts';
import { type RecordedRequest, recorded } from './messages.ts';

/** LINE's `x-line-signature`: base64 HMAC-SHA256 of the body with the channel secret. */
export const lineSignature = (stack: Stack, body: string) =>
  createHmac('sha256', stack.info.secrets.lineChannelSecret).update(body).digest('base64');

/** Posts a LINE webhook body to the Worker, signed (or with the signature given, to forge one). */
export function postLine(
  stack: Stack,
  body: string,
  signature = lineSignature(stack, body),
): Promise<Response> {
  return fetch(`${stack.info.worker}/events/line`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-line-signature': signature },
    body,
  });
}

/** A LINE webhook body carrying these events (none: LINE's verify request). */
export const lineWebhook = (...events: unknown[]) => JSON.stringify({ destination: 'Ubot', events });

// Reply tokens are `rt<event id>`, so a test can tell whom a reply answered.
const lineEventBase = (userId: string, webhookEventId: string, isRedelivery: boolean) => ({
  mode: 'active',
  timestamp: Date.now(),
  webhookEventId,
  deliveryContext: { isRedelivery },
  source: { type: 'user', userId },
  replyToken: `rt${webhookEventId.toLowerCase()}`,
});

/** A one-on-one text message from `userId`, as LINE delivers it. */
export const lineTextEvent = (
  userId: string,
  text: string,
  webhookEventId: string,
  isRedelivery = false,
) => ({
  type: 'message',
  ...lineEventBase(userId, webhookEventId, isRedelivery),
  message: { id: String(Date.now()), type: 'text', quoteToken: 'q', text },
});

/** A press of a postback button (an approval card's Approve) by `userId`, as LINE delivers it. */
export const linePostbackEvent = (
  userId: string,
  data: string,
  webhookEventId: string,
  isRedelivery = false,
) => ({
  type: 'postback',
  ...lineEventBase(userId, webhookEventId, isRedelivery),
  postback: { data },
});

export interface LineAnswer {
  request: RecordedRequest;
  /** The pushed-to user, or the owner of the reply token (`?` when unknown). */
  to: string;
  /** Everything shown as text: text messages, a template's text, a Flex message's alternative text. */
  text: string;
  /** Only the text messages' texts. */
  plainText: string;
  messages: Record<string, unknown>[];
}

/** The status a fake answered a recorded call with. */
export const statusOf = (request: RecordedRequest) =>
  (request as RecordedRequest & { status?: number }).status;

/**
 * Everything LINE accepted to send (replies and pushes answered 200; a refused call, such as a spent reply token,
 * is recorded too, with LINE's status). `tokenOwners` maps reply tokens to the users whose events carried them.
 */
export async function lineAnswers(
  stack: Stack,
  tokenOwners: ReadonlyMap<string, string> = new Map(),
): Promise<LineAnswer[]> {
  return (await recorded(stack.info.line))
    .filter((r) => ['/v2/bot/message/reply', '/v2/bot/message/push'].includes(r.path) && statusOf(r) === 200)
    .map((request) => {
      const messages = request.body.messages as Record<string, unknown>[];
      const token = request.body.replyToken as string | undefined;
      const to =
        (request.body.to as string | undefined) ?? (token ? tokenOwners.get(token) : undefined) ?? '?';
      const text = messages
        .map((m) => String(m.text ?? (m.template as { text?: string })?.text ?? m.altText ?? ''))
        .join('\n');
      const plainText = messages.map((m) => (m.text as string | undefined) ?? '').join('\n');
      return { request, to, text, plainText, messages };
    });
}

/** Posts a Slack delivery to the Worker signed as Slack does (`v0:` HMAC); `headers` add to or override the defaults. */
export function postSlack(
  stack: Stack,
  body: string,
  headers: Record<string, string> = {},
): Promise<Response> {
  const timestamp = Math.floor(Date.now() / 1000);
  const signature = createHmac('sha256', stack.info.secrets.slackSigningSecret)
    .update(`v0:${timestamp}:${body}`)
    .digest('hex');
  return fetch(`${stack.info.worker}/events/slack`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': `v0=${signature}`,
      ...headers,
    },
    body,
  });
}

/** An Events API delivery of `event` to the app whose bot user is `bot`. */
export const slackEventDelivery = (event: Record<string, unknown>, eventId: string, bot = 'U0FAKEBOT') =>
  JSON.stringify({
    token: 'legacy-verification-token',
    team_id: 'T0FAKETEAM',
    api_app_id: 'A0FAKEAPP',
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: 'T0FAKETEAM', user_id: bot, is_bot: true, is_enterprise_install: false }],
    event: { event_ts: event.ts, ...event },
  });

/** The content type of an interactivity delivery (a button press). */
export const SLACK_FORM = { 'content-type': 'application/x-www-form-urlencoded' };

/** A `block_actions` interactivity form: `user` pressed one button of the card at `messageTs` in `channel`. */
export const slackActionsForm = (press: {
  user: string;
  channel: string;
  messageTs: string;
  threadTs?: string;
  actionId: string;
  value: string;
  actionTs: string;
}) =>
  `payload=${encodeURIComponent(
    JSON.stringify({
      type: 'block_actions',
      user: { id: press.user },
      container: { type: 'message', message_ts: press.messageTs, channel_id: press.channel },
      message: { ts: press.messageTs, thread_ts: press.threadTs },
      actions: [{ type: 'button', action_id: press.actionId, value: press.value, action_ts: press.actionTs }],
    }),
  )}`;

/** The Deployment's `kubectl.kubernetes.io/restartedAt` annotation in the stack's cluster (set by a restart). */
export async function restartedAt(
  stack: Stack,
  namespace: string,
  name: string,
): Promise<string | undefined> {
  const deployment = (await (
    await fetch(`${stack.info.cluster}/apis/apps/v1/namespaces/${namespace}/deployments/${name}`)
  ).json()) as { spec: { template: { metadata?: { annotations?: Record<string, string> } } } };
  return deployment.spec.template.metadata?.annotations?.['kubectl.kubernetes.io/restartedAt'];
}
