// The incident-update job: a later alert of an incident that changes something material (a new alert name, a
// severity up, the last alert resolved, a new root cause on recheck) told in the incident's own thread, once, however
// often it is delivered, in each chat's own language.
import { z } from 'zod';
import { type ChatMessage, channelNames, reportMessage, textMessage } from '../chat/index.ts';
import { t } from '../i18n/index.ts';
import { type Locale, locales } from '../locale/index.ts';
import {
  INCIDENT_THREAD_TTL_SECONDS,
  type IncidentStore,
  type IncidentThread,
  severityRank,
} from '../store/index.ts';
import { type DedupState, guardedStores } from './guarded-stores.ts';
import { recheckIncident } from './incident-recheck.ts';

export { diagnosedCause, type LeadCause, leadCause, newCauseLine } from './incident-recheck.ts';

import { defineJobKind } from './kind.ts';
import { deliverOnce, runOnce } from './once.ts';
import { JobAlert, JobBase, type ReplyTarget } from './schema.ts';
import type { AttemptInfo, JobDeps } from './types.ts';

/** What changed; only an escalation notifies again. A recheck re-diagnoses and speaks only of a new root cause. */
export const incidentChanges = ['alert', 'escalation', 'resolved', 'recheck'] as const;
export type IncidentChange = (typeof incidentChanges)[number];

export const IncidentUpdateJob = JobBase.extend({
  kind: z.literal('incident-update'),
  source: z.literal('alertmanager'),
  incidentKey: z.string(),
  change: z.enum(incidentChanges),
  /** The alerts the change is about: the new names, the escalated alert, or the last one to resolve. */
  alerts: z
    .array(z.object({ name: z.string().max(256), severity: z.string().max(256).optional() }))
    .min(1)
    .max(20),
  /** When it happened: the resolved alert's endsAt, else the alert's startsAt (a recheck: when it was asked). */
  at: z.string(),
  /** A recheck: the firing alert the incident is diagnosed again by (its labels are the scope). */
  alert: JobAlert.optional(),
});
export type IncidentUpdateJob = z.infer<typeof IncidentUpdateJob>;

export type IncidentUpdateOutcome =
  | { status: 'updated'; change: IncidentChange; delivered: string[] }
  | { status: 'skipped'; reason: string }
  | { status: 'duplicate' }
  | { status: 'busy' };

/** The first message of the incident is not posted yet (its job is running or retrying): try again later. */
export class IncidentNotPostedError extends Error {
  override name = 'IncidentNotPostedError';
  constructor(incidentKey: string) {
    super(`incident ${incidentKey} has no message yet`);
  }
}

/** `42 min`, `3 h 5 min`, `2 days 4 h`: how long an incident lasted, short enough for a phone. */
export function lasted(from: string, to: string, locale: Locale = 'en'): string {
  const minutes = Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 60_000));
  if (minutes < 60) return t(locale, 'incident.minutes', { minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 48)
    return minutes % 60
      ? t(locale, 'incident.hoursMinutes', { hours, minutes: minutes % 60 })
      : t(locale, 'incident.hours', { hours });
  return t(locale, 'incident.daysHours', { days: Math.floor(hours / 24), hours: hours % 24 });
}

/** Each message of the thread as a target: Slack in its thread, LINE (no threads) the same chat, in its language. */
export function threadTargets(thread: IncidentThread, notify: boolean): ReplyTarget[] {
  return thread.refs.flatMap((ref) => {
    const channel = z.enum(channelNames).safeParse(ref.channel);
    if (!channel.success) return [];
    const parent = ref.thread ?? ref.id;
    const lang = z.enum(locales).safeParse(ref.lang);
    return [
      {
        channel: channel.data,
        to: ref.to,
        ...(parent ? { thread: parent } : {}),
        notify,
        ...(lang.success ? { lang: lang.data } : {}),
      },
    ];
  });
}

/** The language a line to `target` is said in: the chat's own, else LOCALE. */
export const lineLocale = (target: ReplyTarget, deps: Pick<JobDeps, 'locale'>): Locale =>
  target.lang ?? deps.locale ?? 'en';

/** The line a material change adds to the thread. */
export function changeLine(
  job: Pick<IncidentUpdateJob, 'change' | 'alerts'>,
  firing: number,
  thread: IncidentThread,
  locale: Locale = 'en',
): string {
  const names = [...new Set(job.alerts.map((a) => a.name))].join(', ');
  if (job.change === 'escalation') {
    const severity = job.alerts.map((a) => a.severity).find(Boolean) ?? t(locale, 'incident.higherSeverity');
    return thread.severity
      ? t(locale, 'incident.severityUpWas', { severity, was: thread.severity, names, count: firing })
      : t(locale, 'incident.severityUp', { severity, names, count: firing });
  }
  return t(locale, 'incident.alsoFiring', { names, count: firing });
}

/** The one note that tells a chat the incident resolved (LINE, which cannot edit a message). */
export const resolvedNote = (thread: IncidentThread, duration: string, locale: Locale) =>
  t(locale, 'incident.resolvedNote', { title: thread.title, duration });

