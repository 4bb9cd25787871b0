// Runs a parsed chat command: reads answer through the agent tools' views, /diagnose runs the diagnosis, and the
// write commands only propose (the action catalog checks the target and arguments); nothing here ever writes.

import { ActionError, type ActionName, actionByName, planProposal } from '../actions/index.ts';
import { clusterNow, runTool, type ToolContext, table, viewOf } from '../agent/index.ts';
import { type ClusterReader, resourceFor, resources } from '../cluster/index.ts';
import { diagnose } from '../diagnosis/index.ts';
import type { ObjectRef, Proposal, Report, ReportSource, Scope } from '../report/index.ts';
import { redactText } from '../security/index.ts';
import { type CommandArgs, type CommandName, commandList, helpText, type ParsedCommand } from './commands.ts';
import {
  type ContextObject,
  type ConversationContext,
  emptyContext,
  type Resolution,
  remember,
} from './context.ts';
import { type ChatReply, cutLines, defaultLimits, lastLines, phoneText, type ReplyLimits } from './reply.ts';
import { contextObject, podsOf, resolveTarget } from './targets.ts';

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

interface Run {
  args: CommandArgs;
  options: RunOptions;
  context: ConversationContext;
  limits: ReplyLimits;
  /** The cluster's clock. */
  now: () => number;
  /** The namespace the command names, else the conversation's. */
  namespace: string | undefined;
}

type Handler = (run: Run) => Promise<Omit<CommandResult, 'reply'> & { text: string }>;

const WORKLOADS = ['Deployment', 'StatefulSet', 'DaemonSet'];
/** List columns a phone has no room for. */
const WIDE_COLUMNS = new Set(['NODE', 'IMAGES', 'SELECTOR']);

/** Tools are called with a budget big enough that they never cut; the reply cuts to a phone's size itself. */
const toolContext = (reader: ClusterReader): ToolContext => ({
  reader,
  maxTokens: 100_000,
  vetProposal: () => 'commands propose through the catalog, not the agent tool',
  addProposal: () => {
    throw new Error('commands never record agent proposals');
  },
});

/** Runs one parsed command; cluster read failures become a reply, never an exception. */
export async function runCommand(parsed: ParsedCommand, options: RunOptions): Promise<CommandResult> {
  const limits = { ...defaultLimits, ...options.limits };
  const context = options.context;
  const answer = (text: string): CommandResult => ({ reply: { text: phoneText(text, limits) }, context });
  if ('unknown' in parsed)
    return answer(
      [
        ...(parsed.near ? [parsed.near.error, ''] : []),
        `I understand these commands: ${commandList()}`,
        'Send /help for what each does.',
      ].join('\n'),
    );
  if ('error' in parsed) return answer(parsed.error);
  const run: Run = {
    args: parsed.args,
    options,
    context,
    limits,
    now: () => clusterNow(options.reader),
    namespace: parsed.args.namespace ?? context.namespace,
  };
  try {
    const { text, ...rest } = await handlers[parsed.command](run);
    const proposal = rest.proposal;
    // A namespace the person named is kept even when the command could not answer ("which one?").
    const next = rest.context === context ? withNamespace(run) : rest.context;
    return {
      ...rest,
      context: next,
      reply: { text: phoneText(text, limits), ...(proposal ? { proposal } : {}) },
    };
  } catch (error) {
    const message = redactText(error instanceof Error ? error.message : String(error)).slice(0, 300);
    return answer(`Could not read the cluster: ${message}`);
  }
}

/** The context with the namespace a command named (so the next command can leave it out). */
const withNamespace = (run: Run): ConversationContext =>
  run.args.namespace ? { ...run.context, namespace: run.args.namespace } : run.context;

const refText = (object: Pick<ContextObject, 'kind' | 'namespace' | 'name'>) =>
  `${object.kind} ${object.namespace ? `${object.namespace}/` : ''}${object.name}`;

/** "Which one?": the candidates, each as a line the person can copy. */
function ambiguity(run: Run, what: string, candidates: ContextObject[]): string {
  const lines = candidates.map(
    (object) =>
      `  ${object.namespace ? `${object.namespace}/` : ''}${object.name}${object.status ? ` ${object.status}` : ''}`,
  );
  return [
    `"${what}" could be any of these; which one?`,
    ...cutLines(lines, run.limits.rows, 'give more of the name'),
  ].join('\n');
}

