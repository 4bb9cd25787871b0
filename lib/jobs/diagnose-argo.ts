// The diagnose-argo job: an Argo CD notification (sync failed, health degraded, sync status unknown, or a sync that
// succeeded after a failure) explained in one message that names the resource, the field and the fix.
import { z } from 'zod';
import {
  type ApplicationState,
  applicationRef,
  argoFinding,
  classify,
  explain,
  failedPhase,
  recovered,
  shortRevision,
  stateOf,
  unhealthy,
} from '../argocd/index.ts';
import { channelNames, textMessage } from '../chat/index.ts';
import { type ClusterReader, type K8sObject, resources } from '../cluster/index.ts';
import { diagnose } from '../diagnosis/index.ts';
import { ArgoNotification } from '../events/argocd/payload.ts';
import { render, type Text } from '../i18n/index.ts';
import type { Finding, Report, ReportLink } from '../report/index.ts';
import { redactDeep } from '../security/index.ts';
import { DEDUP_UNAVAILABLE_NOTE } from './diagnose-alert.ts';
import { isPermanent } from './failure.ts';
import { type DedupState, guardedStores } from './guarded-stores.ts';
import { defineJobKind } from './kind.ts';
import { deliverOnce, runOnce } from './once.ts';
import { JobBase, type ReplyTarget } from './schema.ts';
import { reportSubject } from './summary.ts';
import type { AttemptInfo, JobDeps } from './types.ts';

export const DiagnoseArgoJob = JobBase.extend({
  kind: z.literal('diagnose-argo'),
  source: z.literal('argocd'),
  /** The notification as received (bounded by its schema); the Application read through the proxy wins over it. */
  notification: ArgoNotification,
  /**
   * Once per failure: app + revision + phase + a hash of the normalised message (retry counters removed). The job
   * id is derived from it, so the same failure notified again is the same job and one message.
   */
  failureKey: z.string().min(1).max(200),
});
export type DiagnoseArgoJob = z.infer<typeof DiagnoseArgoJob>;

export type DiagnoseArgoOutcome =
  | {
      status: 'done';
      reportId: string;
      delivered: string[];
      findings: number;
      subject: string;
      diagnosed?: false;
      dedupUnavailable?: true;
    }
  /** A sync that succeeded: ✅ under the failure on record (`delivered` empty when there was none). */
  | { status: 'recovered'; delivered: string[] }
  | { status: 'duplicate' }
  | { status: 'busy' };

const REPORT_TTL_SECONDS = 7 * 86_400;
/** How long a failure waits for the sync that fixes it: long enough for a weekend. */
const FAILURE_TTL_SECONDS = 14 * 86_400;

export async function runDiagnoseArgoJob(
  job: DiagnoseArgoJob,
  deps: JobDeps,
  attempt: AttemptInfo = { finalAttempt: false },
): Promise<DiagnoseArgoOutcome> {
  const dedup: DedupState = { unavailable: false };
  const guarded: JobDeps = { ...deps, ...guardedStores(deps, attempt.finalAttempt, dedup) };
  return runOnce(guarded.ledger, job.id, deps.lockSeconds ?? 120, () => handle(job, guarded, attempt, dedup));
}

/** The Application through the proxy, or why it could not be read (retries left: a transient failure throws). */
async function readApplication(
  job: DiagnoseArgoJob,
  reader: ClusterReader,
  attempt: AttemptInfo,
): Promise<{ application?: K8sObject; unreadable?: Text }> {
  const { app, namespace } = job.notification;
  const names = { app: `${namespace}/${app}`, cluster: job.cluster };
  try {
    const application = await reader.get(resources.applications, namespace, app);
    return application ? { application } : { unreadable: { key: 'cluster.argoNotFound', params: names } };
  } catch (error) {
    if (!attempt.finalAttempt && !isPermanent(error)) throw error;
    const reason = (error instanceof Error ? error.message : String(error)).slice(0, 300);
    return { unreadable: { key: 'cluster.argoUnreadable', params: { ...names, reason } } };
  }
}

