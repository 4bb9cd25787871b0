// The health digest as the channel-neutral DigestMessage: what a person on a phone reads first (new problems and
// their root causes), then what goes on and what got fixed, the figures, and the report id for the rest.
import {
  type DigestItem,
  type DigestMessage,
  type DigestSection,
  MAX_DIGEST_ITEMS,
  type MessageField,
} from '../chat/index.ts';
import type { Report } from '../report/index.ts';
import type { DigestProblem } from '../store/index.ts';
import type { Digest } from './digest.ts';
import type { HealthFigures } from './figures.ts';
import type { Slot } from './slots.ts';

const severityOrder: Record<string, number> = { critical: 0, warning: 1, info: 2 };

function section(problems: (DigestProblem & { lasted?: string })[]): DigestSection {
  const sorted = [...problems].sort(
    (a, b) => (severityOrder[a.severity] ?? 3) - (severityOrder[b.severity] ?? 3),
  );
  const items = sorted.slice(0, MAX_DIGEST_ITEMS).map(
    (problem): DigestItem => ({
      severity: problem.severity,
      code: problem.code,
      subject: problem.subject,
      summary: problem.summary,
      ...(problem.rootCause ? { rootCause: problem.rootCause } : {}),
      ...(problem.lasted ? { lasted: problem.lasted } : {}),
    }),
  );
  return { items, more: Math.max(0, problems.length - MAX_DIGEST_ITEMS) };
}

/** Whether the figures show anything wrong that no finding names (a cert about to expire, a node not ready). */
export function figuresWorrying(figures: HealthFigures): boolean {
  return (
    figures.nodes.ready < figures.nodes.total ||
    figures.podsNotRunning > 0 ||
    figures.pvcsPending > 0 ||
    (figures.argo ? figures.argo.outOfSync + figures.argo.degraded > 0 : false) ||
    figures.certificates.length > 0
  );
}

export function figureFields(figures: HealthFigures): MessageField[] {
  const fields: MessageField[] = [
    { label: 'Nodes ready', value: `${figures.nodes.ready}/${figures.nodes.total}` },
    { label: 'Pods not running', value: String(figures.podsNotRunning) },
    { label: 'Restarts 24h', value: String(figures.restarts24h) },
    { label: 'PVCs pending', value: String(figures.pvcsPending) },
  ];
  if (figures.argo)
    fields.push({
      label: 'Argo CD',
      value: `${figures.argo.outOfSync} out of sync, ${figures.argo.degraded} degraded`,
    });
  const [first] = figures.certificates;
  fields.push({
    label: 'Certs ≤14d',
    value: first
      ? `${figures.certificates.length} (${first.secret} ${first.daysLeft < 0 ? 'expired' : `in ${first.daysLeft}d`})`
      : '0',
  });
  return fields;
}

export function digestMessage(input: {
  report: Report;
  digest: Digest;
  figures: HealthFigures;
  slot: Slot;
}): DigestMessage {
  const { report, digest, figures, slot } = input;
  const when = `${slot.date} ${slot.time.slice(0, 2)}:${slot.time.slice(2)} ${slot.timezone}`;
  const title = `Health report — ${report.cluster} · ${when}`;
  const allClear =
    digest.newProblems.length === 0 && digest.ongoing.length === 0 && !figuresWorrying(figures);
  const meta = report.meta
    ? ` · ${report.meta.apiRequests} API reads · ${Math.round(report.meta.durationMs)} ms`
    : '';
  const footer = `report ${report.id}${meta}`;
  const resolvedNote = digest.resolved.length > 0 ? ` · ${digest.resolved.length} resolved` : '';
  const allClearLine = `🟢 ${report.cluster}: all clear (${figures.nodes.ready}/${figures.nodes.total} nodes ready${resolvedNote}) · ${when} · report ${report.id}`;
  const problems = digest.newProblems.length + digest.ongoing.length;
  return {
    type: 'digest',
    reportId: report.id,
    cluster: report.cluster,
    title,
    allClear,
    allClearLine,
    newProblems: section(digest.newProblems),
    ongoing: section(digest.ongoing),
    resolved: section(digest.resolved),
    figures: figureFields(figures),
    footer,
    notification: allClear
      ? allClearLine
      : `${report.cluster}: ${digest.newProblems.length} new, ${digest.ongoing.length} ongoing, ${digest.resolved.length} resolved (${problems} open)`,
  };
}
