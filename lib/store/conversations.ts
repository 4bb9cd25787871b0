// Chat conversations: what was said so far in a thread, kept for a while and bounded, like Bolt's conversation
// store (`get`, `set` with expiry).
import { z } from 'zod';
import { ConversationContext } from '../conversation/context.ts';
import { type Kv, kvKey, kvRun, ttl } from './kv.ts';

export const ConversationTurn = z.object({
  role: z.enum(['user', 'assistant']),
  text: z.string(),
  /** ISO time the turn was said. */
  at: z.string(),
});
export type ConversationTurn = z.infer<typeof ConversationTurn>;

export const Conversation = z.object({
  /** The chat's thread id (e.g. `slack:C0KRONCALL:1700000000.000100`). */
  id: z.string().min(1),
  /** The report the conversation is about, when it started from one. */
  reportId: z.string().optional(),
  cluster: z.string().optional(),
  turns: z.array(ConversationTurn),
  /** What the commands engine remembers between messages (cluster, namespace, the objects last shown). */
  context: ConversationContext.optional(),
});
export type Conversation = z.infer<typeof Conversation>;

/** Turns kept per conversation: the newest ones, so memory stays bounded however long the thread runs. */
export const MAX_CONVERSATION_TURNS = 20;

export interface ConversationStore {
  get(id: string): Promise<Conversation | undefined>;
  /** Stores the conversation (its newest turns only) until `ttlSeconds` from now. */
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
      const bounded = { ...conversation, turns: conversation.turns.slice(-MAX_CONVERSATION_TURNS) };
      await kvRun(kv, ['set', key(conversation.id), JSON.stringify(bounded), { ex: ttl(ttlSeconds) }]);
    },
  };
}
