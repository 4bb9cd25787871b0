// How much of an alert a job carries: the webhook takes 1 MiB but the job route 256 KiB, so every label and
// annotation value is cut to a bounded size, with a visible marker, before the alert becomes a job.

/** Largest value kept whole, in bytes of its JSON encoding (quotes included). */
export const MAX_VALUE_BYTES = 2 * 1024;
/** Largest label set, and annotation set, in bytes of its JSON encoding. */
export const MAX_SET_BYTES = 16 * 1024;
/** The entry that says what was left out of a set once it was full. */
export const LEFT_OUT_KEY = 'kube_responder_left_out';

// Room kept for the left-out entry (its key, `"N of M entries left out"`, the separators).
const LEFT_OUT_RESERVE = 96;
// A value cut to fewer bytes than this says nothing: the entry is left out instead.
const MIN_CUT_BYTES = 96;

/** The bytes one code point takes in JSON as JSON.stringify writes it (UTF-8, escapes included). */
function jsonBytes(codePoint: number): number {
  if (codePoint === 0x22 || codePoint === 0x5c) return 2;
  if (codePoint < 0x20) return [0x08, 0x09, 0x0a, 0x0c, 0x0d].includes(codePoint) ? 2 : 6;
  if (codePoint < 0x80) return 1;
  if (codePoint < 0x800) return 2;
  // A lone surrogate is written as a \udXXX escape.
  if (codePoint >= 0xd800 && codePoint <= 0xdfff) return 6;
  return codePoint < 0x10000 ? 3 : 4;
}

/** `JSON.stringify(text)`'s size in UTF-8 bytes, without building it. */
export function jsonSize(text: string): number {
  let size = 2;
  for (const char of text) size += jsonBytes(char.codePointAt(0) as number);
  return size;
}

const marker = (removed: number) => `… [truncated ${removed} chars]`;

/** The text whole when its JSON fits `maxBytes`, else its start and `… [truncated N chars]` (N code points). */
export function boundedText(text: string, maxBytes = MAX_VALUE_BYTES): string {
  if (jsonSize(text) <= maxBytes) return text;
  const chars = [...text];
  // The marker's own size, with as many digits as the longest possible count.
  const budget = maxBytes - jsonSize(marker(chars.length));
  let size = 0;
  let kept = 0;
  for (const char of chars) {
    const next = jsonBytes(char.codePointAt(0) as number);
    if (size + next > budget) break;
    size += next;
    kept++;
  }
  return `${chars.slice(0, kept).join('')}${marker(chars.length - kept)}`;
}

/**
 * A label or annotation set within `maxBytes` of JSON: the keys in `first` before the others, each value cut to
 * `maxValueBytes`; once the set is full, later entries are left out and `LEFT_OUT_KEY` says how many.
 */
export function boundedSet(
  set: Record<string, string>,
  options: { first?: readonly string[]; maxBytes?: number; maxValueBytes?: number } = {},
): Record<string, string> {
  const maxBytes = options.maxBytes ?? MAX_SET_BYTES;
  const maxValueBytes = options.maxValueBytes ?? MAX_VALUE_BYTES;
  const first = (options.first ?? []).filter((key) => Object.hasOwn(set, key));
  const keys = [...new Set([...first, ...Object.keys(set)])];
  const bounded: Record<string, string> = {};
  const budget = maxBytes - 2 - LEFT_OUT_RESERVE;
  let size = 0;
  let leftOut = 0;
  for (const key of keys) {
    // `"key":` and a comma around the value.
    const overhead = jsonSize(key) + 2;
    const room = Math.min(maxValueBytes, budget - size - overhead);
    const whole = set[key] as string;
    if (jsonSize(whole) > room && room < MIN_CUT_BYTES) {
      leftOut++;
      continue;
    }
    const value = boundedText(whole, room);
    bounded[key] = value;
    size += overhead + jsonSize(value);
  }
  if (leftOut > 0) bounded[LEFT_OUT_KEY] = `${leftOut} of ${keys.length} entries left out`;
  return bounded;
}