/** A resolution that is not one object, as the reply that asks or says what is missing; undefined when it is. */
function unresolved(run: Run, query: string, noun: string, resolution: Resolution): string | undefined {
  if ('ambiguous' in resolution) return ambiguity(run, query, resolution.ambiguous);
  if ('missing' in resolution)
    return `No ${noun} matching "${resolution.missing}"${run.namespace ? ` in ${run.namespace}` : ''}. ${
      run.namespace ? `See /pods ${run.namespace}.` : 'Add the namespace, or /use <namespace>.'
    }`;
  return undefined;
}

const pods: Handler = async (run) => {
  const { reader } = run.options;
  const namespace = run.namespace;
  const items = await reader.list(resources.pods, {
    ...(namespace ? { namespace } : {}),
    limit: 500,
    maxItems: 500,
  });
  const where = namespace ? `in ${namespace}` : 'in all namespaces';
  if (items.length === 0) return { context: withNamespace(run), text: `No pods ${where}.` };
  const view = viewOf(resources.pods).list;
  const now = run.now();
  const ordered = view.order?.(items) ?? items;
  const columns = view.columns.filter((column) => !WIDE_COLUMNS.has(column.title));
  const header = [...(namespace ? [] : ['NAMESPACE']), ...columns.map((column) => column.title)];
  const rows = ordered.map((item) => [
    ...(namespace ? [] : [item.metadata.namespace ?? '']),
    ...columns.map((column) => column.cell(item, now)),
  ]);
  const [head = '', ...body] = table(header, rows).split('\n');
  const hint = namespace ? `/describe pod <name> ${namespace}` : 'narrow with /pods <ns>';
  const text = [
    `${items.length} pods ${where}${view.summary?.(items) ?? ''}`,
    head,
    ...cutLines(body, run.limits.rows, hint),
  ];
  const shown = ordered.map((item) => contextObject(resources.pods, item, now));
  return { context: remember(withNamespace(run), shown), text: text.join('\n') };
};

/** The pod a /logs or /delete means: one pod, or (logs only) the first of a workload's pods. */
async function podTarget(
  run: Run,
  pickFromWorkload: boolean,
): Promise<{ pod: ContextObject; note?: string } | { text: string }> {
  const query = run.args.target ?? '';
  const now = run.now();
  const kinds = pickFromWorkload ? ['Pod', ...WORKLOADS] : ['Pod'];
  const resolution = await resolveTarget(
    { text: query, kinds, namespace: run.namespace },
    run.context,
    run.options.reader,
    now,
  );
  const problem = unresolved(run, query, 'pod', resolution);
  if (problem || !('object' in resolution)) return { text: problem ?? '' };
  const { object } = resolution;
  if (object.kind === 'Pod') return { pod: object };
  if (!pickFromWorkload) return { text: ambiguity(run, query, resolution.pods ?? []) };
  const members = resolution.pods ?? (await podsOf(run.options.reader, object, now));
  const [first] = members;
  if (!first) return { text: `${refText(object)} has no pods.` };
  const note =
    members.length > 1
      ? `${object.name} has ${members.length} pods; showing ${first.name} (others: ${members
          .slice(1)
          .map((pod) => pod.name)
          .join(', ')})`
      : undefined;
  return { pod: first, ...(note ? { note } : {}) };
}

const REGEX_SYNTAX = /[\\^$.*+?()[\]{}|]/;

const logs: Handler = async (run) => {
  const target = await podTarget(run, true);
  if ('text' in target) return { context: run.context, text: target.text };
  const { pod, note } = target;
  if (!pod.namespace)
    return { context: run.context, text: `Which namespace is ${pod.name} in? /logs ${pod.name} <ns>` };
  const { previous, grep } = run.args;
  // A plain word is grep'd by the tool (which then reads further back); a pattern is matched here.
  const pattern = grep && REGEX_SYNTAX.test(grep) ? new RegExp(grep, 'i') : undefined;
  const answer = await runTool(
    'get_logs',
    {
      namespace: pod.namespace,
      pod: pod.name,
      ...(previous ? { previous: true } : {}),
      ...(grep && !pattern ? { grep } : {}),
      tail: pattern ? 500 : run.limits.lines,
    },
    toolContext(run.options.reader),
  );
  const [head = '', ...lines] = answer.split('\n');
  const shown = lines.map(shortTimestamp).filter((line) => !pattern || pattern.test(line));
  const text = [
    ...(note ? [note] : []),
    pattern ? head.replace(/: \d+ lines$/, ` grep /${grep}/: ${shown.length} lines`) : head,
    ...lastLines(shown, run.limits.lines, grep ? 'narrow the --grep' : 'add --grep <text>'),
  ];
  return { context: remember(withNamespace(run), [pod]), text: text.join('\n') };
};