async function handle(
  job: DiagnoseArgoJob,
  deps: JobDeps,
  attempt: AttemptInfo,
  dedup: DedupState,
): Promise<DiagnoseArgoOutcome> {
  const reader = deps.readerFor(job.cluster, `argocd:${job.notification.app}`);
  const { application, unreadable } = await readApplication(job, reader, attempt);
  const state = stateOf(application, job.notification);
  if (recovered(state)) return answerRecovery(job, state, deps, attempt);

  const reportId = `${job.id.slice(0, 180)}-${crypto.randomUUID().slice(0, 8)}`;
  let report = await buildReport(job, state, reader, reportId, unreadable, deps.now?.() ?? new Date());
  // Last line of defence before anything is stored or leaves: mask credentials that slipped into the texts.
  report = redactDeep(report);
  await deps.reports.save(report, deps.reportTtlSeconds ?? REPORT_TTL_SECONDS);
  // Whether the ledger answered is known only once it was asked, so the note is added per target.
  const sent = await deliverOnce(deps.ledger, job.id, job.replyTo, (target) =>
    deps.deliver(target, dedup.unavailable ? withDedupNote(report) : report),
  );
  if (report.findings.length > 0 && sent.length > 0) await recordFailure(job, sent, deps, attempt);
  return {
    status: 'done',
    reportId: report.id,
    delivered: sent.map(({ key }) => key),
    findings: report.findings.length,
    subject: reportSubject(report),
    ...(unreadable ? { diagnosed: false as const } : {}),
    ...(dedup.unavailable ? { dedupUnavailable: true as const } : {}),
  };
}

/** The report with the note that duplicates may follow (said in English: the note has no Text yet). */
function withDedupNote({ summaryText: _, ...report }: Report): Report {
  return { ...report, summary: `${report.summary} ${DEDUP_UNAVAILABLE_NOTE}` };
}

/** What Argo CD said happened, as a person names it (the report's title). */
function triggerOf(state: ApplicationState): string {
  if (failedPhase(state)) return 'Argo CD sync failed';
  if (unhealthy(state)) return `Argo CD app ${state.healthStatus?.toLowerCase()}`;
  if (state.syncStatus === 'OutOfSync' || state.syncStatus === 'Unknown')
    return `Argo CD app ${state.syncStatus === 'OutOfSync' ? 'out of sync' : 'sync status unknown'}`;
  return 'Argo CD notification';
}

/** `triggerOf` without its "Argo CD", in the reader's language. */
function triggerText(state: ApplicationState): Text {
  const trigger = failedPhase(state)
    ? 'failed'
    : unhealthy(state)
      ? 'unhealthy'
      : state.syncStatus === 'OutOfSync'
        ? 'outOfSync'
        : state.syncStatus === 'Unknown'
          ? 'unknown'
          : 'other';
  return {
    key: 'cluster.argoTrigger',
    params: { trigger, health: String(state.healthStatus?.toLowerCase()) },
  };
}

function linksOf(job: DiagnoseArgoJob): ReportLink[] {
  const base = job.notification.argocdUrl?.replace(/\/+$/, '');
  if (!base) return [];
  const { namespace, app } = job.notification;
  return [{ label: 'Open in Argo CD', url: `${base}/applications/${namespace}/${encodeURIComponent(app)}` }];
}

/** Same object and code once: the hook's and the workload's diagnoses may meet. */
function uniqueFindings(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.code}/${f.object.kind}/${f.object.namespace}/${f.object.name}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

