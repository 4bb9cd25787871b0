// The read commands: pods, logs, describe and events through the agent tools' views, and /diagnose.
import { parseLogHead, repeatsOf, runTool, table, viewOf } from '../agent/index.ts';
import { resourceFor, resources } from '../cluster/index.ts';
import { diagnose } from '../diagnosis/index.ts';
import type { ObjectRef, Scope } from '../report/index.ts';
import { type ContextObject, type ConversationContext, remember } from './context.ts';
import {
  ambiguity,
  type Handler,
  type Run,
  refText,
  toolContext,
  unresolved,
  withNamespace,
} from './handler.ts';
import { cutLines, lastLines } from './reply.ts';
import { contextObject, podsOf, resolveTarget } from './targets.ts';

const WORKLOADS = ['Deployment', 'StatefulSet', 'DaemonSet'];
/** List columns a phone has no room for. */
const WIDE_COLUMNS = new Set(['NODE', 'IMAGES', 'SELECTOR']);

export const pods: Handler = async (run) => {
  const { reader } = run.options;
  const namespace = run.namespace;
  const items = await reader.list(resources.pods, {
    ...(namespace ? { namespace } : {}),
    limit: 500,
    maxItems: 500,
  });
  if (items.length === 0)
    return {
      context: withNamespace(run),
      text: namespace ? run.t('pods.none', { namespace }) : run.t('pods.noneAnywhere'),
    };
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
  const hint = namespace ? `/describe pod <name> ${namespace}` : run.t('hint.narrowPods');
  const count = namespace
    ? run.t('pods.count', { count: items.length, namespace })
    : run.t('pods.countAnywhere', { count: items.length });
  const needingALook = view.needingALook?.(items);
  const text = [
    `${count}${needingALook === undefined ? '' : run.t('chat.podsUnhealthy', { count: needingALook })}`,
    head,
    ...cutLines(body, run.limits.rows, hint, run.locale),
  ];
  const shown = ordered.map((item) => contextObject(resources.pods, item, now));
  return { context: remember(withNamespace(run), shown), text: text.join('\n') };
};

/** The pod a /logs or /delete means: one pod, or (logs only) the first of a workload's pods. */
export async function podTarget(
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
  if (!first) return { text: run.t('logs.noPods', { object: refText(object) }) };
  const note =
    members.length > 1
      ? run.t('logs.picked', {
          name: object.name,
          count: members.length,
          first: first.name,
          others: members
            .slice(1)
            .map((pod) => pod.name)
            .join(', '),
        })
      : undefined;
  return { pod: first, ...(note ? { note } : {}) };
}

const REGEX_SYNTAX = /[\\^$.*+?()[\]{}|]/;

export const logs: Handler = async (run) => {
  const target = await podTarget(run, true);
  if ('text' in target) return { context: run.context, text: target.text };
  const { pod, note } = target;
  if (!pod.namespace) return { context: run.context, text: run.t('logs.whichNamespace', { pod: pod.name }) };
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
  const shown = lines
    .map(shortTimestamp)
    .filter((line) => !pattern || pattern.test(line))
    .map((line) => {
      // The tool's note between log lines is ours, said in the reader's language; the log text stays as it is.
      const count = repeatsOf(line);
      return count === undefined ? line : `  ${run.t('chat.logRepeated', { count })}`;
    });
  const text = [
    ...(note ? [note] : []),
    logHeadIn(run, head, pattern ? { grep: `/${grep}/`, lines: shown.length } : undefined),
    ...lastLines(shown, run.limits.lines, run.t(grep ? 'hint.narrowGrep' : 'hint.addGrep'), run.locale),
  ];
  return { context: remember(withNamespace(run), [pod]), text: text.join('\n') };
};

/** The tool's head line in the reader's language; a pattern matched here replaces the tool's grep and count. */
function logHeadIn(run: Run, line: string, matched?: { grep: string; lines: number }): string {
  const head = parseLogHead(line);
  if (!head) return line;
  const grep = matched?.grep ?? (head.grep !== undefined ? `"${head.grep}"` : undefined);
  return run.t('chat.logHead', {
    namespace: head.namespace,
    pod: head.pod,
    hasContainer: head.container ? 'yes' : 'no',
    container: head.container ?? '',
    previous: head.previous ? 'yes' : 'no',
    hasGrep: grep ? 'yes' : 'no',
    grep: grep ?? '',
    emptyNote: head.emptyNote ? 'yes' : 'no',
    count: matched?.lines ?? head.lines,
  });
}

