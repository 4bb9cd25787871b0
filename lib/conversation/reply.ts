// What the bot answers a command: phone-sized text (long lists cut with a count and a hint), always redacted and
// free of control characters, plus the proposal a write command made for a person to approve.
import { z } from 'zod';
import { t } from '../i18n/index.ts';
import type { Locale } from '../locale/index.ts';
import { Proposal } from '../report/index.ts';
import { redactText, stripControl } from '../security/index.ts';

export const ChatReply = z.object({
  text: z.string(),
  /** A write command's proposal, for an approval card; nothing has run. */
  proposal: Proposal.optional(),
});
export type ChatReply = z.infer<typeof ChatReply>;

/** How much fits on a phone. */
export interface ReplyLimits {
  /** Rows of a list (pods, events, candidates) before it is cut. */
  rows: number;
  /** Lines of a log or a describe before it is cut. */
  lines: number;
  /** Characters a line is cut to (tables stay within ~60 on their own). */
  width: number;
}

export const defaultLimits: ReplyLimits = { rows: 15, lines: 30, width: 240 };

/** The one way text leaves the engine: cluster content redacted, control sequences removed, lines bounded. */
export function phoneText(text: string, limits: ReplyLimits = defaultLimits): string {
  return stripControl(redactText(text))
    .split('\n')
    .map((line) => (line.length > limits.width ? `${line.slice(0, limits.width - 1)}…` : line))
    .join('\n');
}

/** The first `max` lines, then `…and N more (hint)`. */
export function cutLines(
  lines: readonly string[],
  max: number,
  hint: string,
  locale: Locale = 'en',
): string[] {
  if (lines.length <= max) return [...lines];
  return [...lines.slice(0, max), t(locale, 'chat.more', { count: lines.length - max, hint })];
}

/** The last `max` lines, after `…N earlier lines (hint)`: a log's end is where the crash is. */
export function lastLines(
  lines: readonly string[],
  max: number,
  hint: string,
  locale: Locale = 'en',
): string[] {
  if (lines.length <= max) return [...lines];
  return [t(locale, 'chat.earlier', { count: lines.length - max, hint }), ...lines.slice(-max)];
}

/** What a write command (or the model) answers when it proposes: nothing has run. */
export const proposedText = (description: string, locale: Locale = 'en') =>
  t(locale, 'chat.proposed', { description });

/**
 * The answer without its proposal lines, for above an approval card that states the same thing itself (the card
 * says what will happen, where and who may approve it; saying it twice only makes the phone scroll).
 */
export const withoutProposedText = (text: string, description: string, locale: Locale = 'en') =>
  text.replace(proposedText(description, locale), '').trim();
