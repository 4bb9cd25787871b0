// Compact text views of cluster objects for the model: kubectl-like tables and key lines, never JSON dumps.
import type { K8sObject } from '../cluster/index.ts';
import type { Finding } from '../report/index.ts';
import { isSensitiveName, redactText } from '../security/index.ts';
import { estimateTokens } from './llm.ts';

/** Cuts `text` to about `maxTokens` at a line boundary and says how to ask for less. */
export function capText(text: string, maxTokens: number, narrowHint: string): string {
  if (estimateTokens(text) <= maxTokens) return text;
  const budget = maxTokens * 4 - 200;
  const lines = text.split('\n');
  const kept: string[] = [];
  let size = 0;
  for (const line of lines) {
    const cut = line.length > 400 ? `${line.slice(0, 400)}…` : line;
    if (size + cut.length + 1 > budget) break;
    kept.push(cut);
    size += cut.length + 1;
  }
  return `${kept.join('\n')}\n[truncated: ${lines.length - kept.length} of ${lines.length} lines not shown. ${narrowHint}]`;
}

/** Left-aligned columns, like kubectl. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((title, column) =>
    Math.min(60, Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length))),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => {
        const text = cell.length > 60 ? `${cell.slice(0, 59)}…` : cell;
        return column === cells.length - 1 ? text : text.padEnd(widths[column] ?? 0);
      })
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

/** `3d`, `5h`, `12m`, `40s` between a timestamp and the cluster's now. */
export function age(timestamp: string | undefined, now: number): string {
  if (!timestamp) return '?';
  const seconds = Math.max(0, Math.floor((now - Date.parse(timestamp)) / 1000));
  if (Number.isNaN(seconds)) return '?';
  if (seconds >= 86_400) return `${Math.floor(seconds / 86_400)}d`;
  if (seconds >= 3_600) return `${Math.floor(seconds / 3_600)}h`;
  if (seconds >= 60) return `${Math.floor(seconds / 60)}m`;
  return `${seconds}s`;
}

// biome-ignore lint/suspicious/noExplicitAny: raw container status from the API
type ContainerStatus = any;

/** The STATUS column of `kubectl get pods`. */
export function podStatus(pod: K8sObject): string {
  if (pod.metadata.deletionTimestamp) return 'Terminating';
  if (pod.status?.reason) return String(pod.status.reason);
  const statuses: ContainerStatus[] = [
    ...(pod.status?.initContainerStatuses ?? []),
    ...(pod.status?.containerStatuses ?? []),
  ];
  for (const status of statuses) {
    const reason = status.state?.waiting?.reason ?? status.state?.terminated?.reason;
    if (reason && reason !== 'Completed') return String(reason);
  }
  const unschedulable = (pod.status?.conditions ?? []).find(
    (condition: { type?: string; status?: string; reason?: string }) =>
      condition.type === 'PodScheduled' && condition.status === 'False',
  );
  if (unschedulable?.reason) return String(unschedulable.reason);
  return String(pod.status?.phase ?? 'Unknown');
}

export function podReady(pod: K8sObject): string {
  const statuses: ContainerStatus[] = pod.status?.containerStatuses ?? [];
  const total = (pod.spec?.containers ?? []).length || statuses.length;
  return `${statuses.filter((status) => status.ready).length}/${total}`;
}

export function podRestarts(pod: K8sObject): number {
  const statuses: ContainerStatus[] = pod.status?.containerStatuses ?? [];
  return statuses.reduce((sum, status) => sum + (Number(status.restartCount) || 0), 0);
}

/** True when a pod needs a look: not running-and-ready, or restarting. */
export function podUnhealthy(pod: K8sObject): boolean {
  const [ready, total] = podReady(pod).split('/');
  const status = podStatus(pod);
  if (status === 'Succeeded' || status === 'Completed') return false;
  return status !== 'Running' || ready !== total || podRestarts(pod) > 0;
}

/** An env var as the model may see it: literal values only when the name is not sensitive. */
// biome-ignore lint/suspicious/noExplicitAny: raw env entry from the API
export function describeEnv(env: any): string {
  const name = String(env?.name ?? '?');
  if (env?.valueFrom?.secretKeyRef)
    return `${name} from secret ${env.valueFrom.secretKeyRef.name}/${env.valueFrom.secretKeyRef.key}`;
  if (env?.valueFrom?.configMapKeyRef)
    return `${name} from configmap ${env.valueFrom.configMapKeyRef.name}/${env.valueFrom.configMapKeyRef.key}`;
  if (env?.valueFrom?.fieldRef) return `${name} from field ${env.valueFrom.fieldRef.fieldPath}`;
  if (env?.valueFrom) return `${name} from a reference`;
  if (isSensitiveName(name)) return `${name}=***`;
  const value = String(env?.value ?? '');
  return `${name}=${redactText(value.length > 80 ? `${value.slice(0, 80)}…` : value)}`;
}

const refText = (ref: { kind: string; namespace?: string | undefined; name: string }) =>
  `${ref.kind} ${ref.namespace ? `${ref.namespace}/` : ''}${ref.name}`;

/** Findings as a few lines each: what the rule engine established. */
export function renderFindings(findings: Finding[], maxEvidence = 6, detailed = 8): string {
  if (findings.length === 0) return '(no findings: the analyzers saw nothing wrong in this scope)';
  // The findings come most relevant first; past the first few, one line each is enough to see the spread.
  const brief = findings
    .slice(detailed)
    .map(
      (finding, index) =>
        `${detailed + index + 1}. [${finding.severity}] ${finding.code} ${refText(finding.owner ?? finding.object)}${finding.rootCause ? ` → ${finding.rootCause.code}` : ''}`,
    );
  return [...findings.slice(0, detailed).map(detail), ...brief].join('\n');

  function detail(finding: Finding, index: number): string {
    const lines = [
      `${index + 1}. [${finding.severity}] ${finding.code} ${refText(finding.object)}${finding.owner ? ` (owner ${refText(finding.owner)})` : ''}`,
      `   summary: ${finding.summary}`,
    ];
    if (finding.rootCause)
      lines.push(
        `   root cause: ${finding.rootCause.code}${finding.rootCause.object ? ` ${refText(finding.rootCause.object)}` : ''}${finding.rootCause.detail ? ` — ${finding.rootCause.detail}` : ''}`,
      );
    for (const evidence of finding.evidence.slice(0, maxEvidence)) lines.push(`   evidence: ${evidence}`);
    if (finding.evidence.length > maxEvidence)
      lines.push(`   (${finding.evidence.length - maxEvidence} more evidence lines)`);
    for (const suggestion of finding.suggestions.slice(0, 3)) lines.push(`   suggestion: ${suggestion}`);
    return lines.join('\n');
  }
}

/**
 * Wraps untrusted content so the model can tell data from instructions. A closing tag inside the content is
 * defused, so data cannot end its own wrapper and pose as instructions.
 */
export function asData(source: string, content: string): string {
  const safe = content.replace(/<\/?\s*data\b/gi, (tag) => tag.replace('<', '‹'));
  return `<data source="${source.replace(/"/g, "'")}">\n${safe}\n</data>`;
}
