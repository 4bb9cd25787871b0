// POST /api/chat: one conversation turn for scripts and other front ends, answered as JSON. Bearer CHAT_API_TOKEN;
// the same commands and memory (keyed by session) as LINE and Slack. A write is only proposed here: an approval
// can be requested through the API but is granted only by an approver in LINE or Slack.
import { Hono } from 'hono';
import { z } from 'zod';
import { approvalMessage } from '../../lib/approvals/index.ts';
import { destinationKey } from '../../lib/chat/index.ts';
import { withoutProposedText } from '../../lib/conversation/index.ts';
import { bearer, type EdgeEnv, jsonBody, rawBody } from '../../lib/edge/index.ts';
import { converse, type JobDeps, type ReplyTarget, type TurnAnswer } from '../../lib/jobs/index.ts';
import { alertTargets, jobDeps } from '../adapters.ts';

/** 5,000 characters of Chinese are 15 KB of UTF-8; the rest is the JSON around them. */
export const MAX_CHAT_API_BODY = 32 * 1024;

export const ChatApiRequest = z.object({
  /** The caller's conversation: the same session remembers what was listed before ("that crashing one"). */
  session: z.string().regex(/^[A-Za-z0-9._:-]{1,100}$/, '1–100 characters of letters, digits and . _ : -'),
  text: z.string().trim().min(1, 'say something').max(5000, 'at most 5,000 characters'),
});
export type ChatApiRequest = z.infer<typeof ChatApiRequest>;

/** Where an approval asked through the API was posted for an approver to press, and where it could not be. */
interface Posted {
  postedTo: string[];
  notPosted: { to: string; error: string }[];
}

/**
 * An approval asked through the API is granted only in a chat: its card goes to every chat configured for alerts
 * (where the approvers are). A chat that cannot be reached is named in the answer; the approval stands for the others.
 */
async function postCard(answer: TurnAnswer, deps: JobDeps, targets: ReplyTarget[]): Promise<Posted> {
  const posted: Posted = { postedTo: [], notPosted: [] };
  const { approval } = answer;
  if (!approval || !deps.say) return posted;
  const card = approvalMessage(approval, 'pending', {
    text: withoutProposedText(answer.text, approval.description),
  });
  for (const target of targets) {
    const to = destinationKey(target);
    try {
      await deps.say(target, card);
      posted.postedTo.push(to);
    } catch (error) {
      posted.notPosted.push({
        to,
        error: String(error instanceof Error ? error.message : error).slice(0, 200),
      });
    }
  }
  return posted;
}

/** What the caller gets: the phone-sized text and the structured parts behind it. */
function answerBody(answer: TurnAnswer, posted?: Posted) {
  const { text, command, cluster, proposal, report, approval } = answer;
  return {
    text,
    command,
    cluster,
    ...(proposal ? { proposal } : {}),
    ...(approval
      ? {
          approval: {
            id: approval.id,
            description: approval.description,
            expiresAt: approval.expiresAt,
            approvers: approval.approvers.length,
            ...posted,
          },
        }
      : {}),
    ...(report
      ? { report: { id: report.id, summary: report.summary, findings: report.findings.length } }
      : {}),
  };
}

export const chat = new Hono<EdgeEnv>().post(
  '/',
  bearer('CHAT_API_TOKEN'),
  rawBody(MAX_CHAT_API_BODY),
  jsonBody(ChatApiRequest),
  async (c) => {
    const { config, payload } = c.var;
    const deps = jobDeps(config, c.req.url);
    const targets = alertTargets(config);
    // Not the last attempt: the caller retries a turn whose memory could not be read (500), rather than being
    // answered without it.
    const answer = await converse(
      {
        id: `api-${crypto.randomUUID()}`,
        conversation: `api:${payload.session}`,
        user: { channel: 'api', id: payload.session },
        text: payload.text,
        cluster: config.CLUSTER_NAME,
        // An approval's card, and later its outcome, go to the chats where approvers are.
        replyTo: targets,
      },
      deps,
      { finalAttempt: false },
    );
    if (answer.command === 'rate-limited') {
      const seconds = answer.retryAfterSeconds ?? 60;
      return c.json({ error: answer.text, ...answerBody(answer), retryAfterSeconds: seconds }, 429, {
        'retry-after': String(seconds),
      });
    }
    return c.json(answerBody(answer, await postCard(answer, deps, targets)));
  },
);
