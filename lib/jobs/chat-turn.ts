// The chat-turn job: one message a person sent the bot, answered once by the commands engine (read-only; a write
// command only proposes) with the conversation's memory loaded before and stored after.
import { z } from 'zod';
import { channelNames, textMessage } from '../chat/index.ts';
import { type ConversationContext, emptyContext, parseCommand, runCommand } from '../conversation/index.ts';
import type { ReportSource } from '../report/index.ts';
import type { Conversation } from '../store/index.ts';
import { defineJobKind } from './kind.ts';
import { deliverOnce, runOnce } from './once.ts';
import { JobBase } from './schema.ts';
import type { AttemptInfo, JobDeps } from './types.ts';

export const ChatTurnJob = JobBase.extend({
  kind: z.literal('chat-turn'),
  /** The chat conversation whose memory the turn reads and extends, e.g. `line:user:U…`, `line:group:C…`. */
  conversation: z.string().min(1).max(200),
  /** Who spoke: the reader acts (and is audited) as `<channel>:<id>`. */
  user: z.object({ channel: z.enum(channelNames), id: z.string().min(1).max(100) }),
  /** What they said, the bot's mention already taken out. */
  text: z.string().max(5000),
});
export type ChatTurnJob = z.infer<typeof ChatTurnJob>;

export type ChatTurnOutcome =
  | { status: 'answered'; command: string; delivered: string[]; proposal?: true }
  | { status: 'duplicate' }
  | { status: 'busy' };

/** CHAT_MEMORY_TTL_SECONDS' default: an hour after the last turn, "that crashing one" means nothing any more. */
const DEFAULT_CHAT_MEMORY_TTL_SECONDS = 3600;
const REPORT_TTL_SECONDS = 7 * 86_400;

export async function runChatTurnJob(
  job: ChatTurnJob,
  deps: JobDeps,
  attempt: AttemptInfo = { finalAttempt: false },
): Promise<ChatTurnOutcome> {
  return runOnce(deps.ledger, job.id, deps.lockSeconds ?? 120, () => answerTurn(job, deps, attempt));
}

async function answerTurn(job: ChatTurnJob, deps: JobDeps, attempt: AttemptInfo): Promise<ChatTurnOutcome> {
  const say = deps.say;
  if (!say) throw new Error('chat-turn needs a chat channel to answer through (JobDeps.say)');
  const now = deps.now?.() ?? new Date();
  const stored = await loadConversation(job, deps, attempt);
  const context: ConversationContext = stored?.context ?? emptyContext();
  const cluster = context.cluster ?? job.cluster;
  const parsed = parseCommand(job.text);
  const result = await runCommand(parsed, {
    reader: deps.readerFor(cluster, `${job.user.channel}:${job.user.id}`),
    context,
    cluster,
    now,
    ...(deps.clusterNames ? { clusters: deps.clusterNames } : {}),
    source: job.user.channel satisfies ReportSource,
  });
  if (result.report) await deps.reports.save(result.report, deps.reportTtlSeconds ?? REPORT_TTL_SECONDS);
  // Stored before the answer goes out: the person's next message, sent on reading it, finds the new context.
  await saveConversation(job, deps, stored, result.context, result.reply.text, now);
  const message = textMessage(job.id, result.reply.text);
  const sent = await deliverOnce(deps.ledger, job.id, job.replyTo, (target) => say(target, message));
  return {
    status: 'answered',
    command: 'command' in parsed ? parsed.command : 'unknown',
    delivered: sent.map(({ key }) => key),
    ...(result.proposal ? { proposal: true as const } : {}),
  };
}

/** The conversation so far; on the last delivery a memory that cannot be read is an empty one, not silence. */
async function loadConversation(
  job: ChatTurnJob,
  deps: JobDeps,
  attempt: AttemptInfo,
): Promise<Conversation | undefined> {
  if (!deps.conversations) return undefined;
  try {
    return await deps.conversations.get(job.conversation);
  } catch (error) {
    if (!attempt.finalAttempt) throw error;
    return undefined;
  }
}

async function saveConversation(
  job: ChatTurnJob,
  deps: JobDeps,
  stored: Conversation | undefined,
  context: ConversationContext,
  answer: string,
  now: Date,
): Promise<void> {
  if (!deps.conversations) return;
  const at = now.toISOString();
  const conversation: Conversation = {
    ...(stored ?? { id: job.conversation, turns: [] }),
    context,
    turns: [
      ...(stored?.turns ?? []),
      { role: 'user', text: job.text, at },
      { role: 'assistant', text: answer, at },
    ],
  };
  await deps.conversations.set(conversation, deps.chatMemoryTtlSeconds ?? DEFAULT_CHAT_MEMORY_TTL_SECONDS);
}

export const chatTurn = defineJobKind({
  kind: 'chat-turn',
  schema: ChatTurnJob,
  run: runChatTurnJob,
});
