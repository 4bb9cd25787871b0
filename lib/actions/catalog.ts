// The action registry: the one list of what kube-responder may propose, and the proposal fields derived from it.

import { z } from 'zod';
import { describeIssues } from '../validation/index.ts';
import type { ActionDefinition, TargetKind } from './action.ts';
import { deletePod } from './delete-pod.ts';
import { restart } from './restart.ts';
import { rollback } from './rollback.ts';
import { scale } from './scale.ts';

/** Every action, in the order the agent and the docs list them. */
export const actions = [restart, scale, deletePod, rollback] as const;

type Catalog = (typeof actions)[number];
export type ActionName = Catalog['name'];
export const actionNames = actions.map((action) => action.name) as [ActionName, ...ActionName[]];
export const ActionName = z.enum(actionNames);

/** The definition of each action by name, typed loosely enough to call any of them. */
export const actionByName = Object.fromEntries(
  (actions satisfies readonly ActionDefinition[]).map((action): [string, ActionDefinition] => [
    action.name,
    action,
  ]),
) as Record<ActionName, ActionDefinition>;

/** Every kind some action targets, in catalog order. */
export const targetKinds = [...new Set(actions.flatMap((action) => action.targetKinds))] as TargetKind[];

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void
  ? I
  : never;
type ArgShapes = UnionToIntersection<Catalog['args']['shape']>;

/**
 * Every action's arguments as optional fields (`replicas`, "only for scale"): a proposal is one flat object, the
 * shape the agent answers and the Report stores; each action's own `args` schema then checks its fields.
 */
export const proposalArgs = (() => {
  const shape: Record<string, z.ZodType> = {};
  const users = new Map<string, string[]>();
  for (const action of actions)
    for (const [field, schema] of Object.entries(action.args.shape as Record<string, z.ZodType>)) {
      users.set(field, [...(users.get(field) ?? []), action.name]);
      shape[field] = schema;
    }
  for (const [field, names] of users)
    shape[field] = (shape[field] as z.ZodType).optional().describe(`only for ${names.join(' and ')}`);
  return shape as { [F in keyof ArgShapes]: z.ZodOptional<ArgShapes[F]> };
})();

/** The argument fields of a proposal, picked out of it (the rest of a proposal is its target and reason). */
export function argsOf(proposal: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.keys(proposalArgs)
      .filter((field) => proposal[field] !== undefined)
      .map((field) => [field, proposal[field]]),
  );
}

/** Why a proposal does not fit its action (target kind, arguments); undefined when it does. */
export function proposalMisfit(
  name: ActionName,
  kind: string,
  fields: Record<string, unknown>,
): string | undefined {
  const action = actionByName[name];
  const kinds = action.targetKinds as readonly string[];
  if (!kinds.includes(kind)) return `${name} applies to ${kinds.join(' or ')}, not ${kind}.`;
  const parsed = action.args.safeParse(argsOf(fields));
  if (parsed.success) return undefined;
  const missing = parsed.error.issues.filter((issue) => fields[String(issue.path[0])] === undefined);
  if (missing.length > 0)
    return `${name} needs ${missing.map((issue) => issue.path.join('.')).join(' and ')}.`;
  return `${name}: ${describeIssues(parsed.error, { max: Infinity })}.`;
}
