// A conversation's history within a token budget: the newest turns kept whole, older ones folded into a short
// extractive summary (one line a turn, no model call), so memory stays bounded however long the thread runs.
// The structured context (cluster, namespace, the objects last shown) is not history and is never trimmed here.
import type { ChatTurn } from '../agent/index.ts';
import type { Conversation, ConversationTurn } from '../store/index.ts';
import { countTokens, headWithin } from './tokens.ts';

/** CHAT_MEMORY_TOKENS' default: a few screens of chat, small next to the agent's prompt. */
export const DEFAULT_CHAT_MEMORY_TOKENS = 2_000;
/** The summary's share of the budget: enough to name the early commands, never enough to crowd out the turns. */
const SUMMARY_SHARE = 0.25;
/** One folded turn's summary line, in characters. */
const SUMMARY_LINE_CHARS = 80;

const speaker = (turn: ConversationTurn) => (turn.role === 'user' ? 'user' : 'bot');

/**
 * One line for a folded turn: who said it and the first line of what was said (an answer's first line is its
 * gist: "6 pods in shop; 4 not running/ready or restarting"), cut to about 80 characters.
 */
export function summaryLine(turn: ConversationTurn): string {
  const first =
    turn.text
      .split('\n')
      .map((line) => line.replace(/\s+/g, ' ').trim())
      .find(Boolean) ?? '';
  const line = `${speaker(turn)}: ${first}`;
  const chars = [...line];
  return chars.length <= SUMMARY_LINE_CHARS ? line : `${chars.slice(0, SUMMARY_LINE_CHARS - 1).join('')}…`;
}

export interface MemoryTokens {
  total: number;
  turns: number;
  summary: number;
}

/** What the conversation's history costs (the CJK-aware estimate of `countTokens`). */
export function memoryTokens(conversation: Pick<Conversation, 'turns' | 'summary'>): MemoryTokens {
  const turns = conversation.turns.reduce((sum, turn) => sum + countTokens(turn.text), 0);
  const summary = countTokens((conversation.summary ?? []).join('\n'));
  return { total: turns + summary, turns, summary };
}

/**
 * The conversation with its history within `budget` tokens: the newest turns whole (a single turn over half the
 * turns' share is cut to its head, so the question that asked for a long log stays beside it), the older ones
 * folded into summary lines, the summary within a quarter of the budget by dropping its oldest lines.
 */
export function withinBudget<C extends Conversation>(
  conversation: C,
  budget = DEFAULT_CHAT_MEMORY_TOKENS,
): C {
  const summaryBudget = Math.floor(budget * SUMMARY_SHARE);
  const turnsBudget = budget - summaryBudget;
  const turnCap = Math.floor(turnsBudget / 2);
  const cut = conversation.turns.map((turn) => ({ ...turn, text: headWithin(turn.text, turnCap) }));
  let used = 0;
  let first = cut.length;
  while (first > 0) {
    const tokens = countTokens(cut[first - 1]?.text ?? '');
    if (used + tokens > turnsBudget) break;
    used += tokens;
    first -= 1;
  }
  const folded = conversation.turns.slice(0, first).map(summaryLine);
  const summary = [...(conversation.summary ?? []), ...folded];
  while (summary.length > 0 && countTokens(summary.join('\n')) > summaryBudget) summary.shift();
  return { ...conversation, turns: cut.slice(first), summary };
}

/** The history the agent is given, oldest first: the summary (as one turn) and then the turns kept. */
export function historyFor(conversation: Pick<Conversation, 'turns' | 'summary'> | undefined): ChatTurn[] {
  if (!conversation) return [];
  const summary = conversation.summary ?? [];
  const turns: ChatTurn[] = conversation.turns.map((turn) => ({ from: speaker(turn), text: turn.text }));
  return summary.length > 0
    ? [{ from: 'bot', text: `Earlier in this conversation:\n${summary.join('\n')}` }, ...turns]
    : turns;
}
