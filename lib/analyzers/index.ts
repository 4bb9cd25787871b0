// The analyzers: one per file behind the `Analyzer` interface, listed once in the registry below.
import { argoApplications } from './argo.ts';
import { containerConfigError } from './container-config.ts';
import { crashLoop } from './crashloop.ts';
import { cronJobFailing } from './cronjob.ts';
import { evicted } from './evicted.ts';
import { failedMount } from './failed-mount.ts';
import { hpaAtLimit } from './hpa.ts';
import { imagePullFailure } from './image-pull.ts';
import { ingressBackendMissing } from './ingress.ts';
import { initContainerFailure } from './init-container.ts';
import { jobFailed } from './job.ts';
import { nodeNotReady } from './node-not-ready.ts';
import { nodePressure } from './node-pressure.ts';
import { oomKilled } from './oomkilled.ts';
import { probeFailure } from './probes.ts';
import { pvcPending } from './pvc.ts';
import { quotaExceeded } from './quota.ts';
import { rolloutStuck } from './rollout.ts';
import { serviceNoEndpoints } from './service-endpoints.ts';
import type { Analyzer } from './types.ts';
import { unschedulablePods } from './unschedulable.ts';
import { workloadUnavailable } from './workload-unavailable.ts';

export type { Analyzer, LogRequest, Reads } from './types.ts';

/** Every analyzer (order does not change results; the diagnosis groups and sorts findings). */
export const analyzers: readonly Analyzer[] = [
  crashLoop,
  oomKilled,
  imagePullFailure,
  containerConfigError,
  probeFailure,
  unschedulablePods,
  failedMount,
  initContainerFailure,
  evicted,
  rolloutStuck,
  workloadUnavailable,
  jobFailed,
  cronJobFailing,
  serviceNoEndpoints,
  ingressBackendMissing,
  pvcPending,
  nodeNotReady,
  nodePressure,
  hpaAtLimit,
  quotaExceeded,
  argoApplications,
];
