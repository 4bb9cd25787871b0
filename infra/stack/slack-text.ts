// Block Kit as plain text: lives in lib/chat (the Worker's dev log prints it too); re-exported for the stack.
export { slackMessageAsText } from '../../lib/chat/index.ts';
