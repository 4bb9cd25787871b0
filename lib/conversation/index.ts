// Chat commands that work with no model: the command table and parser, the conversation's structured context and
// its reference resolver, the runner that answers phone-sized, redacted text (write commands only propose), and
// free text answered by the model when one is configured.
export {
  answerFreeText,
  type ChatModel,
  type FreeTextAnswer,
  type FreeTextInput,
  forTheModel,
  MODEL_UNAVAILABLE,
} from './agent.ts';
export {
  CommandArgs,
  CommandName,
  commandByName,
  commandList,
  commands,
  helpText,
  type ParsedCommand,
  parseCommand,
} from './commands.ts';
export {
  ContextObject,
  ConversationContext,
  emptyContext,
  MAX_LAST_OBJECTS,
  type Resolution,
  type ResolveOptions,
  remember,
  resolveReference,
} from './context.ts';
export { ChatReply, defaultLimits, type ReplyLimits } from './reply.ts';
export { type CommandResult, type RunOptions, runCommand } from './run.ts';
