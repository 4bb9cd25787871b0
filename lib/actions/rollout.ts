// After an approved write: watch the rollout briefly and say how it went, in one line a phone can read. A
// restart or scale is done when the controller saw the new spec and every desired replica is updated and ready;
// otherwise the answer names a pod that is not ready and why. A deleted pod: was a replacement created?
import { type ClusterReader, type K8sObject, resources } from '../cluster/index.ts';
import { type Translate, translator } from '../i18n/index.ts';
import type { Locale } from '../locale/index.ts';
import type { ActionTarget } from './action.ts';

export interface RolloutWatch {
  /** How long to watch (ROLLOUT_WATCH_SECONDS); 0 looks once. */
  seconds: number;
  /** Waits between looks (injectable so tests do not wait). */
  sleep?: (ms: number) => Promise<void>;
  /** Between looks; at least 2 s, and spread so the watch takes at most MAX_LOOKS looks. */
  intervalMs?: number;
  /** The language the answer is said in (the approval's asker's); en by default. */
  locale?: Locale;
}

export interface RolloutResult {
  /** True when the rollout finished (or the replacement pod is ready). */
  done: boolean;
  text: string;
}

const MIN_INTERVAL_MS = 2000;
/**
 * Each look is one or two reads: capped so a long watch stays well inside a Worker's subrequest budget (50 per
 * invocation on Cloudflare's free plan, shared with the job's other calls).
 */
export const MAX_LOOKS = 12;
const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

interface Workload extends K8sObject {
  spec?: { replicas?: number; selector?: { matchLabels?: Record<string, string> } };
  status?: {
    observedGeneration?: number;
    replicas?: number;
    updatedReplicas?: number;
    readyReplicas?: number;
  };
}

interface Pod extends K8sObject {
  status?: {
    phase?: string;
    conditions?: { type: string; status: string }[];
    containerStatuses?: {
      name: string;
      ready?: boolean;
      state?: { waiting?: { reason?: string; message?: string } };
      lastState?: { terminated?: { reason?: string; exitCode?: number } };
    }[];
  };
}

const workloadResources = { Deployment: resources.deployments, StatefulSet: resources.statefulSets } as const;

/** Watches what an approved action changed; undefined when there is nothing to watch (a DaemonSet restart). */
export async function watchRollout(
  reader: ClusterReader,
  action: string,
  target: ActionTarget,
  watch: RolloutWatch,
  /** delete-pod: the pod the API server answered the delete with, and when it was deleted. */
  deleted?: { pod?: K8sObject; at: Date },
): Promise<RolloutResult | undefined> {
  const say = translator(watch.locale ?? 'en');
  if (action === 'delete-pod') return poll(watch, () => replacementOf(reader, target, say, deleted));
  if (target.kind !== 'Deployment' && target.kind !== 'StatefulSet') return undefined;
  const resource = workloadResources[target.kind];
  return poll(watch, async () => {
    const workload = await reader.get<Workload>(resource, target.namespace, target.name);
    if (!workload)
      return {
        done: true,
        text: say('chat.rolloutGone', { name: `${target.kind} ${target.namespace}/${target.name}` }),
      };
    return rolloutOf(reader, target, workload, say);
  });
}

async function poll(watch: RolloutWatch, look: () => Promise<RolloutResult>): Promise<RolloutResult> {
  const sleep = watch.sleep ?? defaultSleep;
  const interval =
    watch.intervalMs ?? Math.max(MIN_INTERVAL_MS, Math.floor((watch.seconds * 1000) / (MAX_LOOKS - 1)));
  // Counted in looks, not by the clock: the watch ends on time even when each read is slow.
  const looks = Math.min(MAX_LOOKS, Math.max(1, Math.floor((watch.seconds * 1000) / interval) + 1));
  let result = await look();
  for (let n = 1; n < looks && !result.done; n++) {
    await sleep(interval);
    result = await look();
  }
  return result;
}

