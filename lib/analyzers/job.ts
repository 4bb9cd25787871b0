// JobFailed: a Job failed (BackoffLimitExceeded, DeadlineExceeded); its failed pod's log says why.
import type { K8sObject } from '../cluster/index.ts';
import {
  type AnalysisContext,
  type Cause,
  causeFromLog,
  describeRef,
  ownerReads,
  policyReads,
  refOf,
} from '../evidence/index.ts';
import type { Finding } from '../report/index.ts';
import { type Analyzer, LOG_LIMIT_BYTES, LOG_TAIL_LINES, type LogRequest } from './types.ts';

export function failedCondition(job: K8sObject) {
  return (job.status?.conditions ?? []).find(
    (c: { type: string; status: string }) => c.type === 'Failed' && c.status === 'True',
  );
}

/** The job's most recent failed pod (what `kubectl logs job/NAME` would show). */
export function failedPodOf(context: AnalysisContext, job: K8sObject): K8sObject | undefined {
  return context
    .podsIn(job.metadata.namespace)
    .filter(
      (pod) =>
        (pod.metadata.ownerReferences?.some((o) => o.kind === 'Job' && o.name === job.metadata.name) ||
          pod.metadata.labels?.['job-name'] === job.metadata.name) &&
        pod.status?.phase === 'Failed',
    )
    .sort((a, b) =>
      String(b.metadata.creationTimestamp).localeCompare(String(a.metadata.creationTimestamp)),
    )[0];
}

export function jobLogRequest(pod: K8sObject): LogRequest {
  return {
    namespace: pod.metadata.namespace!,
    pod: pod.metadata.name,
    ...(pod.spec?.containers?.[0]?.name ? { container: pod.spec.containers[0].name } : {}),
    previous: false,
    tailLines: LOG_TAIL_LINES,
    limitBytes: LOG_LIMIT_BYTES,
  };
}

export function jobCause(context: AnalysisContext, job: K8sObject): { pod?: K8sObject; cause?: Cause } {
  const pod = failedPodOf(context, job);
  if (!pod) return {};
  const container = pod.spec?.containers?.[0]?.name;
  const log = context.log(pod.metadata.namespace!, pod.metadata.name, container, false);
  const cause = log ? causeFromLog(context, pod, log.text) : undefined;
  return { pod, ...(cause ? { cause } : {}) };
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
  followUps: (context) => [...ownerReads(context), ...policyReads(context)],
  logs(context) {
    return standalone(context).flatMap((job) => {
      const pod = failedPodOf(context, job);
      return pod ? [jobLogRequest(pod)] : [];
    });
  },
  analyze(context) {
    return standalone(context).map((job): Finding => {
      const condition = failedCondition(job);
      const ref = refOf(job);
      const { pod, cause } = jobCause(context, job);
      return {
        code: 'JobFailed',
        severity: 'critical',
        object: ref,
        owner: ref,
        ...(cause ? { rootCause: cause.rootCause } : {}),
        summary: `${describeRef(ref)} failed (${condition.reason ?? 'Failed'})${cause?.rootCause.detail ? `: ${cause.rootCause.detail}` : ''}.`,
        evidence: [
          `condition Failed ${condition.reason ?? ''}: ${String(condition.message ?? '').slice(0, 160)}`,
          `succeeded ${job.status?.succeeded ?? 0}, failed ${job.status?.failed ?? 0}, backoffLimit ${job.spec?.backoffLimit ?? 6}`,
          ...(cause?.evidence ?? []),
        ],
        suggestions: [
          pod
            ? `kubectl -n ${ref.namespace} logs ${pod.metadata.name}`
            : `kubectl -n ${ref.namespace} describe job ${ref.name}`,
        ],
      };
    });
  },
};
