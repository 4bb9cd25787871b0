// Slack's two request bodies to the app: the Events API (JSON: url_verification, event_callback) and interactivity
// (form-encoded `payload=` JSON: block_actions). Only what a turn or a press reads is kept; every other field and
// every other type passes through unread, so Slack adding one never refuses a request.
import { z } from 'zod';

/** Channel, user and message ids Slack hands out (`C…`, `D…`, `G…`, `U…`, `W…`) and `ts` values (`1700000000.000100`). */
const SlackId = z.string().regex(/^[A-Za-z0-9]{1,100}$/);
const SlackTs = z.string().regex(/^\d{1,12}(\.\d{1,9})?$/);

/** The inner event of an `event_callback`: an `app_mention`, a `message` (DMs: `channel_type: 'im'`) or any other. */
export const SlackEvent = z.object({
  type: z.string(),
  /** Edits, joins, deletions, the bot's own posts (`bot_message`) carry one: never a turn. */
  subtype: z.string().optional(),
  /** Set on messages a bot (this one included) posted: answering them would loop. */
  bot_id: z.string().optional(),
  user: SlackId.optional(),
  text: z.string().optional(),
  ts: SlackTs.optional(),
  channel: SlackId.optional(),
  /** `im` for a direct message, `channel`, `group`, `mpim` otherwise. */
  channel_type: z.string().optional(),
  /** The thread's first message, when this one was posted in a thread. */
  thread_ts: SlackTs.optional(),
});
export type SlackEvent = z.infer<typeof SlackEvent>;

export const SlackUrlVerification = z.object({
  type: z.literal('url_verification'),
  challenge: z.string().min(1).max(1000),
});

export const SlackEventCallback = z.object({
  type: z.literal('event_callback'),
  /** The same on every retry of the delivery: the chat turn's dedup id. */
  event_id: z.string().regex(/^[A-Za-z0-9]{1,100}$/),
  api_app_id: z.string().optional(),
  /** Who the event is visible to; with a bot token, the bot user itself (`is_bot`). */
  authorizations: z
    .array(z.object({ user_id: z.string().optional(), is_bot: z.boolean().optional() }))
    .optional(),
  /** Deprecated predecessor of `authorizations`, still sent on many apps. */
  authed_users: z.array(z.string()).optional(),
  event: SlackEvent,
});
export type SlackEventCallback = z.infer<typeof SlackEventCallback>;

/** Every body has a `type`; it says which schema reads the rest (types we do not handle are left unread). */
export const SlackTyped = z.object({ type: z.string() });

export const SlackAction = z.object({
  action_id: z.string(),
  block_id: z.string().optional(),
  /** A button's value: ours are `encodePress` values; anything else is ignored. */
  value: z.string().optional(),
  /** When this press happened: two presses of one button differ here, a doubled delivery does not. */
  action_ts: z.string().regex(/^\d{1,12}(\.\d{1,9})?$/),
});
export type SlackAction = z.infer<typeof SlackAction>;

export const SlackBlockActions = z.object({
  type: z.literal('block_actions'),
  user: z.object({ id: SlackId }),
  /**
   * The message the buttons are on: updated later with chat.update on this channel + ts (response_url expires).
   * A modal's buttons have a `view` container with neither: none of ours, ignored.
   */
  container: z.object({
    type: z.string().optional(),
    channel_id: SlackId.optional(),
    message_ts: SlackTs.optional(),
  }),
  message: z.object({ ts: SlackTs.optional(), thread_ts: SlackTs.optional() }).optional(),
  actions: z.array(SlackAction).max(25),
});
export type SlackBlockActions = z.infer<typeof SlackBlockActions>;
