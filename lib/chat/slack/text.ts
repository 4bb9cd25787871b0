// Slack text objects for cluster text: control characters removed, Slack's control characters escaped, and clipped
// after escaping without ever cutting an entity or a surrogate pair, so a 5,000-character name still fits.
import { stripControl } from '../../security/index.ts';

/** Escapes Slack's control characters so cluster text can never mention @channel or forge a link. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;

export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = Math.max(0, max - 1);
  if (end > 0 && isHighSurrogate(text.charCodeAt(end - 1))) end -= 1;
  return `${text.slice(0, end)}…`;
}

/** Cluster text for mrkdwn: stripped, escaped, then clipped to `max` (an entity cut in half is dropped whole). */
export function escapedWithin(text: string, max: number): string {
  const escaped = escapeMrkdwn(stripControl(text));
  if (escaped.length <= max) return escaped;
  const cut = clip(escaped, max);
  return cut.replace(/&[a-z]{0,3}…$/, '…');
}

/** Cluster text for plain_text (buttons, dialogs, headers): Slack shows it as it is, so it is only stripped. */
export const plainWithin = (text: string, max: number): string => clip(stripControl(text), max) || ' ';
