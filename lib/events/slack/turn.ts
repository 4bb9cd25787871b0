// From a Slack event to a chat-turn Job: a mention of the bot in a channel (answered in the thread of the message
// that asked) or a direct message (answered in the DM), the bot's mention taken out, named by the event so a
// retried delivery is the same job. Bots' messages and every subtype (edits, joins, the bot's own posts) are none.
import type { ChatTurnJob } from '../../jobs/index.ts';
import type { SlackEventCallback } from './payload.ts';

export interface SlackTurnOptions {
  /** The cluster a conversation reads until it says /use (CLUSTER_NAME). */
  cluster: string;
  now: Date;
}

/** `<@U123>` or `<@U123|name>`: a user mention as Slack encodes it in `text`. */
const MENTION = /<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/g;

/** The bot's own user ids: whoever the event was authorized for (a bot token's `authorizations` is the bot). */
export function botUserIds(body: SlackEventCallback): Set<string> {
  const ids = (body.authorizations ?? []).flatMap((a) =>
    a.is_bot !== false && a.user_id ? [a.user_id] : [],
  );
  return new Set([...ids, ...(body.authed_users ?? [])]);
}

/** Slack escapes exactly these three in message text; the commands engine wants what the person typed. */
const unescapeSlack = (text: string) =>
  text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/**
 * The text without the bot's mentions. When Slack names no bot user (no `authorizations`), a mention's leading
 * `<@U…>` is the bot: Slack sends app_mention only for text that mentions it, and people start with it.
 */
export function withoutBotMentions(text: string, bot: ReadonlySet<string>, leadingIsBot: boolean): string {
  let rest = text.replace(MENTION, (mention, id: string) => (bot.has(id) ? ' ' : mention));
  if (leadingIsBot && bot.size === 0) rest = rest.replace(/^\s*<@[UW][A-Z0-9]+(?:\|[^>]*)?>/, ' ');
  return unescapeSlack(rest).replace(/\s+/g, ' ').trim();
}

/** The chat turn an event is, or undefined: another event type, a bot's message, a subtype, a non-DM message. */
export function slackTurn(body: SlackEventCallback, options: SlackTurnOptions): ChatTurnJob | undefined {
  const { event } = body;
  if (event.bot_id || event.subtype) return undefined;
  const mention = event.type === 'app_mention';
  const direct = event.type === 'message' && event.channel_type === 'im';
  if (!(mention || direct) || !event.user || !event.channel || !event.ts) return undefined;
  const text = withoutBotMentions(event.text ?? '', botUserIds(body), mention);
  // A mention opens (or continues) a thread under the message that asked; its memory is that thread's. A DM is
  // one conversation like LINE's one-on-one chat, answered in the DM, threaded only where the person threaded.
  const thread = mention ? (event.thread_ts ?? event.ts) : event.thread_ts;
  return {
    v: 1,
    kind: 'chat-turn',
    id: `slack-${body.event_id}`,
    createdAt: options.now.toISOString(),
    cluster: options.cluster,
    conversation: mention ? `slack:${event.channel}:${thread}` : `slack:${event.channel}`,
    user: { channel: 'slack', id: event.user },
    text: text.slice(0, 5000),
    replyTo: [{ channel: 'slack', to: event.channel, ...(thread ? { thread } : {}) }],
  };
}