/** The incident's message turned green: the same report, ✅ and how long it lasted, no buttons left to press. */
export function resolvedMessage(
  thread: IncidentThread,
  report: Parameters<typeof reportMessage>[0] | undefined,
  duration: string,
  id: string,
  locale: Locale = 'en',
): ChatMessage {
  const said = resolvedNote(thread, duration, locale);
  if (!report) return textMessage(id, said);
  const message = reportMessage(report);
  return {
    ...message,
    severity: 'ok',
    icon: '✅',
    fields: [
      {
        label: t(locale, 'incident.statusLabel'),
        value: t(locale, 'incident.resolvedAfter', { duration }),
      },
      ...message.fields,
    ],
    summary: t(locale, 'incident.resolvedSummary', { duration, summary: message.summary }),
    actions: [],
    notification: said,
  };
}

export async function runIncidentUpdateJob(
  job: IncidentUpdateJob,
  deps: JobDeps,
  attempt: AttemptInfo = { finalAttempt: false },
): Promise<IncidentUpdateOutcome> {
  const dedup: DedupState = { unavailable: false };
  const guarded: JobDeps = { ...deps, ...guardedStores(deps, attempt.finalAttempt, dedup) };
  const incidents = guarded.incidents;
  if (!incidents) return { status: 'skipped', reason: 'no incident store' };
  return runOnce(guarded.ledger, job.id, deps.lockSeconds ?? 120, async () => {
    const thread = await incidents.thread(job.incidentKey);
    if (!thread) {
      // Nothing is lost by giving up on the last delivery: the first message, once posted, names the incident.
      if (!attempt.finalAttempt) throw new IncidentNotPostedError(job.incidentKey);
      return { status: 'skipped', reason: 'the incident has no message' } as const;
    }
    if (job.change === 'recheck')
      return recheckIncident(job, thread, incidents, guarded, threadTargets(thread, false), attempt);
    return job.change === 'resolved'
      ? resolve(job, thread, incidents, guarded)
      : tell(job, thread, incidents, guarded);
  });
}

async function resolve(
  job: IncidentUpdateJob,
  thread: IncidentThread,
  incidents: IncidentStore,
  deps: JobDeps,
): Promise<IncidentUpdateOutcome> {
  // An alert that fired again since the webhook keeps the incident open.
  if (Object.keys((await incidents.firing(job.incidentKey)) ?? {}).length > 0)
    return { status: 'skipped', reason: 'an alert fires again' };
  if (thread.status === 'resolved') return { status: 'skipped', reason: 'already resolved' };
  const report = await deps.reports.get(thread.reportId).catch(() => undefined);
  const refs = new Map(thread.refs.map((ref) => [`${ref.channel}:${ref.to}`, ref]));
  const sent = await deliverOnce(deps.ledger, job.id, threadTargets(thread, false), async (target) => {
    const ref = refs.get(`${target.channel}:${target.to}`);
    const locale = lineLocale(target, deps);
    const duration = lasted(thread.openedAt, job.at, locale);
    // Slack edits the first message in place (no new notification); LINE, which cannot, says it in one note.
    if (target.channel === 'slack' && ref?.id && deps.update)
      return deps.update(
        { channel: 'slack', to: ref.to, id: ref.id },
        resolvedMessage(thread, report, duration, job.id, locale),
      );
    return deps.say?.(target, textMessage(job.id, resolvedNote(thread, duration, locale)));
  });
  await incidents.saveThread(
    job.incidentKey,
    { ...thread, status: 'resolved', resolvedAt: job.at },
    INCIDENT_THREAD_TTL_SECONDS,
  );
  await incidents.close(job.incidentKey);
  return { status: 'updated', change: 'resolved', delivered: sent.map(({ key }) => key) };
}

async function tell(
  job: IncidentUpdateJob,
  thread: IncidentThread,
  incidents: IncidentStore,
  deps: JobDeps,
): Promise<IncidentUpdateOutcome> {
  const firing = Object.keys((await incidents.firing(job.incidentKey)) ?? {}).length;
  const say = deps.say;
  const sent = say
    ? await deliverOnce(deps.ledger, job.id, threadTargets(thread, job.change === 'escalation'), (target) =>
        say(target, textMessage(job.id, changeLine(job, firing, thread, lineLocale(target, deps)))),
      )
    : [];
  const severities = [thread.severity, ...job.alerts.map((a) => a.severity)];
  const severity = severities.reduce((a, b) => (severityRank(b) > severityRank(a) ? b : a), thread.severity);
  await incidents.saveThread(
    job.incidentKey,
    {
      ...thread,
      names: [...new Set([...thread.names, ...job.alerts.map((a) => a.name)])],
      ...(severity ? { severity } : {}),
    },
    INCIDENT_THREAD_TTL_SECONDS,
  );
  return { status: 'updated', change: job.change, delivered: sent.map(({ key }) => key) };
}

export const incidentUpdate = defineJobKind({
  kind: 'incident-update',
  schema: IncidentUpdateJob,
  run: runIncidentUpdateJob,
});
