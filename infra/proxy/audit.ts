// The proxy's audit trail: one JSON line per request, and a Kubernetes Event on the object of every write so
// `kubectl describe` shows who asked for what.
import { hostname } from 'node:os';
import { type ResourceType, resources } from '../../lib/cluster/index.ts';
import type { ResourceRequest } from './request.ts';

export interface AuditLine {
  time: string;
  /** From X-KR-Actor: who asked (`alert:…`, `slack:U…`, `line:U…`); unverified when decision is `unauthorized`. */
  actor: string;
  method: string;
  /** Path and query as received. */
  path: string;
  verb?: string;
  /** `apps/deployments/scale`, `pods/log`… */
  resource?: string;
  namespace?: string;
  name?: string;
  /** allowed: passed on to the API server; denied: policy (403); unauthorized: signature (401); rejected: bad input, replay, overload; error: the API server failed. */
  decision: 'allowed' | 'denied' | 'unauthorized' | 'rejected' | 'error';
  /** The policy rule that allowed or denied the request. */
  rule?: string;
  reason?: string;
  status: number;
  /** Response bytes sent to the caller. */
  bytes: number;
  durationMs: number;
  /** Which verification key matched (0 = current, 1 = next…). */
  keyIndex?: number;
  /** For writes: whether the Kubernetes Event was recorded, or why not. */
  event?: string;
}

export type AuditSink = (line: AuditLine) => void;

export const writeAuditToStdout: AuditSink = (line) => {
  process.stdout.write(`${JSON.stringify(line)}\n`);
};

/** Untrusted header text, made safe for a log line. */
export function cleanActor(value: string | undefined): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
  return (value ?? '').replace(/[\u0000-\u001f\u007f]/g, '').slice(0, 200);
}

/** The Event (core/v1) that records an allowed write on its target object. */
export function actionEvent(
  request: ResourceRequest,
  actor: string,
  action: string,
  targetUid: string | undefined,
  now: Date,
): Record<string, unknown> {
  const plural = request.resource.split('/')[0] as string;
  const known = Object.values(resources as Record<string, ResourceType>).find(
    (resource) => resource.group === request.apiGroup && resource.plural === plural,
  );
  const target = {
    kind: known?.kind ?? plural,
    apiVersion: request.apiGroup ? `${request.apiGroup}/${request.version}` : request.version,
  };
  const timestamp = `${now.toISOString().slice(0, 19)}Z`;
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { generateName: `${request.name}.kube-responder-`, namespace: request.namespace },
    involvedObject: {
      ...target,
      name: request.name,
      namespace: request.namespace,
      ...(targetUid ? { uid: targetUid } : {}),
    },
    reason: 'KubeResponderAction',
    message: `${action}, requested by ${actor} through kube-responder`,
    type: 'Normal',
    source: { component: 'kube-responder-proxy' },
    reportingComponent: 'kube-responder-proxy',
    reportingInstance: hostname(),
    firstTimestamp: timestamp,
    lastTimestamp: timestamp,
    count: 1,
  };
}
