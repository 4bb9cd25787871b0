// Chat conversations: what was said so far in a thread, kept for a while, like Bolt's conversation store (`get`,
// `set` with expiry). The history's bound (a token budget with a summary) is lib/conversation/memory.ts'.
import { z } from 'zod';
import { ConversationContext } from '../conversation/context.ts';
import { type Kv, kvKey, kvRun, ttl } from './kv.ts';

export const ConversationTurn = z.object({
  role: z.enum(['user', 'assistant']),
  text: z.string(),
  /** ISO time the turn was said. */
  at: z.string(),
  /** The turn (chat-turn job id) it came from: a retried job does not say it twice. */
  turn: z.string().optional(),
});
export type ConversationTurn = z.infer<typeof ConversationTurn>;

export const Conversation = z.object({
  /** The chat's thread id (e.g. `slack:C0KRONCALL:1700000000.000100`). */
  id: z.string().min(1),
  /** The report the conversation is about, when it started from one. */
  reportId: z.string().optional(),
  cluster: z.string().optional(),
  /** The newest turns, whole, within the memory's token budget. */
  turns: z.array(ConversationTurn),
  /** One line per older turn folded out of `turns`, oldest first (absent in conversations stored before it). */
  summary: z.array(z.string()).optional(),
  /** What the commands engine remembers between messages (cluster, namespace, the objects last shown). */
  context: ConversationContext.optional(),
});
export type Conversation = z.infer<typeof Conversation>;

export interface ConversationStore {
  get(id: string): Promise<Conversation | undefined>;
  /** Stores the conversation as given (bound it with `withinBudget` first) until `ttlSeconds` from now. */
  set(conversation: Conversation, ttlSeconds: number): Promise<void>;
}

export function conversationStore(kv: Kv, prefix = 'kr'): ConversationStore {
  const key = (id: string) => kvKey(prefix, 'conversation', id);
  return {
    async get(id) {
      const value = await kvRun(kv, ['get', key(id)]);
      return value === null ? undefined : Conversation.parse(JSON.parse(value));
    },
    async set(conversation, ttlSeconds) {
      await kvRun(kv, ['set', key(conversation.id), JSON.stringify(conversation), { ex: ttl(ttlSeconds) }]);
    },
  };
}