/** `2026-11-23T09:57:41.845Z msg` → `09:57:41 msg`: the date is today's and the width is a phone's. */
const shortTimestamp = (line: string) =>
  line.replace(/^\d{4}-\d{2}-\d{2}T(\d{2}:\d{2}:\d{2})(\.\d+)?Z\s?/, '$1 ');

const describe: Handler = async (run) => {
  const query = run.args.target ?? '';
  const resource = run.args.kind ? resourceFor(run.args.kind) : undefined;
  if (run.args.kind && !resource)
    return { context: run.context, text: `Unknown kind "${run.args.kind}"; e.g. pod, deploy, svc, node.` };
  // Without a kind: the kinds a person most often means.
  const kinds = resource ? [resource.kind] : ['Pod', ...WORKLOADS, 'Service', 'Node'];
  const resolution = await resolveTarget(
    { text: query, kinds, namespace: run.namespace },
    run.context,
    run.options.reader,
    run.now(),
  );
  const problem = unresolved(run, query, resource?.kind ?? 'object', resolution);
  if (problem || !('object' in resolution))
    return {
      context: run.context,
      text: `${problem ?? ''}${resource ? '' : '\nOr say the kind: /describe <kind> <name> [ns]'}`,
    };
  const { object } = resolution;
  const answer = await runTool(
    'describe_object',
    { kind: object.kind, name: object.name, ...(object.namespace ? { namespace: object.namespace } : {}) },
    toolContext(run.options.reader),
  );
  const hint = object.namespace ? `/events ${object.namespace}` : '/events';
  const lines = cutLines(answer.split('\n'), run.limits.lines, hint);
  return { context: remember(withNamespace(run), [object]), text: lines.join('\n') };
};

const events: Handler = async (run) => {
  const answer = await runTool(
    'get_events',
    run.namespace ? { namespace: run.namespace } : {},
    toolContext(run.options.reader),
  );
  const [head = '', ...lines] = answer.split('\n');
  const hint = run.namespace ? `/describe <kind> <name> ${run.namespace}` : 'narrow with /events <ns>';
  return { context: withNamespace(run), text: [head, ...cutLines(lines, run.limits.rows, hint)].join('\n') };
};

const diagnoseCommand: Handler = async (run) => {
  const { reader, cluster } = run.options;
  let scope: Scope = run.namespace ? { kind: 'namespace', namespace: run.namespace } : { kind: 'cluster' };
  if (run.args.target) {
    const resolution = await resolveTarget(
      { text: run.args.target, kinds: ['Pod', ...WORKLOADS, 'Service'], namespace: run.namespace },
      run.context,
      reader,
      run.now(),
    );
    const problem = unresolved(run, run.args.target, 'object', resolution);
    if (problem || !('object' in resolution)) return { context: run.context, text: problem ?? '' };
    const { kind, namespace, name } = resolution.object;
    scope = {
      kind: 'object',
      ...(namespace ? { namespace } : {}),
      object: { kind, name, ...(namespace ? { namespace } : {}) },
    };
  }
  const report = await diagnose({
    reader,
    cluster,
    source: run.options.source ?? 'slack',
    scope,
    ...(run.options.now ? { startedAt: run.options.now.toISOString() } : {}),
  });
  const where = scope.object ? refText(scope.object) : (scope.namespace ?? 'the cluster');
  const [top] = report.findings;
  const lines = [
    `Diagnosis of ${where}: ${report.findings.length} finding${report.findings.length === 1 ? '' : 's'}`,
    report.summary,
  ];
  if (top?.rootCause) {
    const cause = top.rootCause;
    lines.push(
      `Root cause: ${cause.code}${cause.object ? ` ${refText(cause.object)}` : ''}${cause.detail ? ` — ${cause.detail}` : ''}`,
    );
  }
  for (const suggestion of top?.suggestions.slice(0, 2) ?? []) lines.push(`• ${suggestion}`);
  const others = report.findings
    .slice(1)
    .map((finding) => `  ${finding.severity} ${finding.code} ${refText(finding.owner ?? finding.object)}`);
  if (others.length > 0) lines.push('Also:', ...cutLines(others, run.limits.rows, 'diagnose one of them'));
  const mentioned = uniqueRefs(
    report.findings.map((finding) => ({ ref: finding.owner ?? finding.object, status: finding.code })),
  );
  const object = top ? (top.owner ?? top.object) : scope.object;
  const context: ConversationContext = {
    ...remember(withNamespace(run), mentioned),
    ...(object ? { lastIncident: { reportId: report.id, object } } : {}),
  };
  return { context, report, text: lines.join('\n') };
};

