// Text every chat serializer cuts to a platform's limit: by UTF-16 units (how Slack and LINE count), with an ellipsis,
// never through a surrogate pair.

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;

/** Clips to `max` UTF-16 units with an ellipsis, never cutting a surrogate pair in half. */
export function clipUnits(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = Math.max(0, max - 1);
  if (end > 0 && isHighSurrogate(text.charCodeAt(end - 1))) end -= 1;
  return `${text.slice(0, end)}…`;
}
