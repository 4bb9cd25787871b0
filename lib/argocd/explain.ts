// What the cluster adds to a classified Argo CD failure: whether a webhook's Service has endpoints, why the hook
// Job failed (its pod's log) and the root cause inside each unhealthy workload — each through the analyzers.
import { type ClusterReader, type K8sObject, resources } from '../cluster/index.ts';
import { render, type Text, verbatim } from '../i18n/index.ts';
import type { Locale } from '../locale/index.ts';
import type { Finding, ObjectRef, ReportMeta, RootCause } from '../report/index.ts';
import type { ArgoCause } from './classify.ts';

/** Kinds the diagnosis engine explains from their pods; anything else is left to its Argo CD health message. */
const WORKLOADS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob', 'Pod']);
/** Unhealthy workloads diagnosed per message: each is a few API reads and a log. */
const MAX_WORKLOADS = 3;

/** Diagnoses one object (the engine of lib/diagnosis, passed in: lib/argocd stays below it). */
export type DiagnoseObject = (object: ObjectRef) => Promise<{ findings: Finding[]; meta?: ReportMeta }>;

export interface Explanation {
  /** The workload's own root cause, when the analyzers found one: it replaces the class's pointer. */
  rootCause?: RootCause;
  /** The workload's own first next step, when the analyzers found its root cause. */
  fix?: string;
  /** `fix` kept language-neutral. */
  fixText?: Text;
  /** In the language asked for (English by default). */
  notes: string[];
  /** `notes` kept language-neutral, one for one. */
  noteTexts: Text[];
  findings: Finding[];
  meta: ReportMeta;
}

const addresses = (endpoints: K8sObject | undefined): number =>
  ((endpoints?.subsets ?? []) as { addresses?: unknown[] }[]).reduce(
    (sum, subset) => sum + (subset.addresses?.length ?? 0),
    0,
  );

/** A finding's sentence as its Text when that still says its English (else the English, quoted as it is). */
const kept = (text: Text | undefined, english: string): Text =>
  text && render(text, 'en') === english ? text : verbatim(english);

/** Reads what each cause points at; a read that fails leaves that cause as classified (best effort, never fatal). */
export async function explain(
  causes: ArgoCause[],
  reader: ClusterReader,
  diagnoseObject: DiagnoseObject,
  /** The language of the notes and the webhook's root cause (the workloads' own are the analyzers'); default en. */
  locale: Locale = 'en',
): Promise<Explanation> {
  const explanation: Explanation = {
    notes: [],
    noteTexts: [],
    findings: [],
    meta: { apiRequests: 0, bytesRead: 0, durationMs: 0 },
  };
  const note = (text: Text) => {
    explanation.notes.push(render(text, locale));
    explanation.noteTexts.push(text);
  };
  const lead = causes[0];
  const service = lead?.webhook?.service;
  if (lead?.webhook && service?.namespace) {
    const endpoints = await reader
      .get(resources.endpoints, service.namespace, service.name)
      .catch(() => null);
    if (endpoints !== null) {
      const ready = addresses(endpoints);
      const ref = { kind: 'Service', namespace: service.namespace, name: service.name };
      const names = { webhook: lead.webhook.name, service: `${service.namespace}/${service.name}` };
      note(
        endpoints === undefined
          ? { key: 'argocd.noEndpointsObject', params: names }
          : { key: 'argocd.endpoints', params: { ...names, ready } },
      );
      if (!endpoints || ready === 0) {
        const detail: Text = { key: 'argocd.webhookDown', params: names };
        explanation.rootCause = {
          code: 'ServiceNoEndpoints',
          object: ref,
          detail: render(detail, locale),
          detailText: detail,
        };
      }
    }
  }
  const workloads = causes
    .filter((cause) => (cause.class === 'hook-failed' || cause.class === 'degraded') && cause.resource)
    .filter((cause) => WORKLOADS.has(cause.resource!.kind) && cause.resource!.namespace)
    .slice(0, MAX_WORKLOADS);
  for (const cause of workloads) {
    const diagnosed = await diagnoseObject(cause.resource!).catch(() => undefined);
    if (!diagnosed) continue;
    explanation.findings.push(...diagnosed.findings);
    if (diagnosed.meta) {
      explanation.meta.apiRequests += diagnosed.meta.apiRequests;
      explanation.meta.bytesRead += diagnosed.meta.bytesRead;
      explanation.meta.durationMs += diagnosed.meta.durationMs;
    }
    const found = diagnosed.findings.find((f) => f.rootCause) ?? diagnosed.findings[0];
    if (!found || explanation.rootCause) continue;
    const subject = `${cause.resource!.kind} ${cause.resource!.namespace}/${cause.resource!.name}`;
    // The analyzers' sentences as they kept them; a finding not yet converted is quoted in its English.
    const summary = kept(found.summaryText, found.summary);
    if (found.suggestions[0]) {
      explanation.fix = found.suggestions[0];
      explanation.fixText = kept(found.suggestionTexts?.[0], found.suggestions[0]);
    }
    const detail: Text = {
      key: 'cluster.argoSubject',
      params: {
        subject,
        detail: found.rootCause?.detail ? kept(found.rootCause.detailText, found.rootCause.detail) : summary,
      },
    };
    explanation.rootCause = found.rootCause
      ? { ...found.rootCause, detail: render(detail, locale), detailText: detail }
      : {
          code: found.code,
          object: found.owner ?? found.object,
          detail: render(detail, locale),
          detailText: detail,
        };
    note({ key: 'cluster.argoSubject', params: { subject, detail: summary } });
    // What changed, when a deeper cause keeps the root cause: the change it arrived with (lib/diagnosis/changes).
    const at = found.evidence.findIndex((line) => line.startsWith('Arrived with a change'));
    if (at >= 0)
      note({
        key: 'cluster.argoSubject',
        params: { subject, detail: kept(found.evidenceTexts?.[at], found.evidence[at]!) },
      });
  }
  return explanation;
}
