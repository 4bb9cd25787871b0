// Text every chat serializer cuts to a platform's limit: by UTF-16 units (how Slack and LINE count), with an ellipsis,
// never through a grapheme (a surrogate pair, a ZWJ emoji, a letter and its combining marks, a flag).

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * Clips to `max` UTF-16 units with an ellipsis, cutting only between graphemes (Intl.Segmenter, which workerd
 * has): `👩‍💻` or `é` written as `e` + U+0301 is kept whole or left out, never split.
 */
export function clipUnits(text: string, max: number): string {
  if (text.length <= max) return text;
  const room = Math.max(0, max - 1);
  let end = 0;
  for (const { segment, index } of segmenter.segment(text)) {
    if (index + segment.length > room) break;
    end = index + segment.length;
  }
  return `${text.slice(0, end)}…`;
}
