// What one Argo CD Application says about its last sync and its health, in one shape whether it came from the
// Application read through the proxy or only from the notification body (the classifier reads this, nothing else).
import type { K8sObject } from '../cluster/index.ts';
import type { ArgoNotification } from '../events/index.ts';
import type { ObjectRef } from '../report/index.ts';

/** One `operationState.syncResult.resources[]` entry: what the sync did to one resource. */
export interface ArgoSyncedResource {
  group?: string;
  kind: string;
  namespace?: string;
  name: string;
  status?: string;
  message?: string;
  hookType?: string;
  hookPhase?: string;
}

/** One `status.resources[]` entry: a resource the Application tracks, its sync status and health. */
export interface ArgoTrackedResource {
  kind: string;
  namespace?: string;
  name: string;
  status?: string;
  health?: { status?: string; message?: string };
}

export interface ApplicationState {
  app: string;
  /** Where the Application object lives. */
  namespace: string;
  project?: string;
  /** operationState.phase: Running, Failed, Error, Succeeded, Terminating. */
  phase?: string;
  message?: string;
  syncStatus?: string;
  healthStatus?: string;
  healthMessage?: string;
  revision?: string;
  source: { repoURL?: string; path?: string; targetRevision?: string; chart?: string };
  destinationNamespace?: string;
  /** spec.syncPolicy.syncOptions (`CreateNamespace=true`, `Replace=true`…). */
  syncOptions: string[];
  synced: ArgoSyncedResource[];
  conditions: { type: string; message?: string }[];
  tracked: ArgoTrackedResource[];
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;
const array = (value: unknown): Record<string, unknown>[] =>
  Array.isArray(value) ? value.filter((item) => item && typeof item === 'object') : [];

/** Leaves out the keys whose value is undefined (the project's exactOptionalPropertyTypes). */
function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function syncedOf(item: Record<string, unknown>): ArgoSyncedResource | undefined {
  const kind = text(item.kind);
  const name = text(item.name);
  if (!kind || !name) return undefined;
  return defined({
    kind,
    name,
    group: text(item.group),
    namespace: text(item.namespace),
    status: text(item.status),
    message: text(item.message),
    hookType: text(item.hookType),
    hookPhase: text(item.hookPhase),
  });
}

/** The state an Application object shows (multi-source apps: the first source). */
export function stateOfApplication(app: K8sObject): ApplicationState {
  const spec = app.spec ?? {};
  const status = app.status ?? {};
  const operation = status.operationState ?? {};
  const source = spec.source ?? array(spec.sources)[0] ?? {};
  return defined({
    app: app.metadata.name,
    namespace: app.metadata.namespace ?? 'argocd',
    project: text(spec.project),
    phase: text(operation.phase),
    message: text(operation.message),
    syncStatus: text(status.sync?.status),
    healthStatus: text(status.health?.status),
    healthMessage: text(status.health?.message),
    revision: text(operation.syncResult?.revision) ?? text(status.sync?.revision),
    source: defined({
      repoURL: text(source.repoURL),
      path: text(source.path),
      targetRevision: text(source.targetRevision),
      chart: text(source.chart),
    }),
    destinationNamespace: text(spec.destination?.namespace),
    syncOptions: (spec.syncPolicy?.syncOptions ?? []).filter((o: unknown) => typeof o === 'string'),
    synced: array(operation.syncResult?.resources)
      .map(syncedOf)
      .filter((r): r is ArgoSyncedResource => !!r),
    conditions: array(status.conditions)
      .filter((c) => text(c.type))
      .map((c) => defined({ type: String(c.type), message: text(c.message) })),
    tracked: array(status.resources)
      .filter((r) => text(r.kind) && text(r.name))
      .map((r) => {
        const health = r.health as { status?: string; message?: string } | undefined;
        return defined({
          kind: String(r.kind),
          name: String(r.name),
          namespace: text(r.namespace),
          status: text(r.status),
          health: health
            ? defined({ status: text(health.status), message: text(health.message) })
            : undefined,
        });
      }),
  });
}

/** The state the notification body alone tells (no tracked resources: only the Application has those). */
export function stateOfNotification(notification: ArgoNotification): ApplicationState {
  return defined({
    app: notification.app,
    namespace: notification.namespace,
    project: notification.project,
    phase: notification.phase,
    message: notification.message,
    syncStatus: notification.syncStatus,
    healthStatus: notification.healthStatus,
    revision: notification.revision,
    source: defined({
      repoURL: notification.repoURL,
      path: notification.path,
      targetRevision: notification.targetRevision,
    }),
    destinationNamespace: notification.destinationNamespace,
    syncOptions: [],
    synced: (notification.resources ?? [])
      .map((r) => syncedOf(r as Record<string, unknown>)!)
      .filter(Boolean),
    conditions: (notification.conditions ?? []).map((c) => defined({ type: c.type, message: c.message })),
    tracked: [],
  });
}

export const applicationRef = (state: Pick<ApplicationState, 'app' | 'namespace'>): ObjectRef => ({
  kind: 'Application',
  namespace: state.namespace,
  name: state.app,
});

export const failedPhase = (state: ApplicationState) => state.phase === 'Failed' || state.phase === 'Error';
export const unhealthy = (state: ApplicationState) =>
  state.healthStatus === 'Degraded' || state.healthStatus === 'Missing';
/** Synced and Healthy after a sync that succeeded: what a ✅ under an earlier failure says. */
export const recovered = (state: ApplicationState) =>
  state.phase === 'Succeeded' &&
  state.syncStatus === 'Synced' &&
  (state.healthStatus === undefined || state.healthStatus === 'Healthy');
export const shortRevision = (revision: string | undefined) => revision?.slice(0, 7);

/**
 * The Application read through the proxy wins (its texts are the ones the proxy masked); the notification fills
 * only what the Application does not say (a sync state already cleared, a body sent before it was read).
 */
export function stateOf(
  application: K8sObject | undefined,
  notification: ArgoNotification,
): ApplicationState {
  const told = stateOfNotification(notification);
  if (!application) return told;
  const read = stateOfApplication(application);
  const operationKnown = read.phase !== undefined;
  return {
    ...told,
    ...read,
    source: { ...told.source, ...read.source },
    // Free text of the notification only when the Application has no operation of its own to show.
    ...(operationKnown ? {} : defined({ phase: told.phase, message: told.message })),
    synced: operationKnown || read.synced.length > 0 ? read.synced : told.synced,
    conditions: read.conditions.length > 0 ? read.conditions : told.conditions,
  };
}
