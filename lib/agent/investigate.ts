// The investigation loop: starts from the rule-based findings, lets the model call read-only tools within strict
// budgets, and always ends with a validated answer — or a fallback reason, never an exception.
import type { ClusterReader } from '../cluster/index.ts';
import { diagnose } from '../diagnosis/index.ts';
import { detectLocale, type Locale } from '../locale/index.ts';
import type { AiPart, Proposal, Report } from '../report/index.ts';
import { redactDeep } from '../security/index.ts';
import { type AgentAnswer, agentAnswerJsonSchema, type ProposedAction, parseAnswer } from './answer.ts';
import { vetProposal } from './guard.ts';
import {
  estimateTokens,
  type Llm,
  LlmError,
  type LlmMessage,
  type LlmRequest,
  type LlmResponse,
  type ToolResult,
} from './llm.ts';
import {
  answerNowPrompt,
  type ChatTurn,
  firstPrompt,
  repairPrompt,
  type ShownObject,
  systemPrompt,
} from './prompt.ts';
import type { ModelCallLimiter } from './ratelimit.ts';
import { asData } from './render.ts';
import { type AnalyzeScope, runTool, toolSpecs } from './tools/index.ts';

export interface Budgets {
  /** Tool calls per investigation (default 6). */
  maxToolCalls: number;
  /** Model turns per investigation, retries aside (default 5). */
  maxModelCalls: number;
  /** Prompt tokens summed over every model call (default 24,000). */
  maxPromptTokens: number;
  /** Wall time for the whole investigation (default 60 s). */
  wallTimeMs: number;
  /** Cap on one tool result, in tokens (default 2,000). */
  toolResultTokens: number;
  /** Retries of one model call on 429/5xx/network errors (default 2). */
  maxRetries: number;
  /** Longest wait before a retry; a longer Retry-After means "fall back now, follow up later" (default 10 s). */
  maxRetryWaitMs: number;
  maxOutputTokens: number;
}

export const defaultBudgets: Budgets = {
  maxToolCalls: 6,
  maxModelCalls: 5,
  maxPromptTokens: 24_000,
  wallTimeMs: 60_000,
  toolResultTokens: 2_000,
  maxRetries: 2,
  maxRetryWaitMs: 10_000,
  maxOutputTokens: 2_048,
};

export interface InvestigateOptions {
  llm: Llm;
  /** Read-only view of the cluster (the proxy in production). */
  reader: ClusterReader;
  /** The rule-based report; its findings are the first prompt. */
  report: Report;
  /** A chat question to answer (untrusted); its language wins over `locale`. */
  question?: string;
  /** Earlier turns of the chat, oldest first (untrusted; the newest ~1,500 tokens are sent). */
  conversation?: ChatTurn[];
  /** Objects the chat showed earlier (untrusted; names and statuses), so the model can resolve "that one". */
  shown?: ShownObject[];
  /** Answer language when there is no question (the `LOCALE` setting); default en. */
  locale?: Locale;
  budgets?: Partial<Budgets>;
  /** The diagnosis engine for the `run_analyzers` tool (default: `diagnose` on the same reader). */
  analyze?: AnalyzeScope;
  /** Shared model-call budget (per minute / per day). */
  limiter?: ModelCallLimiter;
  signal?: AbortSignal;
  /** How to wait before a retry (tests record the waits instead of sleeping). */
  sleep?: (ms: number) => Promise<void>;
}

export interface InvestigationStats {
  /** Requests sent to the model, retries included. */
  modelCalls: number;
  toolCalls: number;
  /** Repeated identical tool calls answered from cache. */
  cachedToolCalls: number;
  promptTokens: number;
  outputTokens: number;
  /** Proposals the guard refused (asked for by cluster text, or unwarranted). */
  rejectedProposals: number;
  durationMs: number;
}

export interface Investigation {
  /** The report's AI part; absent when the investigation fell back. */
  ai?: AiPart;
  /** Approval requests; empty on fallback. */
  proposals: Proposal[];
  /** Why there is no AI part (e.g. `rate-limited (model calls per minute)`, `invalid output: …`). */
  fallback?: string;
  /** When a retry may succeed (rate limits): schedule the AI follow-up after this. */
  retryAfterMs?: number;
  stats: InvestigationStats;
}

type CallOutcome = { ok: true; response: LlmResponse } | { ok: false; reason: string; retryAfterMs?: number };

const defaultSleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