async function buildReport(
  job: DiagnoseArgoJob,
  state: ApplicationState,
  reader: ClusterReader,
  reportId: string,
  unreadable: Text | undefined,
  now: Date,
): Promise<Report> {
  const started = Date.now();
  const causes = classify(state);
  const explanation = await explain(causes, reader, async (object) =>
    diagnose({
      reader,
      cluster: job.cluster,
      source: 'argocd',
      scope: { kind: 'object', ...(object.namespace ? { namespace: object.namespace } : {}), object },
    }),
  );
  // Stored in English with each sentence's Text beside it: every destination reads it in its own language.
  const alone: Text | undefined = unreadable
    ? { key: 'cluster.argoFromNotification', params: { why: unreadable } }
    : undefined;
  const finding = argoFinding(state, causes, {
    ...(explanation.rootCause ? { rootCause: explanation.rootCause } : {}),
    ...(explanation.fix ? { fix: explanation.fix } : {}),
    ...(explanation.fixText ? { fixText: explanation.fixText } : {}),
    notes: [...explanation.notes, ...(alone ? [render(alone, 'en')] : [])],
    noteTexts: [...explanation.noteTexts, ...(alone ? [alone] : [])],
  });
  const findings = uniqueFindings([...(finding ? [finding] : []), ...explanation.findings]);
  const links = linksOf(job);
  const said = job.notification.message ? job.notification.message.slice(0, 300) : 'none';
  const summary: Text = finding
    ? {
        key: 'cluster.argoReportSummary',
        params: { summary: finding.summaryText ?? finding.summary, why: unreadable ?? 'none' },
      }
    : unreadable
      ? {
          key: 'cluster.argoNoDiagnosis',
          params: {
            why: unreadable,
            trigger: triggerText(state),
            app: `${state.namespace}/${state.app}`,
            said,
          },
        }
      : {
          key: 'cluster.argoNothingToFix',
          params: {
            app: state.app,
            sync: state.syncStatus ?? '?',
            health: state.healthStatus ?? '?',
            phase: state.phase ?? 'none',
            said,
          },
        };
  return {
    id: reportId,
    source: 'argocd',
    cluster: job.cluster,
    scope: { kind: 'object', namespace: state.namespace, object: applicationRef(state) },
    startedAt: now.toISOString(),
    alert: {
      name: triggerOf(state),
      labels: { app: state.app, ...(state.project ? { project: state.project } : {}) },
    },
    findings,
    summary: render(summary, 'en'),
    summaryText: summary,
    proposals: [],
    ...(links.length > 0 ? { links } : {}),
    meta: {
      apiRequests: explanation.meta.apiRequests + reader.stats.requests,
      bytesRead: explanation.meta.bytesRead + reader.stats.bytes,
      durationMs: Date.now() - started,
    },
  };
}

/** Where the failure's messages went, for the ✅ that follows the fix; best effort on the last delivery. */
async function recordFailure(
  job: DiagnoseArgoJob,
  sent: { target: ReplyTarget; result: Awaited<ReturnType<JobDeps['deliver']>> }[],
  deps: JobDeps,
  attempt: AttemptInfo,
): Promise<void> {
  if (!deps.argoFailures) return;
  const refs = sent.map(({ target, result }) => ({
    channel: target.channel,
    to: result?.to ?? target.to,
    ...(result?.id ? { id: result.id } : {}),
    ...(result?.thread ? { thread: result.thread } : {}),
  }));
  const recording = deps.argoFailures.record(
    job.cluster,
    job.notification.app,
    { failureKey: job.failureKey, refs },
    FAILURE_TTL_SECONDS,
  );
  // The message went out; losing the ✅ later is better than failing a job whose message was sent.
  if (attempt.finalAttempt) await recording.catch(() => undefined);
  else await recording;
}

/** ✅ in each failure message's thread (LINE: the next message in that chat), once; then the failure is cleared. */
async function answerRecovery(
  job: DiagnoseArgoJob,
  state: ApplicationState,
  deps: JobDeps,
  attempt: AttemptInfo,
): Promise<DiagnoseArgoOutcome> {
  // On the last delivery a store that cannot answer means no ✅, rather than a job that fails for nothing to say.
  const lookup = deps.argoFailures?.get(job.cluster, state.app);
  const failure = attempt.finalAttempt ? await lookup?.catch(() => undefined) : await lookup;
  if (!failure || !deps.say) return { status: 'recovered', delivered: [] };
  const revision = shortRevision(state.revision);
  const text = `✅ ${state.app} synced${revision ? ` revision ${revision}` : ''} and is healthy.`;
  const targets = failure.refs.flatMap((ref): ReplyTarget[] => {
    const parsed = z.enum(channelNames).safeParse(ref.channel);
    if (!parsed.success) return [];
    const thread = ref.thread ?? ref.id;
    return [{ channel: parsed.data, to: ref.to, ...(thread ? { thread } : {}) }];
  });
  const say = deps.say;
  const sent = await deliverOnce(deps.ledger, job.id, targets, (target) =>
    say(target, textMessage(job.id, text)),
  );
  const clearing = deps.argoFailures?.clear(job.cluster, state.app);
  if (attempt.finalAttempt) await clearing?.catch(() => undefined);
  else await clearing;
  return { status: 'recovered', delivered: sent.map(({ key }) => key) };
}

export const diagnoseArgo = defineJobKind({
  kind: 'diagnose-argo',
  schema: DiagnoseArgoJob,
  run: runDiagnoseArgoJob,
});
