// The write commands: resolve the target among the action's kinds, let the catalog check it, and only propose.
import { ActionError, type ActionName, actionByName, planProposal } from '../actions/index.ts';
import { actionDescription, render, type Text } from '../i18n/index.ts';
import type { Proposal } from '../report/index.ts';
import type { CommandArgs } from './commands.ts';
import { type ContextObject, remember } from './context.ts';
import { type Handler, unresolved, withNamespace } from './handler.ts';
import { podTarget } from './reads.ts';
import { proposedText } from './reply.ts';
import { resolveTarget } from './targets.ts';

/** A write command: resolve its target among the action's kinds, let the catalog check it, and only propose. */
export function proposing(
  action: ActionName,
  fields: (args: CommandArgs) => Record<string, unknown> = () => ({}),
): Handler {
  return async (run) => {
    const definition = actionByName[action];
    const query = run.args.target ?? '';
    const kinds = definition.targetKinds as readonly string[];
    let target: ContextObject;
    if (kinds.includes('Pod')) {
      const found = await podTarget(run, false);
      if ('text' in found) return { context: run.context, text: found.text };
      target = found.pod;
    } else {
      const resolution = await resolveTarget(
        { text: query, kinds, namespace: run.namespace },
        run.context,
        run.options.reader,
        run.now(),
      );
      const problem = unresolved(run, query, kinds.join(' or '), resolution);
      if (problem || !('object' in resolution)) return { context: run.context, text: problem ?? '' };
      target = resolution.object;
    }
    if (!target.namespace)
      return { context: run.context, text: run.t('chat.whichNamespace', { name: target.name }) };
    const reason: Text = {
      key: 'chat.askedReason',
      params: { command: `/${action === 'delete-pod' ? 'delete pod' : action}` },
    };
    const proposal: Proposal = {
      id: `chat-${crypto.randomUUID().slice(0, 8)}`,
      action,
      target: { kind: target.kind, namespace: target.namespace, name: target.name },
      ...fields(run.args),
      // English stored with its Text: the card says it in the asker's language, the report page in the reader's.
      reason: render(reason, 'en'),
      reasonText: reason,
    };
    try {
      const plan = planProposal(proposal, run.options.now ?? new Date());
      return {
        context: remember(withNamespace(run), [target]),
        proposal,
        text: proposedText(actionDescription(proposal, plan.description, run.locale), run.locale),
      };
    } catch (error) {
      if (error instanceof ActionError)
        return { context: run.context, text: run.t('chat.cannotPropose', { error: error.message }) };
      throw error;
    }
  };
}
