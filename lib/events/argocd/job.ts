// From an Argo CD notification to a diagnose-argo Job: its state, its once-per-failure key and id, the cluster it
// is about, bounded to what the job route takes (256 KiB; the webhook takes 1 MiB).
import type { DiagnoseArgoJob, ReplyTarget } from '../../jobs/index.ts';
import { boundedText } from '../alertmanager/index.ts';
import { argoCluster } from './cluster.ts';
import { argoFailureKey, argoJobId } from './failure-key.ts';
import type { ArgoNotification, ArgoSyncResource } from './payload.ts';
import { type ArgoState, argoState } from './state.ts';

/** Bytes of JSON kept of the free text: the operation's message, and each resource's and condition's. */
export const MAX_ARGO_MESSAGE_BYTES = 16 * 1024;
export const MAX_ARGO_ITEM_MESSAGE_BYTES = 2 * 1024;
/** Resources (the failed ones first) and conditions a job carries: 50 × ~2.5 KiB stays well under the route's cap. */
export const MAX_ARGO_RESOURCES = 50;
export const MAX_ARGO_CONDITIONS = 20;

const FAILED_RESOURCE = ['SyncFailed'];
const FAILED_HOOK = ['Failed', 'Error'];
const failed = (resource: ArgoSyncResource) =>
  FAILED_RESOURCE.includes(resource.status ?? '') || FAILED_HOOK.includes(resource.hookPhase ?? '');

const cut = (text: string | undefined, max: number) =>
  text === undefined ? undefined : boundedText(text, max);

/** The notification as a job carries it: free text cut with a marker, failed resources kept first. */
export function boundedNotification(notification: ArgoNotification): ArgoNotification {
  const { message, resources, conditions, ...rest } = notification;
  const ordered = resources && [...resources.filter(failed), ...resources.filter((r) => !failed(r))];
  return {
    ...rest,
    message: cut(message, MAX_ARGO_MESSAGE_BYTES),
    resources: ordered
      ?.slice(0, MAX_ARGO_RESOURCES)
      .map((r) => ({ ...r, message: cut(r.message, MAX_ARGO_ITEM_MESSAGE_BYTES) })),
    conditions: conditions
      ?.slice(0, MAX_ARGO_CONDITIONS)
      .map((c) => ({ ...c, message: cut(c.message, MAX_ARGO_ITEM_MESSAGE_BYTES) })),
  };
}

export interface ArgoJobOptions {
  /** CLUSTERS' names (or the one cluster): what the destination is matched against. */
  clusterNames: readonly string[];
  /** CLUSTER_NAME: the cluster Argo CD runs in, and every destination not in CLUSTERS. */
  defaultCluster: string;
  replyTo: ReplyTarget[];
  now: Date;
}

/** The job of a notification, or the state that is not reported (`settling`: nothing to say yet). */
export async function diagnoseArgoJob(
  notification: ArgoNotification,
  options: ArgoJobOptions,
): Promise<{ state: ArgoState; job?: DiagnoseArgoJob }> {
  const state = argoState(notification);
  if (state === 'settling') return { state };
  const failureKey = await argoFailureKey(notification, state, options.now);
  return {
    state,
    job: {
      v: 1,
      kind: 'diagnose-argo',
      source: 'argocd',
      id: await argoJobId(failureKey),
      createdAt: options.now.toISOString(),
      cluster: argoCluster(notification.cluster, options),
      replyTo: options.replyTo,
      notification: boundedNotification(notification),
      failureKey,
    },
  };
}
