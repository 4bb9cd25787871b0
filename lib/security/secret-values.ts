// Masks known Secret values wherever they appear, raw or in the encodings they travel in (base64, URL-encoded,
// JSON-escaped), with one scan of the text however many values there are.
import { isSensitiveName } from './credential-names.ts';

/** Values shorter than this are not masked: they would blank out ordinary words, ids and numbers. */
export const MIN_SECRET_LENGTH = 6;

/**
 * Values that are a plain config word: masking them would blank unrelated text everywhere (a Secret whose value
 * is `password` would hide every "password authentication failed"). Such a value is not a credential anyone can
 * guess less easily than by reading this list; the free-text patterns still mask it after `password=`.
 */
const COMMON_VALUES = new Set(
  [
    'true false null none yes no on off enabled disabled enable disable default unknown undefined empty',
    'password passwd secret token apikey api-key changeme admin administrator root user username guest test',
    'testing example sample demo public private internal external localhost local production staging',
    'development develop prod dev debug info warning error release latest stable master main',
    'postgres postgresql mysql mariadb redis mongodb mongo rabbitmq kafka elastic database',
    'opaque http https tcp udp utf-8 bearer basic',
  ].flatMap((line) => line.split(' ')),
);

/** Digits-only values under this length collide with counts, ports, ids and timestamps. */
const MIN_NUMERIC_LENGTH = 10;

/** A known value and, when known, the Secret key it is stored under. */
export interface KnownSecretValue {
  key?: string;
  value: string;
}

/**
 * Whether a value looks generated (a password, a token) rather than chosen (a user name, a host, a database
 * name): at least 8 characters mixing at least three of lower case, upper case, digits and symbols.
 */
function looksGenerated(text: string): boolean {
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((c) => c.test(text)).length;
  return text.length >= 8 && classes >= 3;
}

/**
 * Why a value is not masked by value (undefined: it is masked). Under a key that names no credential
 * (`username`, `host`, `database`) a value is masked only when it looks generated: such values are often the
 * names of the very objects a diagnosis is about (`username: payment` for Deployment payment).
 */
export function skipReason(value: string, key?: string): string | undefined {
  const text = value.trim();
  if (text.length < MIN_SECRET_LENGTH) return `shorter than ${MIN_SECRET_LENGTH} characters`;
  if (/^(.)\1*$/s.test(text)) return 'one repeated character';
  if (COMMON_VALUES.has(text.toLowerCase())) return 'a common word or config value';
  if (/^\d+$/.test(text) && text.length < MIN_NUMERIC_LENGTH) return 'a short number';
  if (key !== undefined && !isSensitiveName(key) && !looksGenerated(text))
    return 'under a key that names no credential, and not generated-looking';
  return undefined;
}

const encoder = new TextEncoder();

function base64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

const urlSafe = (b64: string) => b64.replaceAll('+', '-').replaceAll('/', '_');

/**
 * The base64 forms of a value: the whole value (padded and not, standard and URL-safe), and the stable core of
 * each of the three alignments it can have inside a longer base64 text (`user:password` in Basic auth, a value
 * inside an encoded config file). The core is the characters that depend only on the value's own bytes.
 */
function base64Forms(value: string): string[] {
  const bytes = encoder.encode(value);
  const whole = base64(bytes);
  const forms = [whole, whole.replace(/=+$/, '')];
  for (let offset = 0; offset < 3; offset++) {
    const shifted = new Uint8Array(offset + bytes.length);
    shifted.set(bytes, offset);
    const encoded = base64(shifted);
    const first = Math.ceil((8 * offset) / 6);
    const end = Math.floor((8 * (offset + bytes.length)) / 6);
    const core = encoded.slice(first, end);
    if (core.length >= 8) forms.push(core);
  }
  return forms.flatMap((form) => [form, urlSafe(form)]);
}

/** Every form a value is masked in. */
export function secretVariants(value: string, key?: string): string[] {
  const bases = [...new Set([value, value.trim()])].filter((v) => skipReason(v, key) === undefined);
  const variants = new Set<string>();
  for (const base of bases) {
    const json = JSON.stringify(base).slice(1, -1);
    const uri = encodeURIComponent(base);
    for (const form of [
      base,
      json,
      // JSON inside JSON: a report stored as a string field of another document.
      JSON.stringify(json).slice(1, -1),
      uri,
      uri.replaceAll('%20', '+'),
      ...base64Forms(base),
    ])
      if (form.length >= MIN_SECRET_LENGTH) variants.add(form);
  }
  return [...variants];
}

/** Candidates are bucketed by their first characters, so the scan checks only those that can start here. */
const KEY_LENGTH = 4;

export interface SecretValues {
  /** How many distinct values are masked (after the short/common rule). */
  readonly size: number;
  /** The text with every known value, in every form, replaced by `mask` (leftmost, longest first). */
  mask(text: string, mask?: string): string;
}

export const DEFAULT_SECRET_MASK = '***';

/**
 * Builds the masker from the known values (duplicates, short and common values are dropped). A bare string
 * counts as a credential's value; give `{ key, value }` to have the key judged too.
 */
export function secretValues(
  values: Iterable<string | KnownSecretValue>,
  defaultMask = DEFAULT_SECRET_MASK,
): SecretValues {
  const buckets = new Map<string, string[]>();
  const seen = new Set<string>();
  let size = 0;
  for (const entry of values) {
    const { key, value } = typeof entry === 'string' ? { key: undefined, value: entry } : entry;
    if (seen.has(`${key ?? ''}\0${value}`)) continue;
    seen.add(`${key ?? ''}\0${value}`);
    const variants = secretVariants(value, key);
    if (variants.length > 0) size++;
    for (const variant of variants) {
      const key = variant.slice(0, KEY_LENGTH);
      const bucket = buckets.get(key) ?? [];
      if (!bucket.includes(variant)) bucket.push(variant);
      buckets.set(key, bucket);
    }
  }
  for (const bucket of buckets.values()) bucket.sort((a, b) => b.length - a.length);
  return {
    size,
    mask(text, mask = defaultMask) {
      if (buckets.size === 0 || text.length < MIN_SECRET_LENGTH) return text;
      let out = '';
      let copied = 0;
      let i = 0;
      while (i <= text.length - MIN_SECRET_LENGTH) {
        const bucket = buckets.get(text.slice(i, i + KEY_LENGTH));
        const hit = bucket?.find((variant) => text.startsWith(variant, i));
        if (hit) {
          out += text.slice(copied, i) + mask;
          i += hit.length;
          copied = i;
        } else i++;
      }
      return copied === 0 ? text : out + text.slice(copied);
    },
  };
}

/** A masker that knows no value. */
export const noSecretValues: SecretValues = secretValues([]);
