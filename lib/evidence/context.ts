// What every analyzer gets: the snapshot with indexes (owners, events, selectors, logs) and the snapshot's "now".
import { foldName, type K8sObject, type PodLog, type ResourceName, type Snapshot } from '../cluster/index.ts';
import type { ObjectRef } from '../report/index.ts';

/** An event, whichever API (core/v1 or events.k8s.io/v1) it came from. */
export interface ClusterEvent {
  object: ObjectRef;
  type: string;
  reason: string;
  message: string;
  count: number;
  lastSeen: number;
}

/** Events older than this before "now" are history, not a current problem. */
export const FRESH_EVENT_MS = 60 * 60 * 1000;

interface Indexes {
  byKey: Map<string, K8sObject>;
  events: Map<string, ClusterEvent[]>;
  podsByNamespace: Map<string, K8sObject[]>;
}

export class AnalysisContext {
  readonly now: number;
  #indexes: Indexes | undefined;

  /** `focus`: the object the alert names (its pod is the one the evidence and the commands cite, when it exists). */
  constructor(
    readonly snapshot: Snapshot,
    readonly focus?: ObjectRef,
  ) {
    this.now = Date.parse(snapshot.now);
  }

  /** Whether this is the object the alert names. */
  isFocus(object: K8sObject): boolean {
    return !!this.focus && sameRef(refOf(object), this.focus);
  }

  /** Built on first use: the loader's follow-up rounds only list, and should not pay for indexing. */
  #indexed(): Indexes {
    if (this.#indexes) return this.#indexes;
    const indexes: Indexes = { byKey: new Map(), events: new Map(), podsByNamespace: new Map() };
    for (const objects of Object.values(this.snapshot.objects)) {
      for (const object of objects ?? []) indexes.byKey.set(key(refOf(object)), object);
    }
    for (const raw of this.snapshot.objects.events ?? []) {
      const event = toEvent(raw);
      if (!event) continue;
      const list = indexes.events.get(key(event.object)) ?? [];
      list.push(event);
      indexes.events.set(key(event.object), list);
    }
    for (const list of indexes.events.values()) list.sort((a, b) => b.lastSeen - a.lastSeen);
    // Selector matching runs per Service: index pods by namespace so a big cluster stays linear.
    for (const pod of this.snapshot.objects.pods ?? []) {
      const namespace = pod.metadata.namespace ?? '';
      const list = indexes.podsByNamespace.get(namespace) ?? [];
      list.push(pod);
      indexes.podsByNamespace.set(namespace, list);
    }
    this.#indexes = indexes;
    return indexes;
  }

  list(name: ResourceName): K8sObject[] {
    return this.snapshot.objects[name] ?? [];
  }

  loaded(name: ResourceName): boolean {
    return this.snapshot.objects[name] !== undefined;
  }

  find(kind: string, namespace: string | undefined, name: string): K8sObject | undefined {
    return this.#indexed().byKey.get(key({ kind, namespace, name }));
  }

  /** Events about an object, newest first; `freshOnly` drops those last seen long before now. */
  eventsFor(ref: ObjectRef, freshOnly = true): ClusterEvent[] {
    const events = this.#indexed().events.get(key(ref)) ?? [];
    return freshOnly ? events.filter((event) => this.isFresh(event.lastSeen)) : events;
  }

  isFresh(time: number, windowMs = FRESH_EVENT_MS): boolean {
    return Number.isNaN(time) || this.now - time <= windowMs;
  }

  /** Age in ms of an RFC 3339 time, against the snapshot's now. */
  age(time: string | undefined): number {
    return time ? this.now - Date.parse(time) : Number.POSITIVE_INFINITY;
  }

