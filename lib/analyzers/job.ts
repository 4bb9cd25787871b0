// JobFailed: a Job failed (BackoffLimitExceeded, DeadlineExceeded); its failed pod's logs say why, as a crash
// loop's do, and a FailedCreate that still holds (a missing ServiceAccount) when it made no pod.
import type { K8sObject, ResourceName } from '../cluster/index.ts';
import {
  type AnalysisContext,
  type Cause,
  type ContainerStatus,
  causeFromLog,
  containerStatuses,
  describeRef,
  inTwoForms,
  missingServiceAccount,
  ownerReads,
  policyReads,
  recentEvents,
  refOf,
  resolutionOf,
} from '../evidence/index.ts';
import { render, type Text, verbatim } from '../i18n/index.ts';
import type { Finding, ObjectRef } from '../report/index.ts';
import { agoParams, EvidenceLines } from './history-text.ts';
import { type Analyzer, LOG_LIMIT_BYTES, LOG_TAIL_LINES, type LogRequest } from './types.ts';

export function failedCondition(job: K8sObject) {
  return (job.status?.conditions ?? []).find(
    (c: { type: string; status: string }) => c.type === 'Failed' && c.status === 'True',
  );
}

/** The pods a Job created, newest first. */
function jobPods(context: AnalysisContext, job: K8sObject): K8sObject[] {
  return context
    .podsIn(job.metadata.namespace)
    .filter(
      (pod) =>
        pod.metadata.ownerReferences?.some((o) => o.kind === 'Job' && o.name === job.metadata.name) ||
        pod.metadata.labels?.['job-name'] === job.metadata.name,
    )
    .sort((a, b) => String(b.metadata.creationTimestamp).localeCompare(String(a.metadata.creationTimestamp)));
}

const failedStatus = (status: ContainerStatus) =>
  (status.state?.terminated?.exitCode ?? 0) !== 0 || (status.lastState?.terminated?.exitCode ?? 0) !== 0;

/** The job's most recent failed pod (what `kubectl logs job/NAME` would show): Failed, or failing in place (OnFailure). */
export function failedPodOf(context: AnalysisContext, job: K8sObject): K8sObject | undefined {
  return jobPods(context, job).find(
    (pod) => pod.status?.phase === 'Failed' || containerStatuses(pod).some(failedStatus),
  );
}

/** The container that failed (a sidecar listed first is not the job), else the first. */
function failedContainer(pod: K8sObject): ContainerStatus | { name: string | undefined } {
  return containerStatuses(pod).find(failedStatus) ?? { name: pod.spec?.containers?.[0]?.name };
}

/** The failed container's log, and its previous instance's when it restarted in place, as a crash loop is read. */
export function jobLogRequests(pod: K8sObject): LogRequest[] {
  const status = failedContainer(pod);
  const request = (previous: boolean): LogRequest => ({
    namespace: pod.metadata.namespace!,
    pod: pod.metadata.name,
    ...(status.name ? { container: status.name } : {}),
    previous,
    tailLines: LOG_TAIL_LINES,
    limitBytes: LOG_LIMIT_BYTES,
  });
  return 'restartCount' in status && (status.restartCount ?? 0) > 0
    ? [request(false), request(true)]
    : [request(false)];
}

/** `kubectl logs` for a Job's failed pod, naming the container when the pod has more than one. */
export function logsCommand(pod: K8sObject): string {
  const container = failedContainer(pod).name;
  const many = (pod.spec?.containers?.length ?? 0) > 1;
  return `kubectl -n ${pod.metadata.namespace} logs ${pod.metadata.name}${container && many ? ` -c ${container}` : ''}`;
}

export interface JobCause {
  pod?: K8sObject;
  cause?: Cause;
  /** What the evidence should say besides the cause: pods gone, Warning events that are stale. */
  notes: string[];
  /** `notes` kept language-neutral, one for one. */
  noteTexts: Text[];
}

