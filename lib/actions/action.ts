// What one catalog action is: the objects it applies to, its arguments, the findings that warrant it, the words a
// person uses to ask for it, and either the exact request the proxy allows or (advice only) the command to run.
import { z } from 'zod';
import { type ClusterRequest, type ResourceType, resources } from '../cluster/index.ts';
import type { FindingCode } from '../report/index.ts';

/** The kinds an action can target, and the resource each is written through. */
export const targetResources = {
  Deployment: resources.deployments,
  StatefulSet: resources.statefulSets,
  DaemonSet: resources.daemonSets,
  Pod: resources.pods,
} as const satisfies Record<string, ResourceType>;
export type TargetKind = keyof typeof targetResources;

/** The arguments of an action that needs none besides its target. */
export const noArgs = z.object({});

/** The object an action is applied to. */
export interface ActionTarget {
  kind: TargetKind;
  namespace: string;
  name: string;
}

interface ActionBase<Name extends string, Args extends z.ZodObject> {
  name: Name;
  targetKinds: readonly TargetKind[];
  /** The arguments besides the target (scale: replicas); what the agent proposes and the Report keeps. */
  args: Args;
  /** Finding codes (a finding's own or its root cause's) that justify proposing this on the finding's object or owner. */
  warrantedBy: readonly FindingCode[];
  /** What a person says to ask for it (English, Traditional and Simplified Chinese). */
  requestWords: RegExp;
  /** One line for an approval card. */
  describe(target: ActionTarget, args: z.infer<Args>): string;
}

/** An action the proxy can execute once a person approves it. */
export interface ExecutableAction<Name extends string = string, Args extends z.ZodObject = z.ZodObject>
  extends ActionBase<Name, Args> {
  executable: true;
  /** The exact Kubernetes REST request; the proxy's default policy allows it and nothing looser. */
  request(target: ActionTarget, args: z.infer<Args>, now: Date): ClusterRequest;
}

/** An action kube-responder only advises: the person runs the command themselves. */
export interface AdviceAction<Name extends string = string, Args extends z.ZodObject = z.ZodObject>
  extends ActionBase<Name, Args> {
  executable: false;
  /** The command a person runs. */
  command(target: ActionTarget, args: z.infer<Args>): string;
}

export type ActionDefinition<Name extends string = string, Args extends z.ZodObject = z.ZodObject> =
  | ExecutableAction<Name, Args>
  | AdviceAction<Name, Args>;

/** `Deployment shop/payment`, for messages. */
export const targetText = (target: ActionTarget) => `${target.kind} ${target.namespace}/${target.name}`;