  /** The top-level workload that owns an object (Pod → ReplicaSet → Deployment, Pod → Job → CronJob …). */
  ownerOf(object: K8sObject): ObjectRef | undefined {
    let current: { ref: ObjectRef; object?: K8sObject } | undefined;
    let next = controllerRef(object);
    const namespace = object.metadata.namespace;
    for (let depth = 0; next && depth < 5; depth++) {
      const ref: ObjectRef = { kind: next.kind, ...(namespace ? { namespace } : {}), name: next.name };
      const owner = this.find(ref.kind, namespace, ref.name);
      current = { ref, ...(owner ? { object: owner } : {}) };
      if (!owner) {
        // The ReplicaSet was not loaded: its Deployment is its name without the pod-template-hash suffix.
        const hash = object.metadata.labels?.['pod-template-hash'];
        if (ref.kind === 'ReplicaSet' && hash && ref.name.endsWith(`-${hash}`))
          return { kind: 'Deployment', namespace, name: ref.name.slice(0, -hash.length - 1) } as ObjectRef;
        const named = ref.kind === 'ReplicaSet' ? foldName('ReplicaSet', ref.name)?.name : undefined;
        if (named) return { kind: 'Deployment', namespace, name: named } as ObjectRef;
        break;
      }
      next = controllerRef(owner);
    }
    return current?.ref;
  }

  /** Pods of a namespace whose labels match a selector (matchLabels map). */
  podsMatching(namespace: string | undefined, selector: Record<string, string> | undefined): K8sObject[] {
    if (!selector || Object.keys(selector).length === 0) return [];
    return this.podsIn(namespace).filter((pod) => matches(selector, pod.metadata.labels));
  }

  podsIn(namespace: string | undefined): K8sObject[] {
    return this.#indexed().podsByNamespace.get(namespace ?? '') ?? [];
  }

  /** Pods whose top-level owner is the given workload. */
  podsOf(owner: ObjectRef): K8sObject[] {
    return this.podsIn(owner.namespace).filter((pod) => {
      const top = this.ownerOf(pod);
      return top?.kind === owner.kind && top.name === owner.name;
    });
  }

  log(namespace: string, pod: string, container: string | undefined, previous: boolean): PodLog | undefined {
    return this.snapshot.logs.find(
      (log) =>
        log.namespace === namespace &&
        log.pod === pod &&
        log.previous === previous &&
        (log.container === undefined || container === undefined || log.container === container),
    );
  }
}

export function refOf(object: K8sObject): ObjectRef {
  return {
    kind: object.kind ?? 'Unknown',
    ...(object.metadata.namespace ? { namespace: object.metadata.namespace } : {}),
    name: object.metadata.name,
  };
}

export function sameRef(a: ObjectRef | undefined, b: ObjectRef | undefined): boolean {
  return !!a && !!b && a.kind === b.kind && a.name === b.name && (a.namespace ?? '') === (b.namespace ?? '');
}

export function describeRef(ref: ObjectRef): string {
  return `${ref.kind} ${ref.namespace ? `${ref.namespace}/` : ''}${ref.name}`;
}

export function matches(
  selector: Record<string, string>,
  labels: Record<string, string> | undefined,
): boolean {
  return Object.entries(selector).every(([label, value]) => labels?.[label] === value);
}

export function formatSelector(selector: Record<string, string>): string {
  return Object.entries(selector)
    .map(([label, value]) => `${label}=${value}`)
    .join(',');
}

function controllerRef(object: K8sObject) {
  const refs = object.metadata.ownerReferences ?? [];
  return refs.find((ref) => ref.controller) ?? refs[0];
}

function key(ref: { kind: string; namespace?: string | undefined; name: string }): string {
  return `${ref.kind}/${ref.namespace ?? ''}/${ref.name}`;
}

function toEvent(raw: K8sObject): ClusterEvent | undefined {
  const regarding = raw.involvedObject ?? raw.regarding;
  if (!regarding?.kind || !regarding.name) return undefined;
  const namespace = regarding.namespace ?? raw.metadata.namespace;
  const seen =
    raw.series?.lastObservedTime ??
    raw.lastTimestamp ??
    raw.eventTime ??
    raw.deprecatedLastTimestamp ??
    raw.firstTimestamp ??
    raw.metadata.creationTimestamp;
  return {
    object: { kind: regarding.kind, ...(namespace ? { namespace } : {}), name: regarding.name },
    type: raw.type ?? 'Normal',
    reason: raw.reason ?? '',
    message: String(raw.message ?? raw.note ?? ''),
    count: Number(raw.series?.count ?? raw.count ?? raw.deprecatedCount ?? 1),
    lastSeen: seen ? Date.parse(seen) : Number.NaN,
  };
}
