// From an approved proposal to the cluster: check it against the catalog, build the action's exact request and
// send it through a ClusterWriter as the approver. Advice-only actions are refused here, never sent.
import type { ClusterRequest, ClusterWriter, K8sObject } from '../cluster/index.ts';
import type { Proposal } from '../report/index.ts';
import type { ActionTarget } from './action.ts';
import { type ActionName, actionByName, argsOf, proposalMisfit } from './catalog.ts';

export type ActionPlan = { action: ActionName; target: ActionTarget; description: string } & (
  | { executable: true; request: ClusterRequest }
  | { executable: false; command: string }
);

export interface ActionOutcome {
  action: ActionName;
  target: ActionTarget;
  description: string;
  /** The API server's status code (2xx). */
  status: number;
  object?: K8sObject;
}

/** A proposal the catalog cannot carry out: wrong kind, missing arguments, or advice only. */
export class ActionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ActionError';
  }
}

/** What approving a proposal would do: the exact request, or (advice only) the command to run. */
export function planProposal(
  proposal: Pick<Proposal, 'action' | 'target'> & Record<string, unknown>,
  now: Date = new Date(),
): ActionPlan {
  const action = actionByName[proposal.action];
  const { kind, namespace, name } = proposal.target;
  const misfit = proposalMisfit(proposal.action, kind, proposal);
  if (misfit) throw new ActionError(misfit);
  if (!namespace) throw new ActionError(`${action.name} needs the target's namespace.`);
  const target = { kind, namespace, name } as ActionTarget;
  // Checked by proposalMisfit above, so this parse succeeds.
  const args = action.args.parse(argsOf(proposal));
  const description = action.describe(target, args);
  return action.executable
    ? {
        action: action.name as ActionName,
        target,
        description,
        executable: true,
        request: action.request(target, args, now),
      }
    : {
        action: action.name as ActionName,
        target,
        description,
        executable: false,
        command: action.command(target, args),
      };
}

/** Executes an approved proposal as `approver` (`slack:U123`); throws ActionError or ClusterWriteError. */
export async function executeProposal(
  writer: ClusterWriter,
  proposal: Pick<Proposal, 'action' | 'target'> & Record<string, unknown>,
  approver: string,
  now: Date = new Date(),
): Promise<ActionOutcome> {
  const plan = planProposal(proposal, now);
  if (!plan.executable)
    throw new ActionError(`${plan.action} is advice only and is never executed: run \`${plan.command}\``);
  const result = await writer.send(plan.request, approver);
  return {
    action: plan.action,
    target: plan.target,
    description: plan.description,
    status: result.status,
    ...(result.object ? { object: result.object } : {}),
  };
}