function uniqueRefs(entries: { ref: ObjectRef; status: string }[]): ContextObject[] {
  const seen = new Set<string>();
  const out: ContextObject[] = [];
  for (const { ref, status } of entries) {
    const key = refText(ref);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({
      kind: ref.kind,
      name: ref.name,
      status,
      ...(ref.namespace ? { namespace: ref.namespace } : {}),
    });
  }
  return out;
}

/** A write command: resolve its target among the action's kinds, let the catalog check it, and only propose. */
function proposing(
  action: ActionName,
  fields: (args: CommandArgs) => Record<string, unknown> = () => ({}),
): Handler {
  return async (run) => {
    const definition = actionByName[action];
    const query = run.args.target ?? '';
    const kinds = definition.targetKinds as readonly string[];
    let target: ContextObject;
    if (kinds.includes('Pod')) {
      const found = await podTarget(run, false);
      if ('text' in found) return { context: run.context, text: found.text };
      target = found.pod;
    } else {
      const resolution = await resolveTarget(
        { text: query, kinds, namespace: run.namespace },
        run.context,
        run.options.reader,
        run.now(),
      );
      const problem = unresolved(run, query, kinds.join(' or '), resolution);
      if (problem || !('object' in resolution)) return { context: run.context, text: problem ?? '' };
      target = resolution.object;
    }
    if (!target.namespace)
      return { context: run.context, text: `Which namespace is ${target.name} in? Add it, or /use <ns>.` };
    const proposal: Proposal = {
      id: `chat-${crypto.randomUUID().slice(0, 8)}`,
      action,
      target: { kind: target.kind, namespace: target.namespace, name: target.name },
      ...fields(run.args),
      reason: `asked in the chat (/${action === 'delete-pod' ? 'delete pod' : action})`,
    };
    try {
      const plan = planProposal(proposal, run.options.now ?? new Date());
      return {
        context: remember(withNamespace(run), [target]),
        proposal,
        text: `Proposed: ${plan.description}.\nNothing changes until a person approves it.`,
      };
    } catch (error) {
      if (error instanceof ActionError)
        return { context: run.context, text: `Cannot propose that: ${error.message}` };
      throw error;
    }
  };
}

const use: Handler = async (run) => {
  const name = run.args.name ?? '';
  const clusters = run.options.clusters ?? [];
  if (run.args.use === 'cluster' || (run.args.use !== 'namespace' && clusters.includes(name))) {
    if (!clusters.includes(name))
      return { context: run.context, text: `No cluster "${name}". Known: ${clusters.join(', ') || 'none'}.` };
    // Another cluster's objects mean nothing here.
    return { context: { cluster: name, lastObjects: [] }, text: `Using cluster ${name}.` };
  }
  const found = await run.options.reader.get(resources.namespaces, undefined, name);
  if (!found) {
    const known = (await run.options.reader.list(resources.namespaces, { limit: 500, maxItems: 500 })).map(
      (namespace) => namespace.metadata.name,
    );
    const list = cutLines(known, run.limits.rows, 'more exist').join(', ');
    return {
      context: run.context,
      text: `No namespace "${name}" in ${run.options.cluster}. Namespaces: ${list}`,
    };
  }
  return {
    context: { ...run.context, namespace: name },
    text: `Using namespace ${name} in ${run.options.cluster}.`,
  };
};

const handlers: Record<CommandName, Handler> = {
  pods,
  logs,
  describe,
  events,
  diagnose: diagnoseCommand,
  restart: proposing('restart'),
  scale: proposing('scale', (args) => (args.replicas === undefined ? {} : { replicas: args.replicas })),
  delete: proposing('delete-pod'),
  use,
  forget: async () => ({
    context: emptyContext(),
    text: 'Forgotten: no cluster, namespace or objects remembered.',
  }),
  help: async (run) => ({ context: run.context, text: helpText() }),
};
