// A long-firing incident diagnosed again: its thread hears of it only when the lead finding's root cause (code and
// object) is not the one it recorded, so a cause that moved is told and one that stayed says nothing.
import { describeObject, textMessage } from '../chat/index.ts';
import { diagnose, scopeFromAlert } from '../diagnosis/index.ts';
import { renderOr, t } from '../i18n/index.ts';
import type { Locale } from '../locale/index.ts';
import type { Finding, Report } from '../report/index.ts';
import { redactDeep } from '../security/index.ts';
import { INCIDENT_THREAD_TTL_SECONDS, type IncidentStore, type IncidentThread } from '../store/index.ts';
import { deliverOnce } from './once.ts';
import type { JobAlert, ReplyTarget } from './schema.ts';
import type { AttemptInfo, JobDeps } from './types.ts';

/** The lead finding's root cause (the finding itself when it names none): what a recheck compares. */
export interface LeadCause {
  /** `code Kind/namespace/name`: equal ids are the same cause. */
  id: string;
  finding: Finding;
}

export function leadCause(report: Report): LeadCause | undefined {
  const lead = report.findings[0];
  if (!lead) return undefined;
  const code = lead.rootCause?.code ?? lead.code;
  const object = lead.rootCause?.object ?? lead.object;
  return { id: `${code} ${object.kind}/${object.namespace ?? ''}/${object.name}`, finding: lead };
}

/** What a thread records of a diagnosis: its cause (empty when none was found) and when it was made. */
export const diagnosedCause = (report: Report, now: Date) => ({
  cause: leadCause(report)?.id ?? '',
  diagnosedAt: now.toISOString(),
});

/** `🔁 New root cause: ConfigMap shop/payment-config — …`, in the reader's language. */
export function newCauseLine(cause: LeadCause, locale: Locale): string {
  const { finding } = cause;
  const root = finding.rootCause;
  const detail = root?.detail
    ? renderOr(root.detailText, root.detail, locale)
    : renderOr(finding.summaryText, finding.summary, locale);
  return t(locale, 'incident.newCause', { object: describeObject(root?.object ?? finding.object), detail });
}

export type RecheckOutcome =
  | { status: 'updated'; change: 'recheck'; delivered: string[] }
  | { status: 'skipped'; reason: string };

export async function recheckIncident(
  job: { id: string; cluster: string; incidentKey: string; alert?: JobAlert | undefined },
  thread: IncidentThread,
  incidents: IncidentStore,
  deps: JobDeps,
  targets: ReplyTarget[],
  attempt: AttemptInfo,
): Promise<RecheckOutcome> {
  const alert = job.alert;
  if (thread.status !== 'firing') return { status: 'skipped', reason: 'the incident is resolved' };
  if (!alert) return { status: 'skipped', reason: 'no alert to diagnose' };
  let report: Report;
  try {
    report = await diagnose({
      reader: deps.readerFor(job.cluster, `alert:${alert.name}`),
      cluster: job.cluster,
      source: 'alertmanager',
      scope: scopeFromAlert(alert.labels),
      alert: {
        name: alert.name,
        ...(alert.severity ? { severity: alert.severity } : {}),
        labels: alert.labels,
      },
      id: `${job.id}-${crypto.randomUUID().slice(0, 8)}`,
      troubleSince: thread.openedAt,
      ...(deps.changeWindowMinutes ? { changeWindowMinutes: deps.changeWindowMinutes } : {}),
    });
  } catch (error) {
    // The first message already said what was known; a recheck that cannot read the cluster says nothing more.
    if (attempt.finalAttempt) return { status: 'skipped', reason: 'the cluster could not be read' };
    throw error;
  }
  const now = deps.now?.() ?? new Date();
  const cause = leadCause(redactDeep(report));
  const recorded = { ...thread, diagnosedAt: now.toISOString() };
  // A thread from before causes were recorded learns its cause quietly; no finding now is not a new cause.
  if (!cause || thread.cause === undefined || cause.id === thread.cause) {
    await incidents.saveThread(
      job.incidentKey,
      { ...recorded, cause: thread.cause ?? cause?.id ?? '' },
      INCIDENT_THREAD_TTL_SECONDS,
    );
    return { status: 'skipped', reason: 'the same root cause' };
  }
  const say = deps.say;
  const sent = say
    ? await deliverOnce(deps.ledger, job.id, targets, (target) =>
        say(target, textMessage(job.id, newCauseLine(cause, target.lang ?? deps.locale ?? 'en'))),
      )
    : [];
  await incidents.saveThread(job.incidentKey, { ...recorded, cause: cause.id }, INCIDENT_THREAD_TTL_SECONDS);
  return { status: 'updated', change: 'recheck', delivered: sent.map(({ key }) => key) };
}
