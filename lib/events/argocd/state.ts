// What an Argo CD notification says happened, from its phase, sync and health: the one list of Argo CD states.
import type { ArgoNotification } from './payload.ts';

/**
 * - `sync-failed`: the operation ended Failed or Error (`on-sync-failed`).
 * - `degraded`: health Degraded or Missing (`on-health-degraded`), the cause is in the live workloads.
 * - `sync-unknown`: sync status Unknown (`on-sync-status-unknown`), usually Argo CD could not render the source.
 * - `out-of-sync`: OutOfSync and no operation running (drift since the last sync, or a custom drift trigger).
 * - `succeeded`: Succeeded, Synced and Healthy: the ✅ in a failure's thread.
 * - `settling`: Succeeded or Running but not yet Healthy: nothing to say yet (on-deployed or on-health-degraded will).
 * - `unspecified`: a bare body (only app and namespace): the job reads the Application to find out (see
 *   argoFailureKey for how it is deduplicated).
 */
export const argoStates = [
  'sync-failed',
  'degraded',
  'sync-unknown',
  'out-of-sync',
  'succeeded',
  'settling',
  'unspecified',
] as const;
export type ArgoState = (typeof argoStates)[number];

const FAILED_PHASES = ['Failed', 'Error'];
const UNHEALTHY = ['Degraded', 'Missing'];

export function argoState(notification: ArgoNotification): ArgoState {
  const { phase, syncStatus, healthStatus } = notification;
  if (phase && FAILED_PHASES.includes(phase)) return 'sync-failed';
  if (healthStatus && UNHEALTHY.includes(healthStatus)) return 'degraded';
  if (syncStatus === 'Unknown') return 'sync-unknown';
  if (phase === 'Succeeded' && syncStatus === 'Synced' && healthStatus === 'Healthy') return 'succeeded';
  // The last operation finished (or none ran) and the live state differs from git: drift, not a sync in progress.
  if (syncStatus === 'OutOfSync' && phase !== 'Running' && phase !== 'Terminating') return 'out-of-sync';
  if (phase || syncStatus || healthStatus) return 'settling';
  return 'unspecified';
}
