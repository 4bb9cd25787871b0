// core/v1 and events.k8s.io/v1 Events are one resource in the API server, served in two shapes: each
// version's view shows the Events stored through either, converted as the API server converts them.
import type { K8sObject } from '../../lib/cluster/index.ts';
import type { FixtureCluster } from './fixture.ts';
import type { KindInfo } from './kinds.ts';

const defined = (object: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined));

export function isEventKind(kind: KindInfo): boolean {
  return kind.kind === 'Event' && (kind.group === '' || kind.group === 'events.k8s.io');
}

function toEventsV1(event: K8sObject): K8sObject {
  return defined({
    apiVersion: 'events.k8s.io/v1',
    kind: 'Event',
    metadata: event.metadata,
    eventTime: event.eventTime ?? null,
    series: event.series,
    reportingController: event.reportingComponent || event.source?.component,
    reportingInstance: event.reportingInstance || event.source?.host,
    action: event.action,
    reason: event.reason,
    regarding: event.involvedObject,
    related: event.related,
    note: event.message,
    type: event.type,
    deprecatedSource: event.source,
    deprecatedFirstTimestamp: event.firstTimestamp,
    deprecatedLastTimestamp: event.lastTimestamp,
    deprecatedCount: event.count,
  }) as K8sObject;
}

function toCoreV1(event: K8sObject): K8sObject {
  return defined({
    apiVersion: 'v1',
    kind: 'Event',
    metadata: event.metadata,
    involvedObject: event.regarding ?? {},
    reason: event.reason,
    message: event.note,
    source:
      event.deprecatedSource ??
      defined({ component: event.reportingController, host: event.reportingInstance }),
    firstTimestamp: event.deprecatedFirstTimestamp,
    lastTimestamp: event.deprecatedLastTimestamp,
    count: event.deprecatedCount,
    type: event.type,
    eventTime: event.eventTime ?? null,
    series: event.series,
    action: event.action,
    related: event.related,
    reportingComponent: event.reportingController ?? '',
    reportingInstance: event.reportingInstance ?? '',
  }) as K8sObject;
}

function otherVersion(cluster: FixtureCluster, kind: KindInfo): KindInfo | undefined {
  return kind.group === ''
    ? cluster.findKind('events.k8s.io', 'v1', 'events')
    : cluster.findKind('', 'v1', 'events');
}

/** A version's view of all Events, sorted by namespace then name like any list. */
export function listEvents(cluster: FixtureCluster, kind: KindInfo, namespace?: string): K8sObject[] {
  const other = otherVersion(cluster, kind);
  const converted = other ? cluster.list(other, namespace) : [];
  if (converted.length === 0) return cluster.list(kind, namespace);
  const convert = kind.group === '' ? toCoreV1 : toEventsV1;
  const key = (o: K8sObject) => `${o.metadata.namespace ?? ''}/${o.metadata.name}`;
  return [...cluster.list(kind, namespace), ...converted.map(convert)].sort((a, b) =>
    key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0,
  );
}

export function getEvent(
  cluster: FixtureCluster,
  kind: KindInfo,
  namespace: string | undefined,
  name: string,
) {
  const own = cluster.get(kind, namespace, name);
  if (own) return own;
  const other = otherVersion(cluster, kind);
  const stored = other && cluster.get(other, namespace, name);
  if (!stored) return undefined;
  return kind.group === '' ? toCoreV1(stored) : toEventsV1(stored);
}
