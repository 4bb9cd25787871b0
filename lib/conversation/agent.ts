// Free text in a chat goes to the model: scoped by what the conversation knows, started from the rule-based
// diagnosis of that scope, answered as phone text; a proposal it makes only asks for approval, nothing runs.
import { ActionError, planProposal } from '../actions/index.ts';
import {
  type Budgets,
  type ChatTurn,
  enrichReport,
  type Investigation,
  type Llm,
  type ModelCallLimiter,
} from '../agent/index.ts';
import { type ClusterReader, resources } from '../cluster/index.ts';
import { diagnose } from '../diagnosis/index.ts';
import { t } from '../i18n/index.ts';
import type { Locale } from '../locale/index.ts';
import type { Proposal, Report, ReportSource, Scope } from '../report/index.ts';
import { redactText } from '../security/index.ts';
import { type ParsedCommand, parseCommand } from './commands.ts';
import { type ContextObject, type ConversationContext, remember } from './context.ts';
import { refText } from './handler.ts';
import { phoneText, proposedText } from './reply.ts';
import { runCommand } from './run.ts';

/** The model a chat answers free text with (JobDeps.chatLlm): built once per job from the env. */
export interface ChatModel {
  llm: Llm;
  /** The model-call budget the enricher shares (per minute / per day, across isolates). */
  limiter?: ModelCallLimiter;
  /** Answer language when the text does not say (LOCALE); the text's own language wins. */
  locale?: Locale;
  budgets?: Partial<Budgets>;
}

export interface FreeTextInput extends ChatModel {
  /** Reads the conversation's cluster as the chat user. */
  reader: ClusterReader;
  /** What the person said (untrusted). */
  text: string;
  context: ConversationContext;
  /** Earlier turns, oldest first (the investigation sends the newest ~1,500 tokens). */
  history: ChatTurn[];
  cluster: string;
  source?: ReportSource;
  now?: Date;
}

export interface FreeTextAnswer {
  /** Phone-sized, redacted. */
  text: string;
  /** The model's (guard-vetted, catalog-checked) proposal: an approval card asks for it, nothing has run. */
  proposal?: Proposal;
  /** The context for the next turn: the scope's namespace, the objects the answer is about. */
  context: ConversationContext;
  /** The diagnosis with its AI part, for the caller to store (`lastIncident.reportId` names it). */
  report?: Report;
  /** Why the model did not answer (the text then says what the commands engine says). */
  fallback?: string;
}

/** Said after the commands engine's answer when the model could not answer (its English; said in the reader's). */
export const MODEL_UNAVAILABLE = t('en', 'chat.modelUnavailable');

/**
 * Whether text the parser did not take as a command should go to the model: anything but a short near-miss of a
 * command ("logs", "scale payment"), whose usage line helps more than a model would. "show me the pods in store"
 * begins like /describe but is a sentence: it goes to the model.
 */
export function forTheModel(parsed: ParsedCommand): boolean {
  if (!('unknown' in parsed)) return false;
  if (!parsed.near) return true;
  return parsed.unknown.split(/\s+/).filter(Boolean).length > NEAR_MISS_WORDS;
}
const NEAR_MISS_WORDS = 3;

