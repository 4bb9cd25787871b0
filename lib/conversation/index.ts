// Chat commands that work with no model: the command table and parser, the conversation's structured context and
// its reference resolver, the runner that answers phone-sized, redacted text (write commands only propose), and
// free text answered by the model when one is configured; the history's token budget and the per-person turn limit.
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
export {
  DEFAULT_CHAT_MEMORY_TOKENS,
  historyFor,
  type MemoryTokens,
  memoryTokens,
  summaryLine,
  withinBudget,
} from './memory.ts';
export {
  DEFAULT_CHAT_TURNS_PER_MINUTE,
  rateLimitedText,
  type TurnDecision,
  type TurnLimiter,
  type TurnLimiterOptions,
  upstashTurnLimiter,
} from './ratelimit.ts';
export {
  ChatReply,
  defaultLimits,
  proposedText,
  type ReplyLimits,
  withoutProposedText,
} from './reply.ts';
export { type CommandResult, type RunOptions, runCommand } from './run.ts';
export { countTokens, headWithin } from './tokens.ts';
