// From a LINE webhook event to a chat-turn Job: a text message to the bot (in a group or room, only one that
// mentions it, the mention taken out), named by the event so a redelivery is the same job.
import type { ChatTurnJob } from '../../jobs/index.ts';
import type { LineEvent, LineSource } from './payload.ts';

export interface LineTurnOptions {
  /** The cluster a conversation reads until it says /use (CLUSTER_NAME). */
  cluster: string;
  now: Date;
}

/** The chat the answer goes to and the conversation's id, e.g. `line:group:C…`. */
export function chatOf(source: LineSource): { to: string; conversation: string } {
  const to =
    source.type === 'user' ? source.userId : source.type === 'group' ? source.groupId : source.roomId;
  return { to, conversation: `line:${source.type}:${to}` };
}

/** The text with the bot's own mentions cut out (LINE counts their index and length in UTF-16 units). */
export function withoutSelfMentions(event: LineEvent): string {
  const text = event.message?.text ?? '';
  const mine = (event.message?.mention?.mentionees ?? [])
    .filter((mentionee) => mentionee.isSelf)
    .sort((a, b) => b.index - a.index);
  let rest = text;
  for (const { index, length } of mine) rest = `${rest.slice(0, index)} ${rest.slice(index + length)}`;
  return rest.replace(/\s+/g, ' ').trim();
}

const mentionsBot = (event: LineEvent) => event.message?.mention?.mentionees.some((m) => m.isSelf) ?? false;

/** The chat turn an event is, or undefined: not a text message, or a group message not addressed to the bot. */
export function lineTurn(event: LineEvent, options: LineTurnOptions): ChatTurnJob | undefined {
  const { source, message } = event;
  if (event.type !== 'message' || message?.type !== 'text' || !source) return undefined;
  if (source.type !== 'user' && !mentionsBot(event)) return undefined;
  // A bare mention is still a turn: the engine answers it with what it understands.
  const text = withoutSelfMentions(event);
  const { to, conversation } = chatOf(source);
  return {
    v: 1,
    kind: 'chat-turn',
    id: `line-${event.webhookEventId}`,
    createdAt: options.now.toISOString(),
    cluster: options.cluster,
    conversation,
    // Without the sender's id (a group member LINE does not name) the chat itself is who asked.
    user: { channel: 'line', id: source.userId ?? to },
    text: text.slice(0, 5000),
    replyTo: [
      {
        channel: 'line',
        to,
        ...(event.replyToken ? { replyToken: event.replyToken } : {}),
        receivedAt: event.timestamp,
      },
    ],
  };
}
