// Masks credentials in text read from a cluster (log lines, event messages, env values) before it is stored,
// sent to a chat or shown to a model. Defence in depth: the proxy strips Secret values first.

export const MASK = '***';

const patterns: [RegExp, string | ((...groups: string[]) => string)][] = [
  // PEM private keys, whole block.
  [
    /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)/g,
    `-----BEGIN PRIVATE KEY----- ${MASK}`,
  ],
  // Credentials in URLs: scheme://user:password@host.
  [/\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@]+):[^\s@/]+@/gi, (_m, head) => `${head}:${MASK}@`],
  // JSON Web Tokens.
  [/\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g, MASK],
  // Well-known token shapes: AWS access keys, GitHub, Slack, Google API keys, Stripe, OpenAI-style keys.
  [/\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g, MASK],
  [/\bgh[pousr]_[A-Za-z0-9]{30,}\b/g, MASK],
  [/\bxox[abprse]-[A-Za-z0-9-]{10,}/g, MASK],
  [/\bAIza[0-9A-Za-z_-]{35}\b/g, MASK],
  [/\b(?:sk|rk|pk)_(?:live|test)_[0-9A-Za-z]{16,}\b/g, MASK],
  [/\bsk-[A-Za-z0-9_-]{20,}\b/g, MASK],
  // Authorization headers.
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/-]{8,}=*/g, (_m, scheme) => `${scheme} ${MASK}`],
  // key=value / key: value / "key": "value" where the key names a secret.
  [
    /((?:["']?)[\w.-]*(?:password|passwd|pwd|secret|token|api[_-]?key|apikey|access[_-]?key|private[_-]?key|credentials?|auth)[\w.-]*["']?\s*[:=]\s*)("[^"]*"|'[^']*'|[^\s,;&"'}]+)/gi,
    (_m, key) => `${key}${MASK}`,
  ],
];

/** Env var names whose values are treated as secret whatever they contain. */
export const SENSITIVE_NAME =
  /password|passwd|pwd|secret|token|api[_-]?key|apikey|access[_-]?key|private[_-]?key|credential|auth|dsn|connection[_-]?string|database[_-]?url/i;

export function redactText(text: string, knownSecrets: readonly string[] = []): string {
  let out = text;
  for (const value of knownSecrets) {
    // Short values would mask ordinary words; real secrets are longer than this.
    if (value.length >= 6) out = out.split(value).join(MASK);
  }
  for (const [pattern, replacement] of patterns) {
    out = out.replace(pattern, replacement as string);
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
