// The chat-turn job: one message a person sent the bot, answered once (see converse.ts) through the chat it came from.
import { z } from 'zod';
import { approvalDescription, approvalMessage } from '../approvals/index.ts';
import { channelNames, textMessage, withReportUrl } from '../chat/index.ts';
import { withoutProposedText } from '../conversation/index.ts';
import { converse } from './converse.ts';
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
  /** An alert message's action button was pressed: propose that stored report's proposal (an approval card). */
  press: z
    .object({
      report: z.string().regex(/^[A-Za-z0-9._-]{1,100}$/),
      proposal: z.string().regex(/^[A-Za-z0-9._-]{1,100}$/),
    })
    .optional(),
});
export type ChatTurnJob = z.infer<typeof ChatTurnJob>;

export type ChatTurnOutcome =
  | { status: 'answered'; command: string; delivered: string[]; proposal?: true; approval?: true }
  | { status: 'duplicate' }
  | { status: 'busy' };

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
  // Asked here, not in the webhook (which answers LINE and Slack at once); a /lang still comes first.
  const profileLanguage = await deps.profileLanguage?.(job.user);
  const answer = await converse({ ...job, ...(profileLanguage ? { profileLanguage } : {}) }, deps, attempt);
  // A proposal waiting for approval goes out as its card (the answer above it); anything else as the text.
  const message = answer.approval
    ? {
        ...approvalMessage(answer.approval, 'pending', {
          text: withoutProposedText(answer.text, approvalDescription(answer.approval), answer.locale),
        }),
        reportId: job.id,
      }
    : textMessage(job.id, answer.text);
  // A /diagnose answer links to its report's page (the whole report behind the phone-sized text).
  const link = answer.report && deps.reportLink ? await deps.reportLink(answer.report.id) : undefined;
  const linked = withReportUrl(message, link);
  const sent = await deliverOnce(deps.ledger, job.id, job.replyTo, (target) => say(target, linked));
  return {
    status: 'answered',
    command: answer.command,
    delivered: sent.map(({ key }) => key),
    ...(answer.proposal ? { proposal: true as const } : {}),
    ...(answer.approval ? { approval: true as const } : {}),
  };
}

export const chatTurn = defineJobKind({
  kind: 'chat-turn',
  schema: ChatTurnJob,
  run: runChatTurnJob,
});
