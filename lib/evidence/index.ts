// Reading evidence from a snapshot: the indexed context, pods grouped by owner, root-cause correlation, log
// lines, cron schedules and NetworkPolicy reasoning. The analyzers build their findings from these.

export {
  AnalysisContext,
  type ClusterEvent,
  describeRef,
  FRESH_EVENT_MS,
  formatSelector,
  matches,
  refOf,
  sameRef,
} from './context.ts';
export {
  type Cause,
  type ContainerStatus,
  causeFromLog,
  causeOf,
  containerStatuses,
  detailTextOf,
  evidenceTextsOf,
  explainNoEndpoints,
  hasReadyEndpoints,
  isReady,
  rootCauseOf,
  serviceForHost,
} from './correlate.ts';
export { CronError, type CronSchedule, nextRun, parseCron } from './cron.ts';
export {
  ago,
  describeProbe,
  HISTORY_WINDOW_MS,
  missingServiceAccount,
  type ProbeCheck,
  type ProbeKills,
  type ProbeKind,
  probeKills,
  probeKindOf,
  probeKinds,
  recentEvents,
  recentTermination,
  resolutionOf,
  resolvedBy,
} from './history.ts';
export {
  applicationError,
  type ConnectionFailure,
  clean,
  connectionFailures,
  keyLines,
  mentionsOom,
  missingSetting,
} from './logs.ts';
export { type Blocked, explainBlocked, explainDnsBlocked, policyReads, selects } from './network-policy.ts';
export {
  groupByOwner,
  groupName,
  morePods,
  morePodsText,
  ownerReads,
  type PodGroup,
  type PodGroupReport,
  podGroupFinding,
} from './pod-group.ts';
export { count, duration, inTwoForms, plural, span } from './words.ts';
