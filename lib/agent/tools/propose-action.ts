// propose_action: records a request for a person to approve in the chat; it never runs anything itself.
import { actionNames } from '../../actions/index.ts';
import { ProposedAction } from '../answer.ts';
import { defineTool } from './tool.ts';

const allowed = actionNames.join(', ');

export const proposeAction = defineTool({
  name: 'propose_action',
  description: `Propose ${actionNames.slice(0, -1).join(', ')} or ${actionNames.at(-1)} for a person to approve in the chat. It never runs anything itself. Only when the findings clearly call for it or the user asked.`,
  args: ProposedAction,
  refuse: (problems) => `not proposed: ${problems}. Allowed actions: ${allowed}.`,
  run(proposal, context) {
    const refused = context.vetProposal(proposal);
    if (refused) return `not proposed: ${refused}`;
    const id = context.addProposal(proposal);
    return `approval request ${id} recorded: a person must approve it in the chat; nothing was changed.`;
  },
});
