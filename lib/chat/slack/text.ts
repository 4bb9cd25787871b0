// Slack text objects for cluster text: control characters removed, Slack's control characters escaped, and clipped
// after escaping without ever cutting an entity or a surrogate pair, so a 5,000-character name still fits.
import { stripControl } from '../../security/index.ts';
import { clipUnits } from '../text.ts';

/** Escapes Slack's control characters so cluster text can never mention @channel or forge a link. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Block Kit's limits the serializers keep (a section's text, a header, one bullet line of cluster text). */
export const SLACK_BLOCK_LIMITS = { section: 3000, header: 150, line: 300 } as const;

/** A mrkdwn section, clipped to Block Kit's 3,000 characters (the caller has escaped what is cluster text). */
export const mrkdwnSection = (text: string) => ({
  type: 'section',
  text: { type: 'mrkdwn', text: clipUnits(text, SLACK_BLOCK_LIMITS.section) },
});

/** Cluster text for mrkdwn: stripped, escaped, then clipped to `max` (an entity cut in half is dropped whole). */
export function escapedWithin(text: string, max: number): string {
  const escaped = escapeMrkdwn(stripControl(text));
  if (escaped.length <= max) return escaped;
  const cut = clipUnits(escaped, max);
  return cut.replace(/&[a-z]{0,3}…$/, '…');
}

/** Cluster text for plain_text (buttons, dialogs, headers): Slack shows it as it is, so it is only stripped. */
export const plainWithin = (text: string, max: number): string => clipUnits(stripControl(text), max) || ' ';
