// LINE as a Channel: a reply token while it is fresh, else a push whose retry key makes a retried job send once.
// LINE has no threads and cannot edit a message: a reply and an update are new pushes to the same chat.
import { HTTPFetchError, messagingApi } from '@line/bot-sdk';
import { requireSettings } from '../../config/index.ts';
import { type Channel, type Destination, defineChannel, type MessageRef } from '../channel.ts';
import type { ChatMessage } from '../message.ts';
import { toLine, toLineShort } from './flex.ts';
import { retryKey } from './retry-key.ts';

/** The calls the adapter makes (`messagingApi.MessagingApiClient` has them; tests may pass their own). */
export type LineClient = Pick<messagingApi.MessagingApiClient, 'pushMessage' | 'replyMessage'>;

/**
 * A LINE conversation as a webhook event gives it: the event's reply token and when the event happened.
 * The token is single-use and short-lived, so it is used only while the event is younger than `replyWindowMs`.
 */
export interface LineDestination extends Destination {
  replyToken?: string;
  /** The webhook event's `timestamp` (ms since the epoch). */
  receivedAt?: number;
}

/** A Channel whose `post` also takes the reply token of the event it answers. */
export interface LineChannel extends Channel {
  post(to: LineDestination, message: ChatMessage): Promise<MessageRef | undefined>;
}

export interface LineChannelOptions {
  /** How long after the event a reply token is still used (default 50 s; LINE's last about a minute). */
  replyWindowMs?: number;
  now?: () => number;
  /** Where the one JSON line about a spent quota goes (default `console.warn`). */
  log?: (line: string) => void;
}

/** LINE refused a push with 429: its rate limit or, more likely for a bot, the monthly message quota. */
export class LineQuotaError extends Error {
  constructor(readonly to: string) {
    super(
      `LINE answered 429 to a push to ${to}: the monthly message quota may be spent (or the rate limit hit); not retried here`,
    );
    this.name = 'LineQuotaError';
  }
}

const DEFAULT_REPLY_WINDOW_MS = 50_000;

function lineStatus(error: unknown): number | undefined {
  return error instanceof HTTPFetchError ? error.status : undefined;
}

function sentIds(body: unknown): string[] {
  const sent = (body as { sentMessages?: { id?: unknown }[] } | null)?.sentMessages;
  return Array.isArray(sent) ? sent.flatMap((m) => (typeof m?.id === 'string' ? [m.id] : [])) : [];
}

const refOf = (to: Destination, body: unknown): MessageRef | undefined => {
  const [id] = sentIds(body);
  return id ? { channel: to.channel, to: to.to, id } : undefined;
};

export function lineChannel(client: LineClient, options: LineChannelOptions = {}): LineChannel {
  const replyWindowMs = options.replyWindowMs ?? DEFAULT_REPLY_WINDOW_MS;
  const now = options.now ?? Date.now;
  const log = options.log ?? ((line: string) => console.warn(line));
  // After a 429 every message of this adapter goes out in the short text form: fewer units, less to lose.
  let quotaLow = false;

  const push = async (to: Destination, identity: string, messages: messagingApi.Message[]) => {
    const key = await retryKey(identity);
    try {
      // A quiet line (an incident's update that is not an escalation) arrives without a notification.
      const quiet = to.notify === false ? { notificationDisabled: true } : {};
      return refOf(to, await client.pushMessage({ to: to.to, messages, ...quiet }, key));
    } catch (error) {
      // 409: a push with this key was already accepted (a retried job): it was sent once, which is success.
      if (lineStatus(error) === 409) {
        const body = error instanceof HTTPFetchError ? safeJson(error.body) : undefined;
        return refOf(to, body);
      }
      if (lineStatus(error) === 429) {
        quotaLow = true;
        log(
          JSON.stringify({
            msg: 'LINE push rate limited: the monthly message quota may be spent; next messages are short',
            to: to.to,
            retryKey: key,
          }),
        );
        throw new LineQuotaError(to.to);
      }
      throw error;
    }
  };

  const send = async (to: LineDestination, identity: string, messages: messagingApi.Message[]) => {
    const { replyToken, receivedAt } = to;
    if (replyToken && receivedAt !== undefined && now() - receivedAt < replyWindowMs) {
      try {
        return refOf(to, await client.replyMessage({ replyToken, messages }));
      } catch (error) {
        // A used or expired token is LINE's 400 "Invalid reply token": the message goes by push instead.
        if (!(error instanceof HTTPFetchError && error.status === 400 && /reply token/i.test(error.body)))
          throw error;
      }
    }
    return push(to, identity, messages);
  };

  const messagesOf = (message: ChatMessage, prefix?: string) =>
    quotaLow || prefix ? toLineShort(message, prefix) : toLine(message);

  return {
    // A job's sendKey outlives its redeliveries (each makes a new report id): a retried push has the same key.
    post: (to, message) =>
      send(to, to.sendKey ?? `${to.to}:${message.reportId}:${message.type}`, messagesOf(message)),
    // No threads in LINE: the answer is the next message in the same chat.
    reply: (parent, message) =>
      send(
        {
          channel: parent.channel,
          to: parent.to,
          ...(parent.notify !== undefined ? { notify: parent.notify } : {}),
        },
        `${parent.to}:${message.reportId}:${message.type}`,
        messagesOf(message),
      ),
    // LINE cannot edit a sent message: the change goes out as a short note after it.
    async update(ref, message) {
      const state = message.type === 'report' ? message.severity : message.type;
      await push(
        { channel: ref.channel, to: ref.to },
        `${ref.to}:${message.reportId}:update:${ref.id}:${state}`,
        messagesOf(message, 'Update: '),
      );
    },
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The ids in `LINE_ALERT_TO`: comma-separated user (U…), group (C…) or room (R…) ids. */
export const lineAlertRecipients = (setting: string | undefined): string[] =>
  (setting ?? '')
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id !== '');

/** LINE as configured: LINE_CHANNEL_ACCESS_TOKEN, LINE_API_URL for the local fake, LINE_ALERT_TO for alerts. */
export const line = defineChannel({
  name: 'line',
  fromConfig(config) {
    const settings = requireSettings(config, ['LINE_CHANNEL_ACCESS_TOKEN'], 'sending to LINE');
    return lineChannel(
      new messagingApi.MessagingApiClient({
        channelAccessToken: settings.LINE_CHANNEL_ACCESS_TOKEN,
        ...(settings.LINE_API_URL ? { baseURL: settings.LINE_API_URL } : {}),
      }),
    );
  },
  alertSettings: ['LINE_CHANNEL_ACCESS_TOKEN', 'LINE_ALERT_TO'],
  alertDestinations: (config) =>
    config.LINE_CHANNEL_ACCESS_TOKEN
      ? lineAlertRecipients(config.LINE_ALERT_TO).map((to) => ({ channel: 'line' as const, to }))
      : [],
});
