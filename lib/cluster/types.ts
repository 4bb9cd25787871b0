// Structural types of the Kubernetes objects the product reads, as the REST API returns them (JSON).
// Only the fields the analyzers use are named; everything else passes through untyped.

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid?: string;
  controller?: boolean;
}

export interface ObjectMeta {
  name: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  generation?: number;
  /** Who wrote which fields when: the last write time of a ConfigMap or Secret. */
  managedFields?: { manager?: string; operation?: string; time?: string }[];
}

/** Any Kubernetes object. `spec`/`status` are typed per kind where an analyzer reads them. */
export interface K8sObject {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
  // biome-ignore lint/suspicious/noExplicitAny: raw API objects; analyzers narrow what they read
  spec?: any;
  // biome-ignore lint/suspicious/noExplicitAny: raw API objects; analyzers narrow what they read
  status?: any;
  // biome-ignore lint/suspicious/noExplicitAny: kinds with top-level fields (Endpoints, Event, ConfigMap…)
  [field: string]: any;
}

export interface K8sList<T = K8sObject> {
  apiVersion?: string;
  kind?: string;
  metadata?: { continue?: string; resourceVersion?: string; remainingItemCount?: number };
  items: T[];
}