/** `2026-11-23T09:57:41.845Z msg` → `09:57:41 msg`: the date is today's and the width is a phone's. */
const shortTimestamp = (line: string) =>
  line.replace(/^\d{4}-\d{2}-\d{2}T(\d{2}:\d{2}:\d{2})(\.\d+)?Z\s?/, '$1 ');

export const describe: Handler = async (run) => {
  const query = run.args.target ?? '';
  const resource = run.args.kind ? resourceFor(run.args.kind) : undefined;
  if (run.args.kind && !resource)
    return { context: run.context, text: run.t('describe.unknownKind', { kind: run.args.kind }) };
  // Without a kind: the kinds a person most often means.
  const kinds = resource ? [resource.kind] : ['Pod', ...WORKLOADS, 'Service', 'Node'];
  const resolution = await resolveTarget(
    { text: query, kinds, namespace: run.namespace },
    run.context,
    run.options.reader,
    run.now(),
  );
  const problem = unresolved(run, query, resource?.kind ?? run.t('noun.object'), resolution);
  if (problem || !('object' in resolution))
    return {
      context: run.context,
      text: `${problem ?? ''}${resource ? '' : `\n${run.t('describe.sayKind')}`}`,
    };
  const { object } = resolution;
  const answer = await runTool(
    'describe_object',
    { kind: object.kind, name: object.name, ...(object.namespace ? { namespace: object.namespace } : {}) },
    toolContext(run.options.reader),
  );
  const hint = object.namespace ? `/events ${object.namespace}` : '/events';
  const lines = cutLines(answer.split('\n'), run.limits.lines, hint, run.locale);
  return { context: remember(withNamespace(run), [object]), text: lines.join('\n') };
};

export const events: Handler = async (run) => {
  const answer = await runTool(
    'get_events',
    run.namespace ? { namespace: run.namespace } : {},
    toolContext(run.options.reader),
  );
  const [head = '', ...lines] = answer.split('\n');
  const hint = run.namespace ? `/describe <kind> <name> ${run.namespace}` : run.t('hint.narrowEvents');
  return {
    context: withNamespace(run),
    text: [head, ...cutLines(lines, run.limits.rows, hint, run.locale)].join('\n'),
  };
};

export const diagnoseCommand: Handler = async (run) => {
  const { reader, cluster } = run.options;
  let scope: Scope = run.namespace ? { kind: 'namespace', namespace: run.namespace } : { kind: 'cluster' };
  if (run.args.target) {
    const resolution = await resolveTarget(
      { text: run.args.target, kinds: ['Pod', ...WORKLOADS, 'Service'], namespace: run.namespace },
      run.context,
      reader,
      run.now(),
    );
    const problem = unresolved(run, run.args.target, run.t('noun.object'), resolution);
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
  const where = scope.object ? refText(scope.object) : (scope.namespace ?? run.t('diagnose.theCluster'));
  const [top] = report.findings;
  const lines = [run.t('diagnose.heading', { where, count: report.findings.length }), report.summary];
  if (top?.rootCause) {
    const cause = top.rootCause;
    lines.push(
      run.t('diagnose.rootCause', {
        cause: `${cause.code}${cause.object ? ` ${refText(cause.object)}` : ''}${cause.detail ? ` — ${cause.detail}` : ''}`,
      }),
    );
  }
  for (const suggestion of top?.suggestions.slice(0, 2) ?? []) lines.push(`• ${suggestion}`);
  const others = report.findings
    .slice(1)
    .map((finding) => `  ${finding.severity} ${finding.code} ${refText(finding.owner ?? finding.object)}`);
  if (others.length > 0)
    lines.push(
      run.t('diagnose.also'),
      ...cutLines(others, run.limits.rows, run.t('hint.diagnoseOne'), run.locale),
    );
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
