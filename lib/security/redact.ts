// Masks credentials in text read from a cluster (log lines, event messages, env values) before it is stored,
// sent to a chat or shown to a model. Defence in depth: the proxy strips Secret values first.

export const MASK = '***';

type Replacement = (mask: string) => string | ((...groups: string[]) => string);

const patterns: [RegExp, Replacement][] = [
  // PEM private keys, whole block.
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)/g, (mask) => mask],
  // Credentials in URLs: scheme://user:password@host.
  [/\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@]*):[^\s@/]+@/gi, (mask) => (_m, head) => `${head}:${mask}@`],
  // JSON Web Tokens.
  [/\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}/g, (mask) => mask],
  // Well-known token shapes: AWS access keys, GitHub, Slack, Google API keys, Stripe, OpenAI-style keys.
  [/\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g, (mask) => mask],
  [/\bgh[pousr]_[A-Za-z0-9]{30,}\b/g, (mask) => mask],
  [/\bxox[abprse]-[A-Za-z0-9-]{10,}/g, (mask) => mask],
  [/\bAIza[0-9A-Za-z_-]{35}\b/g, (mask) => mask],
  [/\b(?:sk|rk|pk)_(?:live|test)_[0-9A-Za-z]{16,}\b/g, (mask) => mask],
  [/\bsk-[A-Za-z0-9_-]{20,}/g, (mask) => mask],
  [/\bglpat-[A-Za-z0-9_-]{20,}/g, (mask) => mask],
  // Authorization headers.
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/g, (mask) => (_m, scheme) => `${scheme} ${mask}`],
  // key=value / key: value / "key": "value" where the key names a secret.
  [
    /((?:["']?)[\w.-]*(?:password|passwd|pwd|secret|token|api[_-]?key|apikey|access[_-]?key|private[_-]?key|credentials?)[\w.-]*["']?\s*[:=]\s*)("[^"]*"|'[^']*'|[^\s,;&"'}]+)/gi,
    (mask) => (_m, key) => `${key}${mask}`,
  ],
];

/** Env var names whose values are treated as secret whatever they contain. */
export const SENSITIVE_NAME =
  /pass(word|wd)?|pwd|secret|token|api[_-]?key|apikey|access[_-]?key|private[_-]?key|credential|auth|session|cookie|signing|dsn|connection[_-]?string|database[_-]?url|_key$|^key$/i;

/**
 * Masks credentials in free text: known secret values wherever they appear, then anything shaped like a
 * credential. Only the secret part is masked, so the line stays readable for a diagnosis.
 */
export function redactText(text: string, knownSecrets: readonly string[] = [], mask = MASK): string {
  let out = text;
  for (const value of knownSecrets) {
    // Short values would mask ordinary words; real secrets are longer than this.
    if (value.length >= 6) out = out.split(value).join(mask);
  }
  for (const [pattern, replacement] of patterns) {
    out = out.replace(pattern, replacement(mask) as string);
  }
  return out;
}

/** Redacts every string inside a JSON-like value (objects and arrays are copied, never mutated). */
export function redactDeep<T>(value: T, knownSecrets: readonly string[] = []): T {
  if (typeof value === 'string') return redactText(value, knownSecrets) as T;
  if (Array.isArray(value)) return value.map((item) => redactDeep(item, knownSecrets)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([key, item]) => [
        key,
        redactDeep(item, knownSecrets),
      ]),
    ) as T;
  }
  return value;
}
