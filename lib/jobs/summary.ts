// The one line every job logs when it ends: what it did, in words, for each kind and each outcome. Built here only,
// so the job route and the inline queue say the same thing.
import { channelAdapters, describeObject } from '../chat/index.ts';
import { scopeFromAlert } from '../diagnosis/index.ts';
import type { Report, Scope } from '../report/index.ts';
import type { Job, JobRunOutcome } from './registry.ts';

/** What to set when a report had nowhere to go: each chat's alert settings (`alertSettings`, lib/chat/*). */
export const NO_TARGET_HINT = `set ${channelAdapters
  .map((adapter) => adapter.alertSettings.join(' and '))
  .map((settings, index) => (index === 0 ? settings : `(or ${settings})`))
  .join(' ')}`;

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

function describeScope(scope: Scope, cluster: string): string {
  if (scope.object)
    return describeObject({ ...scope.object, namespace: scope.object.namespace ?? scope.namespace });
  if (scope.namespace) return `namespace ${scope.namespace}`;
  return `cluster ${cluster}`;
}

/** What a report is about, as its message's title says: the lead finding's workload, else the scope. */
export function reportSubject(report: Report): string {
  const lead = report.findings[0];
  return lead ? describeObject(lead.owner ?? lead.object) : describeScope(report.scope, report.cluster);
}

/** `delivered to 1 target (slack:C0…)`, or 0 with why: no target configured, or every target already had it. */
function deliveredTo(job: Job, delivered: readonly string[]): string {
  if (delivered.length > 0)
    return `delivered to ${plural(delivered.length, 'target')} (${delivered.join(', ')})`;
  if (job.replyTo.length === 0) return `delivered to 0 targets — ${NO_TARGET_HINT}`;
  return 'delivered to 0 targets (each already had it)';
}

/** What the job's subject is, in the words a person on call uses. */
function subjectOf(job: Job): string {
  switch (job.kind) {
    case 'diagnose-alert':
      return `${job.alert.name} on ${describeScope(scopeFromAlert(job.alert.labels), job.cluster)}`;
    case 'diagnose-argo':
      return `Argo CD Application ${job.notification.namespace}/${job.notification.app}`;
    case 'health-report':
      return `cluster ${job.cluster} (${job.slot.date} ${job.slot.time} ${job.slot.timezone})`;
    case 'chat-turn':
      return `${job.user.channel}:${job.user.id}`;
    case 'execute-action':
      return `approval ${job.approvalId}`;
    case 'ai-followup':
      return `report ${job.reportId}`;
    case 'incident-update':
      return `incident ${job.incidentKey} (${job.change}: ${job.alerts.map((a) => a.name).join(', ')})`;
  }
}

const VERB: Record<Job['kind'], string> = {
  'diagnose-alert': 'diagnosed',
  'diagnose-argo': 'diagnosed',
  'health-report': 'health report for',
  'chat-turn': 'answered',
  'execute-action': 'pressed',
  'ai-followup': 'AI follow-up of',
  'incident-update': 'updated',
};

export function jobSummary(job: Job, outcome: JobRunOutcome): string {
  const subject = `${VERB[job.kind]} ${subjectOf(job)}`;
  switch (outcome.status) {
    case 'duplicate':
      return `${job.kind} ${job.id}: already done, nothing sent again`;
    case 'busy':
      return `${job.kind} ${job.id}: another delivery holds it, retried later`;
    case 'grouped':
      return `${subject}: joined incident ${outcome.incident} (reported by job ${outcome.jobId}); nothing sent`;
    case 'done': {
      const findings =
        'findings' in outcome && outcome.findings !== undefined
          ? `${plural(outcome.findings, 'finding')}; `
          : '';
      const notes = [
        'diagnosed' in outcome && outcome.diagnosed === false ? 'the cluster could not be read' : '',
        'allClear' in outcome && outcome.allClear ? 'all clear' : '',
        'dedupUnavailable' in outcome && outcome.dedupUnavailable
          ? 'Redis unreachable, sent without dedup'
          : '',
        'aiFollowup' in outcome && outcome.aiFollowup ? `AI part follows in ${outcome.aiFollowup} s` : '',
      ].filter(Boolean);
      const tail = notes.length ? `; ${notes.join('; ')}` : '';
      // The report's subject (the workload the cluster showed) says more than the alert's labels.
      const alert = job.kind === 'diagnose-alert' ? ` (${job.alert.name})` : '';
      const about =
        'subject' in outcome && outcome.subject ? `${VERB[job.kind]} ${outcome.subject}${alert}` : subject;
      return `${about}: ${findings}${deliveredTo(job, outcome.delivered)}; report ${outcome.reportId}${tail}`;
    }
    case 'recovered':
      return `${subject}: sync succeeded after a failure; ${deliveredTo(job, outcome.delivered)}`;
    case 'answered':
      return `${subject} (${outcome.command})${outcome.approval ? ', asked for approval' : ''}; ${deliveredTo(job, outcome.delivered)}`;
    case 'updated':
      return `${subject}: ${deliveredTo(job, outcome.delivered)}`;
    case 'skipped':
      return `${subject}: skipped, ${outcome.reason}`;
    case 'rescheduled':
      return `${subject}: the model could not answer now, again in ${outcome.inSeconds} s`;
    default:
      // execute-action: the approval's fate is its status (executed, rejected, refused, expired, failed, …).
      return `${subject} (${'decision' in job ? job.decision : 'decision'}): ${outcome.status}`;
  }
}
