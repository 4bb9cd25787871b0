// The parts of a queue message every job kind shares: one versioned Job per unit of work, never carrying credentials.
import { z } from 'zod';
import { channelNames } from '../chat/index.ts';
import { locales } from '../locale/index.ts';

/** Where a job's message goes (lib/chat's Destination): a chat, a conversation, and the message it answers. */
export const ReplyTarget = z.preprocess(
  // Jobs queued before the channel port called a Slack thread `threadTs`; they are still delivered to it.
  (value) => {
    if (!value || typeof value !== 'object' || !('threadTs' in value)) return value;
    const { threadTs, ...rest } = value as Record<string, unknown>;
    return { thread: threadTs, ...rest };
  },
  z.object({
    channel: z.enum(channelNames),
    to: z.string().min(1),
    /** The message this one answers (Slack: the thread's `ts`). */
    thread: z.string().optional(),
    /** LINE: the webhook event's single-use reply token (the adapter reads it as `LineDestination`). */
    replyToken: z.string().min(1).optional(),
    /** LINE: when the event happened (ms since the epoch): a reply token is used only while it is fresh. */
    receivedAt: z.number().int().nonnegative().optional(),
    /** Whether people are notified (lib/chat's Destination): true for an escalation, false for a quiet line. */
    notify: z.boolean().optional(),
    /** The language configured for this chat (`?lang=` on the target); messages without a reader use it. */
    lang: z.enum(locales).optional(),
  }),
);
export type ReplyTarget = z.infer<typeof ReplyTarget>;

export const JobAlert = z.object({
  name: z.string(),
  status: z.enum(['firing', 'resolved']),
  severity: z.string().optional(),
  labels: z.record(z.string(), z.string()),
  annotations: z.record(z.string(), z.string()),
  startsAt: z.string(),
  fingerprint: z.string(),
  generatorURL: z.string().optional(),
});
export type JobAlert = z.infer<typeof JobAlert>;

/** What every job carries, whatever its kind (each kind's file extends it with its `kind` and payload). */
export const JobBase = z.object({
  v: z.literal(1),
  /** Derived from the event, so a redelivery is recognised (QStash dedup id and the worker's idempotency key). */
  id: z.string().regex(/^[A-Za-z0-9._:-]{1,200}$/),
  createdAt: z.string(),
  cluster: z.string(),
  replyTo: z.array(ReplyTarget),
});
