// LINE's webhook body (Messaging API `webhook.yml`): the destination bot and its events. Only what a chat turn
// reads is kept; any other event type or field passes through unread, so LINE adding one never refuses a body.
import { z } from 'zod';

export const LineSource = z.discriminatedUnion('type', [
  z.object({ type: z.literal('user'), userId: z.string().min(1) }),
  // In a group or room the sender's userId comes with message events only (and not for every user).
  z.object({ type: z.literal('group'), groupId: z.string().min(1), userId: z.string().min(1).optional() }),
  z.object({ type: z.literal('room'), roomId: z.string().min(1), userId: z.string().min(1).optional() }),
]);
export type LineSource = z.infer<typeof LineSource>;

export const LineMentionee = z.object({
  /** Where the mention is in the text, in UTF-16 units (as JavaScript strings count). */
  index: z.number().int().nonnegative(),
  length: z.number().int().nonnegative(),
  /** True for a mention of this bot. */
  isSelf: z.boolean().optional(),
});

export const LineMessage = z.object({
  id: z.string().optional(),
  type: z.string(),
  /** Text messages only. */
  text: z.string().optional(),
  mention: z.object({ mentionees: z.array(LineMentionee) }).optional(),
});

export const LineEvent = z.object({
  type: z.string(),
  /** A ULID, the same on every redelivery of the event: the chat turn's dedup id. */
  webhookEventId: z.string().regex(/^[A-Za-z0-9]{1,100}$/),
  deliveryContext: z.object({ isRedelivery: z.boolean() }).optional(),
  /** When the event happened, in ms since the epoch. */
  timestamp: z.number().int().nonnegative(),
  source: LineSource.optional(),
  replyToken: z.string().optional(),
  message: LineMessage.optional(),
  /** A postback action (an approval card's button): its `data` is a press (`kr1|approve|<id>`), untrusted. */
  postback: z.object({ data: z.string() }).optional(),
});
export type LineEvent = z.infer<typeof LineEvent>;

export const LineWebhook = z.object({
  /** The bot's own user id. */
  destination: z.string(),
  /** Empty when LINE checks the webhook URL (the console's "Verify"): answered 200 like any other. */
  events: z.array(LineEvent),
});
export type LineWebhook = z.infer<typeof LineWebhook>;
