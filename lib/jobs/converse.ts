// One turn of a conversation, wherever it came from (a LINE or Slack chat-turn job, the REST API): the memory
// loaded, the commands engine run (read-only; a write command only proposes), the memory stored. Sending the
// answer is the caller's: a job sends it once through the chat, the REST API answers it as JSON.
import { ActionError } from '../actions/index.ts';
import { approvalDescription, DEFAULT_APPROVAL_TTL_SECONDS, requestApproval } from '../approvals/index.ts';
import type { ChannelName } from '../chat/index.ts';
import {
  answerFreeText,
  type CommandResult,
  type ConversationContext,
  DEFAULT_CHAT_MEMORY_TOKENS,
  emptyContext,
  forTheModel,
  historyFor,
  parseCommand,
  proposedText,
  rateLimitedText,
  runCommand,
  type TurnDecision,
  withinBudget,
} from '../conversation/index.ts';
import { t } from '../i18n/index.ts';
import { answerLocale, type Locale } from '../locale/index.ts';
import type { Proposal, Report, ReportSource } from '../report/index.ts';
import type { Conversation, PendingApproval } from '../store/index.ts';
import type { ReplyTarget } from './schema.ts';
import type { AttemptInfo, JobDeps } from './types.ts';

/** What a person said, and where. */
export interface Turn {
  /** Names the turn (the chat-turn job id): a retry is the same turn. */
  id: string;
  /** The memory's key: `line:user:U…`, `slack:C…:<thread ts>`, `api:<session>`. */
  conversation: string;
  /** Who spoke; reads are signed (and audited) as `<channel>:<id>`. */
  user: { channel: ChannelName | 'api'; id: string };
  text: string;
  /** The cluster until the conversation says /use. */
  cluster: string;
  /** Where the answer goes: an approval's card, and later its outcome. */
  replyTo?: ReplyTarget[];
  /** An alert message's action button: ask for an approval of that stored report's proposal. */
  press?: { report: string; proposal: string };
  /** The speaker's language as their chat profile gives it (LINE profile `language`, Slack `locale`). */
  profileLanguage?: string;
  /** The language configured for the chat it came from (the routing target's `lang`). */
  destinationLocale?: Locale;
}

export interface TurnAnswer {
  /** Phone-sized, redacted text. */
  text: string;
  /** The command that ran (`pods`, `restart`, …), `agent` when the model answered, `unknown` when none did. */
  command: string;
  /** A write command's proposal: nothing ran; an approval card asks for it. */
  proposal?: Proposal;
  /** /diagnose's report (stored for its page and follow-ups). */
  report?: Report;
  /** The cluster the turn read. */
  cluster: string;
  /** The approval the proposal now waits for (when approvals are configured): its card replaces the text. */
  approval?: PendingApproval;
  /** With command `rate-limited`: the person may send again in about this many seconds. */
  retryAfterSeconds?: number;
  /** The language the answer is in (and the approval card). */
  locale: Locale;
}

/** The language of this turn's answer (lib/locale's order); `chosen` is what the conversation's /lang said. */
function turnLocale(turn: Turn, deps: JobDeps, chosen?: Locale): Locale {
  // A command's Latin words (`/logs payment shop`) say nothing of the speaker's language; its Chinese alias does.
  const written = turn.text.startsWith('/') && !/\p{Script=Han}/u.test(turn.text) ? undefined : turn.text;
  return answerLocale({
    chosen,
    profile: turn.profileLanguage,
    text: written,
    destination: turn.destinationLocale,
    configured: deps.locale ?? deps.chatLlm?.locale,
  });
}

/** CHAT_MEMORY_TTL_SECONDS' default: an hour after the last turn, "that crashing one" means nothing any more. */
export const DEFAULT_CHAT_MEMORY_TTL_SECONDS = 3600;
const REPORT_TTL_SECONDS = 7 * 86_400;

export async function converse(
  turn: Turn,
  deps: JobDeps,
  attempt: AttemptInfo = { finalAttempt: false },
): Promise<TurnAnswer> {
  const now = deps.now?.() ?? new Date();
  const limited = await rateLimited(turn, deps, attempt);
  if (limited) return limited;
  const stored = await loadConversation(turn, deps, attempt);
  const context: ConversationContext = stored?.context ?? emptyContext();
  const cluster = context.cluster ?? turn.cluster;
  const locale = turnLocale(turn, deps, context.locale);
  if (turn.press) return pressed(turn, turn.press, deps, cluster, now, locale);
  const parsed = parseCommand(turn.text, locale);
  const source: ReportSource = turn.user.channel;
  const reader = deps.readerFor(cluster, `${turn.user.channel}:${turn.user.id}`);
  // Free text goes to the model when one is configured; without one, the commands engine says what it understands.
  const free =
    deps.chatLlm && forTheModel(parsed)
      ? await answerFreeText({
          ...deps.chatLlm,
          reader,
          text: turn.text,
          context,
          history: stored ? historyFor(stored) : [],
          cluster,
          source,
          now,
          locale,
        })
      : undefined;
  if (free?.fallback)
    console.log(JSON.stringify({ msg: 'chat ai fallback', turn: turn.id, reason: free.fallback }));
  const result: CommandResult = free
    ? { ...free, reply: { text: free.text } }
    : await runCommand(parsed, {
        reader,
        context,
        cluster,
        now,
        ...(deps.clusterNames ? { clusters: deps.clusterNames } : {}),
        source,
        locale,
      });
  if (result.report) await deps.reports.save(result.report, deps.reportTtlSeconds ?? REPORT_TTL_SECONDS);
  // /lang answers in the language it chose, and so does everything after it.
  const answered = result.context.locale ?? locale;
  const asked = result.proposal
    ? await askApproval(turn, deps, result.proposal, cluster, now, answered)
    : undefined;
  const text = asked?.text ?? result.reply.text;
  // Stored before the answer goes out: the person's next message, sent on reading it, finds the new context.
  await saveConversation(turn, deps, stored, result.context, text, now);
  return {
    text,
    command: 'command' in parsed ? parsed.command : free && !free.fallback ? 'agent' : 'unknown',
    cluster,
    locale: answered,
    ...(result.proposal ? { proposal: result.proposal } : {}),
    ...(asked?.approval ? { approval: asked.approval } : {}),
    ...(result.report ? { report: result.report } : {}),
  };
}