/** Answers one free-text turn with the investigation loop. Never throws for model or cluster failures. */
export async function answerFreeText(input: FreeTextInput): Promise<FreeTextAnswer> {
  const { reader, context } = input;
  let report: Report;
  let namespace: string | undefined;
  try {
    namespace = (await namespaceNamed(reader, input.text)) ?? context.namespace;
    const scope: Scope = namespace ? { kind: 'namespace', namespace } : { kind: 'cluster' };
    // The rule-based diagnosis of the scope is the first prompt: most questions need no tool call after it.
    report = await diagnose({
      reader,
      cluster: input.cluster,
      source: input.source ?? 'slack',
      scope,
      maxLogs: 4,
      ...(input.now ? { startedAt: input.now.toISOString() } : {}),
    });
  } catch (error) {
    const message = redactText(error instanceof Error ? error.message : String(error)).slice(0, 300);
    return { text: phoneText(t(input.locale ?? 'en', 'chat.readFailed', { error: message })), context };
  }
  const { report: answered, investigation } = await enrichReport(report, {
    llm: input.llm,
    reader,
    question: input.text,
    conversation: input.history,
    shown: context.lastObjects,
    ...(input.locale ? { locale: input.locale } : {}),
    ...(input.limiter ? { limiter: input.limiter } : {}),
    ...(input.budgets ? { budgets: input.budgets } : {}),
  });
  if (!answered.ai) return fallbackAnswer(input, investigation);
  const planned = plannedProposal(investigation.proposals, input.now ?? new Date());
  const lead = answered.findings[0];
  const about = lead ? (lead.owner ?? lead.object) : undefined;
  // What "it" means next: the proposal's target, else the object the diagnosis leads with (its workload for a
  // pod, which /logs it and /restart it both resolve). One object, so "it" is never ambiguous.
  const remembered: ContextObject | undefined = planned.proposal
    ? {
        ...planned.proposal.target,
        ...(lead && about && sameRef(about, planned.proposal.target) ? { status: lead.code } : {}),
      }
    : about && lead
      ? { ...about, status: lead.code }
      : undefined;
  const next: ConversationContext = {
    ...(remembered ? remember(context, [remembered]) : context),
    ...(namespace ? { namespace } : {}),
    ...(about ? { lastIncident: { reportId: answered.id, object: about } } : {}),
  };
  return {
    text: phoneText(answerText(answered, planned, input.locale ?? 'en')),
    context: next,
    report: answered,
    ...(planned.proposal ? { proposal: planned.proposal } : {}),
  };
}

/** The namespace the text names, matched as a whole word against the cluster's namespaces. */
async function namespaceNamed(reader: ClusterReader, text: string): Promise<string | undefined> {
  const words = new Set(text.toLowerCase().match(/[a-z0-9]([-a-z0-9]*[a-z0-9])?/g) ?? []);
  if (words.size === 0) return undefined;
  const namespaces = await reader.list(resources.namespaces, { limit: 500, maxItems: 500 });
  return namespaces.map((item) => item.metadata.name).find((name) => words.has(name));
}

/** The model's first proposal the catalog accepts, with what it would do in words. */
function plannedProposal(
  proposals: Proposal[],
  now: Date,
): { proposal?: Proposal; description?: string; refused?: string } {
  const [proposal] = proposals;
  if (!proposal) return {};
  try {
    return { proposal, description: planProposal(proposal, now).description };
  } catch (error) {
    if (error instanceof ActionError) return { refused: error.message };
    throw error;
  }
}

function answerText(report: Report, planned: ReturnType<typeof plannedProposal>, locale: Locale): string {
  const ai = report.ai;
  if (!ai) return report.summary;
  const lines = [ai.text];
  if (ai.rootCause && !ai.text.includes(ai.rootCause))
    lines.push(t(locale, 'chat.agentRootCause', { cause: ai.rootCause }));
  for (const step of ai.nextSteps?.slice(0, 3) ?? []) lines.push(`• ${step}`);
  if (planned.description) lines.push(proposedText(planned.description, locale));
  if (planned.refused) lines.push(t(locale, 'chat.cannotPropose', { error: planned.refused }));
  return lines.join('\n');
}

/** The model did not answer: what the commands engine says for text it does not understand, and why. */
async function fallbackAnswer(input: FreeTextInput, investigation: Investigation): Promise<FreeTextAnswer> {
  const locale = input.locale ?? 'en';
  const result = await runCommand(parseCommand(input.text, locale), {
    reader: input.reader,
    context: input.context,
    cluster: input.cluster,
    locale,
  });
  return {
    text: `${result.reply.text}\n${t(locale, 'chat.modelUnavailable')}`,
    context: input.context,
    fallback: investigation.fallback ?? 'no answer',
  };
}

const sameRef = (a: { kind: string; namespace?: string; name: string }, b: typeof a) =>
  refText(a) === refText(b);