/** Why a Job failed: its failed pod's logs (current, then previous), else a `FailedCreate` that still holds. */
export function jobCause(context: AnalysisContext, job: K8sObject): JobCause {
  const pods = jobPods(context, job);
  const pod = failedPodOf(context, job);
  const notes = new EvidenceLines();
  let cause: Cause | undefined;
  if (pod) {
    const container = failedContainer(pod).name;
    for (const previous of [false, true]) {
      const log = context.log(pod.metadata.namespace!, pod.metadata.name, container, previous);
      cause = log ? causeFromLog(context, pod, log.text) : undefined;
      if (cause) break;
    }
  } else if (pods.length === 0 && Number(job.status?.failed ?? 0) > 0) {
    notes.say({ key: 'history.jobPodsGone' });
  }
  // A Warning from before the latest attempt, or about an object that exists now, is history.
  const latest = pods[0] ? Date.parse(String(pods[0].metadata.creationTimestamp)) : undefined;
  for (const event of recentEvents(context, refOf(job), 'FailedCreate')) {
    const resolved = resolutionOf(context, event, latest);
    if (resolved) {
      notes.say({
        key: 'history.eventResolved',
        params: {
          count: String(event.count),
          ...agoParams(context, event.lastSeen),
          ...(resolved.why === 'exists'
            ? { why: 'exists', object: describeRef(resolved.object) }
            : (({ agoUnit, ago }) => ({ why: 'before', sinceUnit: agoUnit!, since: ago! }))(
                agoParams(context, resolved.since),
              )),
        },
      });
      continue;
    }
    const account = missingServiceAccount(event);
    // Blamed only when the list was read and lacks it (a proxy that may not list ServiceAccounts proves nothing).
    const absent = account && context.loaded('serviceAccounts');
    if (!cause && absent && pods.length === 0) {
      const detail: Text = { key: 'history.serviceAccountMissing', params: { account } };
      const line: Text = {
        key: 'history.eventFailedCreate',
        params: { count: String(event.count), message: event.message.slice(0, 200) },
      };
      cause = {
        rootCause: {
          code: 'MissingConfig',
          object: { kind: 'ServiceAccount', namespace: job.metadata.namespace, name: account } as ObjectRef,
          detail: render(detail, 'en'),
          detailText: detail,
        },
        evidence: [render(line, 'en')],
        evidenceTexts: [line],
      } as Cause;
    }
  }
  return {
    ...(pod ? { pod } : {}),
    ...(cause ? { cause } : {}),
    notes: notes.lines,
    noteTexts: notes.texts,
  };
}

/** A cause's evidence Texts when its builder kept them (the log builders say them language-neutral too). */
export function causeEvidenceTexts(cause: Cause | undefined): Text[] | undefined {
  return (cause as (Cause & { evidenceTexts?: Text[] }) | undefined)?.evidenceTexts;
}

/** ServiceAccounts, read only when a Job's `FailedCreate` says one is missing (to tell whether it is still). */
export function serviceAccountReads(context: AnalysisContext): ResourceName[] {
  const named = context
    .list('jobs')
    .some((job) => context.eventsFor(refOf(job), false).some((event) => missingServiceAccount(event)));
  return named && !context.loaded('serviceAccounts') ? ['serviceAccounts'] : [];
}

const standalone = (context: AnalysisContext) =>
  context
    .list('jobs')
    .filter(
      (job) =>
        failedCondition(job) &&
        !job.metadata.ownerReferences?.some((o) => o.kind === 'CronJob') &&
        context.isFresh(Date.parse(failedCondition(job).lastTransitionTime ?? ''), 24 * 60 * 60 * 1000),
    );

export const jobFailed: Analyzer = {
  name: 'job',
  reads: { Job: ['jobs', 'pods', 'events'] },
  followUps: (context) => [...ownerReads(context), ...policyReads(context), ...serviceAccountReads(context)],
  logs(context) {
    return standalone(context).flatMap((job) => {
      const pod = failedPodOf(context, job);
      return pod ? jobLogRequests(pod) : [];
    });
  },
  analyze(context) {
    return standalone(context).map((job): Finding => {
      const condition = failedCondition(job);
      const ref = refOf(job);
      const { pod, cause, notes, noteTexts } = jobCause(context, job);
      const summary: Text = {
        key: 'history.jobFailed',
        params: {
          job: describeRef(ref),
          reason: condition.reason ?? 'Failed',
          detail: cause?.rootCause.detail || 'none',
        },
      };
      const evidence = new EvidenceLines()
        .say({
          key: 'history.jobCondition',
          params: { reason: condition.reason ?? '', message: String(condition.message ?? '').slice(0, 160) },
        })
        .say({
          key: 'history.jobCounts',
          params: {
            succeeded: String(job.status?.succeeded ?? 0),
            failed: String(job.status?.failed ?? 0),
            backoffLimit: String(job.spec?.backoffLimit ?? 6),
          },
        })
        .quote(cause?.evidence ?? [], causeEvidenceTexts(cause))
        .quote(notes, noteTexts);
      const suggestions = [
        verbatim(pod ? logsCommand(pod) : `kubectl -n ${ref.namespace} describe job ${ref.name}`),
      ];
      return {
        code: 'JobFailed',
        severity: 'critical',
        object: ref,
        owner: ref,
        ...(cause ? { rootCause: cause.rootCause } : {}),
        ...inTwoForms({ summary, evidence: evidence.texts, suggestions }),
      };
    });
  },
};
