// The diagnosis Report and its findings: the contract of docs/design.md and docs/fixtures.md, as zod schemas.
import { z } from 'zod';
import { ActionName, proposalArgs } from '../actions/index.ts';
import { Text } from '../i18n/index.ts';

export const findingCodes = [
  'CrashLoopBackOff',
  'OOMKilled',
  'ImagePullFailure',
  'ContainerConfigError',
  'ProbeFailure',
  'Unschedulable',
  'FailedMount',
  'InitContainerFailure',
  'Evicted',
  'RolloutStuck',
  'WorkloadUnavailable',
  'JobFailed',
  'CronJobFailing',
  'ServiceNoEndpoints',
  'IngressBackendMissing',
  'PVCPending',
  'NodeNotReady',
  'NodePressure',
  'HPAAtLimit',
  'QuotaExceeded',
  'ArgoSyncFailed',
  'ArgoDegraded',
  'DependencyUnreachable',
  'MissingConfig',
  'BadImageReference',
  'InsufficientResources',
  'SelectorMismatch',
  'ApplicationError',
  // Root causes added by issue 13: a taint no toleration allows, a provisioner out of capacity.
  'UntoleratedTaint',
  'StorageExhausted',
  'RecentChange',
] as const;

export const FindingCode = z.enum(findingCodes);
export type FindingCode = z.infer<typeof FindingCode>;

export const Severity = z.enum(['critical', 'warning', 'info']);
export type Severity = z.infer<typeof Severity>;

export const ObjectRef = z.object({
  kind: z.string().min(1),
  namespace: z.string().min(1).optional(),
  name: z.string().min(1),
});
export type ObjectRef = z.infer<typeof ObjectRef>;

export const RootCause = z.object({
  code: FindingCode,
  object: ObjectRef.optional(),
  /** One line on why this is the cause (e.g. "selector app=mysql matches no pod"). */
  detail: z.string().optional(),
  /** `detail` kept language-neutral. */
  detailText: Text.optional(),
  /** The cause's own state for the chain when its code's words do not say it (redis answering `LOADING`). */
  state: z.string().optional(),
  /** `state` kept language-neutral. */
  stateText: Text.optional(),
});
export type RootCause = z.infer<typeof RootCause>;

export const Finding = z.object({
  code: FindingCode,
  severity: Severity,
  object: ObjectRef,
  owner: ObjectRef.optional(),
  rootCause: RootCause.optional(),
  summary: z.string(),
  evidence: z.array(z.string()),
  suggestions: z.array(z.string()),
  /** `summary` kept language-neutral (catalogue key and parameters), for a reader of another language. */
  summaryText: Text.optional(),
  /** `suggestions` kept language-neutral, one for one. */
  suggestionTexts: z.array(Text).optional(),
  /**
   * `evidence` kept language-neutral, one for one: a line's label is translated, what it quotes from the cluster (a
   * log line, an event's message) is a parameter and stays as it is.
   */
  evidenceTexts: z.array(Text).optional(),
});
export type Finding = z.infer<typeof Finding>;

/** One hop from the alert's finding toward the deepest evidenced cause: the object and what is wrong with it. */
export const CauseLink = z.object({
  object: ObjectRef,
  code: FindingCode,
  /** A few words on its state (`no ready endpoints`, `readiness probe fails`). */
  state: z.string(),
  /** `state` kept language-neutral. */
  stateText: Text.optional(),
});
export type CauseLink = z.infer<typeof CauseLink>;

export const Scope = z.object({
  kind: z.enum(['alert', 'object', 'namespace', 'cluster']),
  namespace: z.string().optional(),
  object: ObjectRef.optional(),
});
export type Scope = z.infer<typeof Scope>;

/** An action the bot may propose; it only ever runs after a person approves it in the chat. */
export const Proposal = z.object({
  id: z.string(),
  action: ActionName,
  target: ObjectRef,
  ...proposalArgs,
  reason: z.string(),
  /** `reason` language-neutral, when a sentence of ours says it (the card renders it in the asker's language). */
  reasonText: Text.optional(),
});
export type Proposal = z.infer<typeof Proposal>;

export const AiPart = z.object({
  model: z.string(),
  text: z.string(),
  rootCause: z.string().optional(),
  nextSteps: z.array(z.string()).optional(),
  /** Short quoted facts behind the root cause. */
  evidence: z.array(z.string()).optional(),
  confidence: z.enum(['low', 'medium', 'high']).optional(),
  toolCalls: z.number().int().min(0),
  /** Requests sent to the model, retries included. */
  modelCalls: z.number().int().min(0).optional(),
  tokens: z.object({ prompt: z.number().int().min(0), output: z.number().int().min(0) }),
});
export type AiPart = z.infer<typeof AiPart>;

export const ReportSource = z.enum(['alertmanager', 'argocd', 'line', 'slack', 'cron', 'cli', 'api']);
export type ReportSource = z.infer<typeof ReportSource>;

export const ReportMeta = z.object({
  apiRequests: z.number().int().min(0),
  bytesRead: z.number().int().min(0),
  durationMs: z.number().min(0),
});
export type ReportMeta = z.infer<typeof ReportMeta>;

/** A link the message shows as a button (the Application in Argo CD): web pages only, never a script URL. */
export const ReportLink = z.object({
  label: z.string().min(1).max(40),
  url: z.url({ protocol: /^https?$/ }).max(2048),
});
export type ReportLink = z.infer<typeof ReportLink>;

export const Report = z.object({
  id: z.string(),
  source: ReportSource,
  cluster: z.string(),
  scope: Scope,
  startedAt: z.string(),
  /** The alert that started this diagnosis, when there was one (name and a few labels). */
  alert: z
    .object({ name: z.string(), severity: z.string().optional(), labels: z.record(z.string(), z.string()) })
    .optional(),
  findings: z.array(Finding),
  /** The lead finding's chain of causes, lead first, deepest last (absent when the lead has no evidenced cause). */
  chain: z.array(CauseLink).optional(),
  summary: z.string(),
  /** `summary` kept language-neutral (the diagnosis's own sentence around the lead finding's). */
  summaryText: Text.optional(),
  ai: AiPart.optional(),
  proposals: z.array(Proposal),
  /** Where to look further (the Application in Argo CD), shown as buttons. */
  links: z.array(ReportLink).max(3).optional(),
  meta: ReportMeta.optional(),
});
export type Report = z.infer<typeof Report>;