/** Investigates one incident. Never throws for model or cluster failures: it returns a `fallback` reason. */
export async function investigate(options: InvestigateOptions): Promise<Investigation> {
  const budgets: Budgets = { ...defaultBudgets, ...options.budgets };
  const started = Date.now();
  const deadline = started + budgets.wallTimeMs;
  const stats: InvestigationStats = {
    modelCalls: 0,
    toolCalls: 0,
    cachedToolCalls: 0,
    promptTokens: 0,
    outputTokens: 0,
    rejectedProposals: 0,
    durationMs: 0,
  };
  const done = (result: Omit<Investigation, 'stats'>): Investigation => {
    stats.durationMs = Date.now() - started;
    return { ...result, stats };
  };
  const fallback = (reason: string, retryAfterMs?: number): Investigation =>
    done({ proposals: [], fallback: reason, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) });

  try {
    const locale = (options.question ? detectLocale(options.question) : undefined) ?? options.locale ?? 'en';
    const policy = {
      findings: options.report.findings,
      ...(options.question ? { question: options.question } : {}),
    };
    const proposals: Proposal[] = [];
    const addProposal = (proposal: ProposedAction): string => {
      const existing = proposals.find(
        (p) =>
          p.action === proposal.action &&
          p.target.kind === proposal.kind &&
          p.target.namespace === proposal.namespace &&
          p.target.name === proposal.name,
      );
      if (existing) return existing.id;
      const id = `p-${crypto.randomUUID().slice(0, 8)}`;
      proposals.push({
        id,
        action: proposal.action,
        target: { kind: proposal.kind, namespace: proposal.namespace, name: proposal.name },
        ...(proposal.replicas !== undefined ? { replicas: proposal.replicas } : {}),
        reason: proposal.reason,
      });
      return id;
    };
    const toolContext = {
      reader: options.reader,
      analyze:
        options.analyze ??
        (async (scope) =>
          (
            await diagnose({
              reader: options.reader,
              cluster: options.report.cluster,
              source: options.report.source,
              scope,
            })
          ).findings),
      maxTokens: budgets.toolResultTokens,
      vetProposal: (proposal: ProposedAction) => {
        const refused = vetProposal(proposal, policy);
        if (refused) stats.rejectedProposals++;
        return refused;
      },
      addProposal,
    };

    const system = systemPrompt(locale, budgets.maxToolCalls);
    const messages: LlmMessage[] = [
      {
        role: 'user',
        text: firstPrompt(options.report, options.question, options.conversation, options.shown),
      },
    ];
    const cache = new Map<string, string>();
    let turns = 0;
    let forceAnswer = false;
    let repaired = false;

    while (true) {
      if (turns >= budgets.maxModelCalls) return fallback('model call budget spent without a valid answer');
      const estimate = estimateTokens(system + JSON.stringify(messages) + JSON.stringify(toolSpecs));
      if (stats.promptTokens + estimate > budgets.maxPromptTokens)
        return fallback(`prompt token budget (${budgets.maxPromptTokens}) spent`);
      // Tools only while another round still fits: this call, the next with a capped tool result, and the answer.
      const nextRound = estimate + budgets.toolResultTokens;
      const offerTools =
        !forceAnswer &&
        stats.toolCalls < budgets.maxToolCalls &&
        turns < budgets.maxModelCalls - 1 &&
        stats.promptTokens + estimate + 2 * nextRound <= budgets.maxPromptTokens;
      if (!offerTools && !forceAnswer && stats.toolCalls > 0) {
        forceAnswer = true;
        messages.push({ role: 'user', text: answerNowPrompt });
        continue;
      }
      const request: LlmRequest = {
        system,
        messages,
        tools: toolSpecs,
        toolChoice: offerTools ? 'auto' : 'none',
        responseSchema: agentAnswerJsonSchema,
        maxOutputTokens: budgets.maxOutputTokens,
        temperature: 0.2,
      };
      turns++;
      const outcome = await callModel(options, request, budgets, deadline, stats);
      if (!outcome.ok) return fallback(outcome.reason, outcome.retryAfterMs);
      const response = outcome.response;

      if (response.calls.length > 0) {
        messages.push({
          role: 'model',
          ...(response.text ? { text: response.text } : {}),
          calls: response.calls,
          raw: response.raw,
        });
        const results: ToolResult[] = [];
        for (const call of response.calls) {
          const id = call.id ? { id: call.id } : {};
          if (!offerTools || stats.toolCalls >= budgets.maxToolCalls) {
            results.push({
              ...id,
              name: call.name,
              output: 'not run: the tool budget is spent; answer now.',
            });
            continue;
          }
          stats.toolCalls++;
          const key = `${call.name}:${stableJson(call.args)}`;
          const cached = cache.get(key);
          if (cached !== undefined) {
            stats.cachedToolCalls++;
            results.push({ ...id, name: call.name, output: `(same call as before, same answer)\n${cached}` });
            continue;
          }
          const output = asData(
            `${call.name} ${stableJson(call.args)}`,
            await runTool(call.name, call.args, toolContext),
          );
          cache.set(key, output);
          results.push({ ...id, name: call.name, output });
        }
        messages.push({ role: 'tool', results });
        if (!offerTools || stats.toolCalls >= budgets.maxToolCalls) {
          forceAnswer = true;
          messages.push({ role: 'user', text: answerNowPrompt });
        }
        continue;
      }

      const parsed = parseAnswer(response.text);
      if (!parsed.ok) {
        if (!repaired && turns < budgets.maxModelCalls) {
          repaired = true;
          forceAnswer = true;
          // An empty turn (e.g. a blocked answer) is not sent back: APIs refuse turns without parts.
          if (response.text?.trim()) messages.push({ role: 'model', text: response.text, raw: response.raw });
          messages.push({ role: 'user', text: repairPrompt(parsed.error) });
          continue;
        }
        return fallback(`invalid output: ${parsed.error}`);
      }
      const answer = redactDeep(parsed.answer);
      for (const proposal of answer.proposals ?? []) {
        if (!toolContext.vetProposal(proposal)) addProposal(proposal);
      }
      return done({ ai: aiPart(options.llm, response.model, answer, stats), proposals });
    }
  } catch (error) {
    // A bug or an unexpected cluster failure must not cost the person their rule-based report.
    return fallback(`agent error: ${error instanceof Error ? error.message : String(error)}`.slice(0, 300));
  }
}