/** A proposal made in this turn waits for an approval, when approvals are configured. */
async function askApproval(
  turn: Turn,
  deps: JobDeps,
  proposal: Proposal,
  cluster: string,
  now: Date,
  locale: Locale,
  reportId?: string,
): Promise<{ approval?: PendingApproval; text?: string } | undefined> {
  if (!deps.approvals) return undefined;
  const approvers = deps.approversFor?.(cluster) ?? [];
  const asked = await requestApproval(deps.approvals, proposal, {
    cluster,
    requestedBy: `${turn.user.channel}:${turn.user.id}`,
    conversation: turn.conversation,
    replyTo: turn.replyTo ?? [],
    approvers,
    ttlSeconds: deps.approvalTtlSeconds ?? DEFAULT_APPROVAL_TTL_SECONDS,
    now,
    locale,
    ...(reportId ? { reportId } : {}),
  });
  if ('advice' in asked)
    return { text: t(locale, 'chat.advice', { description: asked.description, command: asked.advice }) };
  if (approvers.length === 0)
    return {
      approval: asked.approval,
      text: t(locale, 'chat.noApprovers', { description: approvalDescription(asked.approval), cluster }),
    };
  return { approval: asked.approval };
}

/** An alert message's action button: the stored report's proposal, asked for approval (the report may be gone). */
async function pressed(
  turn: Turn,
  press: { report: string; proposal: string },
  deps: JobDeps,
  cluster: string,
  now: Date,
  locale: Locale,
): Promise<TurnAnswer> {
  const report = await deps.reports.get(press.report);
  const proposal = report?.proposals.find((candidate) => candidate.id === press.proposal);
  const answer = { command: 'propose', cluster: report?.cluster ?? cluster, locale };
  if (!report || !proposal) return { ...answer, text: t(locale, 'chat.pressGone', { report: press.report }) };
  const proposed = proposedText(
    `${proposal.action} ${proposal.target.kind} ${proposal.target.namespace ?? ''}/${proposal.target.name}`,
    locale,
  );
  try {
    const asked = await askApproval(turn, deps, proposal, report.cluster, now, locale, report.id);
    return {
      ...answer,
      text: asked?.text ?? proposed,
      proposal,
      ...(asked?.approval ? { approval: asked.approval } : {}),
      report,
    };
  } catch (error) {
    if (error instanceof ActionError)
      return { ...answer, text: t(locale, 'chat.cannotPropose', { error: error.message }) };
    throw error;
  }
}

/** Past the person's budget: the friendly answer, before the cluster is read or the memory extended. */
async function rateLimited(turn: Turn, deps: JobDeps, attempt: AttemptInfo): Promise<TurnAnswer | undefined> {
  if (!deps.turnLimiter) return undefined;
  let decision: TurnDecision;
  try {
    decision = await deps.turnLimiter.take(`${turn.user.channel}:${turn.user.id}`, turn.id);
  } catch (error) {
    // On the last delivery a budget that cannot be read lets the turn through rather than leave it unanswered.
    if (!attempt.finalAttempt) throw error;
    return undefined;
  }
  if (decision.ok) return undefined;
  // Before the memory is read: the chosen language is not known yet, the rest is.
  const locale = turnLocale(turn, deps);
  return {
    text: rateLimitedText(decision, locale),
    command: 'rate-limited',
    cluster: turn.cluster,
    retryAfterSeconds: decision.retryAfterSeconds,
    locale,
  };
}

/** The conversation so far; on the last delivery a memory that cannot be read is an empty one, not silence. */
async function loadConversation(
  turn: Turn,
  deps: JobDeps,
  attempt: AttemptInfo,
): Promise<Conversation | undefined> {
  if (!deps.conversations) return undefined;
  try {
    return await deps.conversations.get(turn.conversation);
  } catch (error) {
    if (!attempt.finalAttempt) throw error;
    return undefined;
  }
}

async function saveConversation(
  turn: Turn,
  deps: JobDeps,
  stored: Conversation | undefined,
  context: ConversationContext,
  answer: string,
  now: Date,
): Promise<void> {
  if (!deps.conversations) return;
  const at = now.toISOString();
  // A retried turn (its delivery failed after the save) is said once.
  const earlier = (stored?.turns ?? []).filter((said) => said.turn !== turn.id);
  const conversation: Conversation = withinBudget(
    {
      ...(stored ?? { id: turn.conversation, turns: [] }),
      context,
      turns: [
        ...earlier,
        { role: 'user', text: turn.text, at, turn: turn.id },
        { role: 'assistant', text: answer, at, turn: turn.id },
      ],
    },
    deps.chatMemoryTokens ?? DEFAULT_CHAT_MEMORY_TOKENS,
  );
  await deps.conversations.set(conversation, deps.chatMemoryTtlSeconds ?? DEFAULT_CHAT_MEMORY_TTL_SECONDS);
}