async function rolloutOf(
  reader: ClusterReader,
  target: ActionTarget,
  workload: Workload,
  say: Translate,
): Promise<RolloutResult> {
  const desired = workload.spec?.replicas ?? 1;
  const status = workload.status ?? {};
  const observed = (status.observedGeneration ?? 0) >= (workload.metadata.generation ?? 0);
  const updated = status.updatedReplicas ?? 0;
  const ready = status.readyReplicas ?? 0;
  const name = `${target.kind} ${target.namespace}/${target.name}`;
  if (observed && updated === desired && ready === desired)
    // Counts as strings: a value, not a number Intl would group.
    return {
      done: true,
      text: say('chat.rolloutDone', { name, ready: String(ready), desired: String(desired) }),
    };
  const progress = observed
    ? say('chat.rolloutProgress', {
        updated: String(updated),
        ready: String(ready),
        desired: String(desired),
      })
    : say('chat.rolloutNotPickedUp');
  const stuck = await notReadyPod(reader, target.namespace, workload.spec?.selector?.matchLabels, say);
  return {
    done: false,
    text: stuck
      ? say('chat.rolloutStuck', { name, progress, stuck })
      : say('chat.rolloutNotFinished', { name, progress }),
  };
}

const selectorOf = (labels: Record<string, string> | undefined) =>
  labels
    ? Object.entries(labels)
        .map(([key, value]) => `${key}=${value}`)
        .join(',')
    : undefined;

const isReady = (pod: Pod) =>
  pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;

/** Why a pod is not ready, from its containers: the waiting reason and the last termination. */
export function whyNotReady(pod: Pod, say: Translate = translator('en')): string {
  const join = (key: 'chat.reasonsJoin' | 'chat.containersJoin', parts: string[]) =>
    parts.reduce((first, second) => say(key, { first, second }));
  const reasons = (pod.status?.containerStatuses ?? [])
    .filter((container) => !container.ready)
    .map((container) => {
      const waiting = container.state?.waiting?.reason;
      const last = container.lastState?.terminated;
      const reason = last?.reason ?? say('chat.unknownReason');
      const lastText = last
        ? last.exitCode !== undefined
          ? say('chat.lastTerminatedExit', { reason, code: String(last.exitCode) })
          : say('chat.lastTerminated', { reason })
        : '';
      const state = waiting
        ? say('chat.containerWaiting', { container: container.name, reason: waiting })
        : say('chat.containerNotReady', { container: container.name });
      return join('chat.reasonsJoin', [state, lastText].filter(Boolean));
    });
  return reasons.length > 0
    ? join('chat.containersJoin', reasons)
    : (pod.status?.phase ?? say('chat.notReady'));
}

async function notReadyPod(
  reader: ClusterReader,
  namespace: string,
  labels: Record<string, string> | undefined,
  say: Translate,
): Promise<string | undefined> {
  const labelSelector = selectorOf(labels);
  if (!labelSelector) return undefined;
  const pods = await reader.list<Pod>(resources.pods, { namespace, labelSelector, maxItems: 50 });
  const pod = pods.find((candidate) => !isReady(candidate));
  return pod ? say('chat.podNotReady', { pod: pod.metadata.name, why: whyNotReady(pod, say) }) : undefined;
}

async function replacementOf(
  reader: ClusterReader,
  target: ActionTarget,
  say: Translate,
  deleted?: { pod?: K8sObject; at: Date },
): Promise<RolloutResult> {
  const name = `${target.namespace}/${target.name}`;
  const pod = deleted?.pod;
  const owner = pod?.metadata.ownerReferences?.[0];
  const labelSelector = selectorOf(pod?.metadata.labels);
  // creationTimestamp has whole seconds: a pod created in the second of the delete counts.
  const since = (deleted?.at.getTime() ?? 0) - 1000;
  if (!owner || !labelSelector) return { done: true, text: say('chat.deletedNoController', { name }) };
  const pods = await reader.list<Pod>(resources.pods, {
    namespace: target.namespace,
    labelSelector,
    maxItems: 50,
  });
  const replacement = pods.find(
    (candidate) =>
      candidate.metadata.name !== target.name &&
      candidate.metadata.ownerReferences?.some((ref) => ref.uid === owner.uid) &&
      Date.parse(candidate.metadata.creationTimestamp ?? '') >= since,
  );
  if (!replacement) return { done: false, text: say('chat.deletedNoReplacement', { name }) };
  const replaced = { name, replacement: replacement.metadata.name };
  return isReady(replacement)
    ? { done: true, text: say('chat.deletedReplaced', replaced) }
    : {
        done: false,
        text: say('chat.deletedReplacementNotReady', { ...replaced, why: whyNotReady(replacement, say) }),
      };
}