async function callModel(
  options: InvestigateOptions,
  request: LlmRequest,
  budgets: Budgets,
  deadline: number,
  stats: InvestigationStats,
): Promise<CallOutcome> {
  const sleep = options.sleep ?? defaultSleep;
  for (let attempt = 0; ; attempt++) {
    const remaining = deadline - Date.now();
    if (remaining <= 0) return { ok: false, reason: `timeout: no answer within ${budgets.wallTimeMs} ms` };
    if (options.limiter) {
      const decision = await options.limiter.take();
      if (!decision.ok)
        return {
          ok: false,
          reason: `rate-limited (${decision.reason})`,
          retryAfterMs: decision.retryAfterMs,
        };
    }
    stats.modelCalls++;
    try {
      const signal = AbortSignal.any([
        AbortSignal.timeout(remaining),
        ...(options.signal ? [options.signal] : []),
      ]);
      const response = await options.llm.generate({ ...request, signal });
      stats.promptTokens += response.usage.promptTokens;
      stats.outputTokens += response.usage.outputTokens;
      return { ok: true, response };
    } catch (caught) {
      const error =
        caught instanceof LlmError
          ? caught
          : new LlmError(caught instanceof Error ? caught.message : String(caught));
      const reason =
        error.status === 429
          ? `rate-limited by the model API: ${error.message}`
          : `model error: ${error.message}`;
      if (!error.retryable || attempt >= budgets.maxRetries || options.signal?.aborted)
        return {
          ok: false,
          reason,
          ...(error.retryAfterMs !== undefined ? { retryAfterMs: error.retryAfterMs } : {}),
        };
      const backoff = Math.min(8_000, 500 * 2 ** attempt) * (0.75 + Math.random() / 2);
      const wait = error.retryAfterMs ?? Math.round(backoff);
      if (wait > budgets.maxRetryWaitMs || Date.now() + wait >= deadline)
        return { ok: false, reason, retryAfterMs: wait };
      await sleep(wait);
    }
  }
}

function aiPart(llm: Llm, model: string, answer: AgentAnswer, stats: InvestigationStats): AiPart {
  return {
    model: model || llm.model,
    text: answer.summary,
    rootCause: answer.rootCause,
    nextSteps: answer.nextSteps,
    evidence: answer.evidence,
    confidence: answer.confidence,
    toolCalls: stats.toolCalls,
    modelCalls: stats.modelCalls,
    tokens: { prompt: stats.promptTokens, output: stats.outputTokens },
  };
}

/** JSON with sorted keys, so the same call in another order hits the cache. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value as Record<string, unknown>)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${stableJson((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  return JSON.stringify(value) ?? 'null';
}
