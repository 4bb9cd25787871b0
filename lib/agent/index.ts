// The Gemini agent: investigates an incident from its rule-based findings with read-only tools and strict
// budgets, and adds the AI part (and approval requests) to the Report. Never writes, never throws for model failures.
import type { ClusterReader } from '../cluster/index.ts';
import { isLocale } from '../locale/index.ts';
import type { Report } from '../report/index.ts';
import { DEFAULT_GEMINI_MODEL, GeminiLlm } from './gemini.ts';
import { type InvestigateOptions, type Investigation, investigate } from './investigate.ts';
import type { Llm } from './llm.ts';
import { OpenAiCompatibleLlm } from './openai.ts';

export {
  AgentAnswer,
  agentAnswerJsonSchema,
  type ParsedAnswer,
  ProposedAction,
  parseAnswer,
} from './answer.ts';
export { DEFAULT_GEMINI_MODEL, GeminiLlm, type GeminiLlmOptions } from './gemini.ts';
export { type ProposalPolicy, vetProposal } from './guard.ts';
export {
  type Budgets,
  defaultBudgets,
  type InvestigateOptions,
  type Investigation,
  type InvestigationStats,
  investigate,
} from './investigate.ts';
export * from './llm.ts';
export { OpenAiCompatibleLlm, type OpenAiCompatibleLlmOptions } from './openai.ts';
export type { ChatTurn, ShownObject } from './prompt.ts';
export {
  investigationFlowControl,
  type LimitDecision,
  type ModelCallLimiter,
  type ModelCallLimiterOptions,
  upstashModelCallLimiter,
} from './ratelimit.ts';
export { table } from './render.ts';
export { type LogHead, parseLogHead, repeatsOf } from './tools/get-logs.ts';
export {
  type AgentTool,
  type AnalyzeScope,
  agentTools,
  defineTool,
  runTool,
  type ToolContext,
  toolSpecs,
} from './tools/index.ts';
export { clusterNow } from './tools/tool.ts';
export { type KindView, viewOf } from './tools/views/index.ts';

/**
 * The model configured in `env`: Gemini when `GEMINI_API_KEY` is set (`GEMINI_MODEL`, `GEMINI_BASE_URL`),
 * else an OpenAI-compatible server when `OPENAI_BASE_URL` and `OPENAI_MODEL` are set (`OPENAI_API_KEY`
 * optional); undefined when none is, and the diagnosis stays rule-based.
 */
export function llmFromEnv(env: Record<string, unknown>): Llm | undefined {
  const value = (name: string) => {
    const raw = env[name];
    return typeof raw === 'string' && raw.trim() ? raw.trim() : undefined;
  };
  const geminiKey = value('GEMINI_API_KEY');
  if (geminiKey) {
    const baseUrl = value('GEMINI_BASE_URL');
    return new GeminiLlm({
      apiKey: geminiKey,
      model: value('GEMINI_MODEL') ?? DEFAULT_GEMINI_MODEL,
      ...(baseUrl ? { baseUrl } : {}),
    });
  }
  const openAiBase = value('OPENAI_BASE_URL');
  const openAiModel = value('OPENAI_MODEL');
  if (openAiBase && openAiModel) {
    const apiKey = value('OPENAI_API_KEY');
    return new OpenAiCompatibleLlm({
      baseUrl: openAiBase,
      model: openAiModel,
      ...(apiKey ? { apiKey } : {}),
    });
  }
  return undefined;
}

/**
 * Runs {@link investigate} and returns the report with its `ai` part and the proposals added; on fallback the
 * report comes back unchanged (the rule-based findings stand) and `investigation.fallback` says why.
 */
export async function enrichReport(
  report: Report,
  options: Omit<InvestigateOptions, 'report'>,
): Promise<{ report: Report; investigation: Investigation }> {
  const investigation = await investigate({ ...options, report });
  if (!investigation.ai) return { report, investigation };
  return {
    report: { ...report, ai: investigation.ai, proposals: [...report.proposals, ...investigation.proposals] },
    investigation,
  };
}

export interface ReportEnricherOptions extends Omit<InvestigateOptions, 'llm' | 'reader' | 'report'> {
  /** The model; default {@link llmFromEnv}. */
  llm?: Llm;
  /** Told about every investigation (e.g. to log a fallback or schedule the AI follow-up after `retryAfterMs`). */
  onInvestigation?: (investigation: Investigation, report: Report) => void | Promise<void>;
}

/**
 * The `enrich(report, reader)` hook of the diagnose job and `kube-responder diagnose`: undefined when no model is
 * configured (the report stays rule-based). Reads `LOCALE` from `env` unless `locale` is given.
 */
export function reportEnricher(
  env: Record<string, unknown>,
  options: ReportEnricherOptions = {},
): ((report: Report, reader: ClusterReader) => Promise<Report>) | undefined {
  const { llm: given, onInvestigation, ...rest } = options;
  const llm = given ?? llmFromEnv(env);
  if (!llm) return undefined;
  const locale = rest.locale ?? (isLocale(env.LOCALE) ? env.LOCALE : undefined);
  return async (report, reader) => {
    const result = await enrichReport(report, { ...rest, llm, reader, ...(locale ? { locale } : {}) });
    await onInvestigation?.(result.investigation, result.report);
    return result.report;
  };
}

/**
 * The diagnose and follow-up jobs' enricher: like {@link reportEnricher}, but also says when the model could not
 * answer now and may later (`retryAfterMs`: over budget, 429 with a long Retry-After), so the job can schedule
 * an AI follow-up instead of dropping the AI part.
 */
export function jobEnricher(
  llm: Llm,
  options: Omit<ReportEnricherOptions, 'llm'> = {},
): (report: Report, reader: ClusterReader) => Promise<{ report: Report; retryAfterMs?: number }> {
  const { onInvestigation, ...rest } = options;
  return async (report, reader) => {
    const result = await enrichReport(report, { ...rest, llm, reader });
    await onInvestigation?.(result.investigation, result.report);
    const { fallback, retryAfterMs } = result.investigation;
    return { report: result.report, ...(fallback && retryAfterMs !== undefined ? { retryAfterMs } : {}) };
  };
}
