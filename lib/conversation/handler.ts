// What every chat command handler gets and gives back, and the replies they share (which one? not found).

import type { ToolContext } from '../agent/index.ts';
import type { ClusterReader } from '../cluster/index.ts';
import type { Translate } from '../i18n/index.ts';
import type { Locale } from '../locale/index.ts';
import type { Proposal, Report, ReportSource } from '../report/index.ts';
import type { CommandArgs } from './commands.ts';
import type { ContextObject, ConversationContext, Resolution } from './context.ts';
import { type ChatReply, cutLines, type ReplyLimits } from './reply.ts';

export interface RunOptions {
  /** Reads the conversation's cluster (through the proxy, signed as the chat user). */
  reader: ClusterReader;
  context: ConversationContext;
  /** The name of the cluster `reader` reads. */
  cluster: string;
  /** The moment of the command (proposals' time); ages use the cluster's clock. */
  now?: Date;
  limits?: Partial<ReplyLimits>;
  /** Cluster names `/use` may switch to (the Worker's `CLUSTERS`). */
  clusters?: readonly string[];
  /** Where the command came from, for /diagnose's report; default `slack`. */
  source?: ReportSource;
  /** The language to answer in (see lib/locale's `answerLocale`); default en. */
  locale?: Locale;
}

export interface CommandResult {
  reply: ChatReply;
  /** The context to keep for the conversation's next message. */
  context: ConversationContext;
  /** A write command's proposal (also in `reply`), for a future approval card. */
  proposal?: Proposal;
  /** /diagnose's report, for the caller to store (`lastIncident.reportId` names it). */
  report?: Report;
}

export interface Run {
  args: CommandArgs;
  options: RunOptions;
  context: ConversationContext;
  limits: ReplyLimits;
  /** The cluster's clock. */
  now: () => number;
  /** The namespace the command names, else the conversation's. */
  namespace: string | undefined;
  locale: Locale;
  /** The catalogue in the answer's language. */
  t: Translate;
}

export type Handler = (run: Run) => Promise<Omit<CommandResult, 'reply'> & { text: string }>;

/** Tools are called with a budget big enough that they never cut; the reply cuts to a phone's size itself. */
export const toolContext = (reader: ClusterReader): ToolContext => ({
  reader,
  maxTokens: 100_000,
  vetProposal: () => 'commands propose through the catalog, not the agent tool',
  addProposal: () => {
    throw new Error('commands never record agent proposals');
  },
});

/** The context with the namespace a command named (so the next command can leave it out). */
export const withNamespace = (run: Run): ConversationContext =>
  run.args.namespace ? { ...run.context, namespace: run.args.namespace } : run.context;

export const refText = (object: Pick<ContextObject, 'kind' | 'namespace' | 'name'>) =>
  `${object.kind} ${object.namespace ? `${object.namespace}/` : ''}${object.name}`;

/** "Which one?": the candidates, each as a line the person can copy. */
export function ambiguity(run: Run, what: string, candidates: ContextObject[]): string {
  const lines = candidates.map(
    (object) =>
      `  ${object.namespace ? `${object.namespace}/` : ''}${object.name}${object.status ? ` ${object.status}` : ''}`,
  );
  return [
    run.t('chat.ambiguous', { what }),
    ...cutLines(lines, run.limits.rows, run.t('hint.moreName'), run.locale),
  ].join('\n');
}

/** A resolution that is not one object, as the reply that asks or says what is missing; undefined when it is. */
export function unresolved(
  run: Run,
  query: string,
  noun: string,
  resolution: Resolution,
): string | undefined {
  if ('ambiguous' in resolution) return ambiguity(run, query, resolution.ambiguous);
  if ('missing' in resolution)
    return run.namespace
      ? run.t('chat.missingIn', { noun, query: resolution.missing, namespace: run.namespace })
      : run.t('chat.missing', { noun, query: resolution.missing });
  return undefined;
}
