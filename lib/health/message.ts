// The health digest as the channel-neutral DigestMessage: what a person on a phone reads first (new problems and
// their root causes), then what goes on and what got fixed, the figures, and the report id for the rest.
import {
  type DigestItem,
  type DigestMessage,
  type DigestSection,
  MAX_DIGEST_ITEMS,
  type MessageField,
} from '../chat/index.ts';
import { type Translate, translator } from '../i18n/index.ts';
import type { Locale } from '../locale/index.ts';
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

export function figureFields(figures: HealthFigures, t: Translate = translator('en')): MessageField[] {
  const fields: MessageField[] = [
    { label: t('digest.nodesReady'), value: `${figures.nodes.ready}/${figures.nodes.total}` },
    { label: t('digest.podsNotRunning'), value: String(figures.podsNotRunning) },
    { label: t('digest.restarts'), value: String(figures.restarts24h) },
    { label: t('digest.pvcsPending'), value: String(figures.pvcsPending) },
  ];
  if (figures.argo)
    fields.push({
      label: 'Argo CD',
      value: t('digest.argo', { outOfSync: figures.argo.outOfSync, degraded: figures.argo.degraded }),
    });
  const [first] = figures.certificates;
  const count = figures.certificates.length;
  fields.push({
    label: t('digest.certs'),
    value: first
      ? first.daysLeft < 0
        ? t('digest.certExpired', { count, secret: first.secret })
        : t('digest.certExpiring', { count, secret: first.secret, days: first.daysLeft })
      : '0',
  });
  return fields;
}

export function digestMessage(input: {
  report: Report;
  digest: Digest;
  figures: HealthFigures;
  slot: Slot;
  /** The destination's language; default en. */
  locale?: Locale;
}): DigestMessage {
  const { report, digest, figures, slot } = input;
  const locale = input.locale ?? 'en';
  const t = translator(locale);
  const when = `${slot.date} ${slot.time.slice(0, 2)}:${slot.time.slice(2)} ${slot.timezone}`;
  const title = t('digest.title', { cluster: report.cluster, when });
  const allClear =
    digest.newProblems.length === 0 && digest.ongoing.length === 0 && !figuresWorrying(figures);
  const footer = report.meta
    ? t('digest.footerMeta', {
        id: report.id,
        reads: report.meta.apiRequests,
        ms: Math.round(report.meta.durationMs),
      })
    : t('digest.footer', { id: report.id });
  const allClearLine = t('digest.allClear', {
    cluster: report.cluster,
    ready: figures.nodes.ready,
    total: figures.nodes.total,
    resolved: digest.resolved.length,
    when,
    id: report.id,
  });
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
    figures: figureFields(figures, t),
    footer,
    notification: allClear
      ? allClearLine
      : t('digest.notification', {
          cluster: report.cluster,
          new: digest.newProblems.length,
          ongoing: digest.ongoing.length,
          resolved: digest.resolved.length,
          open: problems,
        }),
    ...(input.locale ? { locale: input.locale } : {}),
  };
}
