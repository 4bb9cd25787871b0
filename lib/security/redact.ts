// The one redactor for the product: masks credentials in text read from a cluster (logs, events, termination
// messages, annotations, argv, alert text) before it is stored, sent to a chat or shown to a model. Defence in
// depth: the proxy strips Secret values first and runs this on every string it returns.
//
// Our own table rather than a library: secretlint (@secretlint/core with its recommended preset) is a file
// linter — async, one package per rule, reporting ranges rather than masking, and it brings `debug`,
// `structured-source` and a profiler along; gitleaks and trufflehog are Go. None is a synchronous, Web-API-only
// function fast enough for every log line in workerd. So their shapes are kept here (redaction-rules.ts) and
// pinned by the corpus in test/security/credential-shapes.test.ts.

import { isSensitiveName } from './credential-names.ts';
import { applyRule, redactionRules } from './redaction-rules.ts';

export { isSensitiveName, SENSITIVE_NAME } from './credential-names.ts';
export { type RedactionRule, redactionRules } from './redaction-rules.ts';

export const MASK = '***';

/** A known secret as it also appears JSON-escaped, percent-encoded or base64-encoded. */
function encodings(value: string): string[] {
  const out = new Set([value, JSON.stringify(value).slice(1, -1), encodeURIComponent(value)]);
  try {
    out.add(btoa(value));
  } catch {
    // Not Latin-1: no plain base64 form.
  }
  return [...out].sort((a, b) => b.length - a.length);
}

/**
 * Masks credentials in free text: known secret values wherever they appear (also encoded), then anything
 * shaped like a credential. Only the secret part is masked, so the line stays readable for a diagnosis.
 */
export function redactText(text: string, knownSecrets: readonly string[] = [], mask = MASK): string {
  let out = text;
  for (const value of knownSecrets) {
    // Short values would mask ordinary words; real secrets are longer than this.
    if (value.length < 6) continue;
    for (const form of encodings(value)) out = out.split(form).join(mask);
  }
  for (const rule of redactionRules) out = applyRule(out, rule, mask);
  return out;
}

const MYSQL_LIKE = /(?:^|\/)(?:mysql\w*|mariadb[\w-]*)$/;
const REDIS_CLI = /(?:^|\/)redis-cli$/;
const USER_PASSWORD_TOOL = /(?:^|\/)(?:curl|wget)$/;

/**
 * Masks the value after a credential flag in an argv list (a container's `command`/`args`, a probe's `exec`):
 * `--password V`, `--password=V`, `--token V`, and for mysql-like tools `-pV` and `-p V`, for redis-cli `-a V`,
 * for curl `-u user:V`; every argument is then redacted as text (`-e DB_PASSWORD=V`, `sh -c "…"`). `command`
 * is the program part when `args` come apart from it, so the tool is known.
 */
export function redactArgs(
  args: readonly string[],
  options: { command?: readonly string[]; mask?: string } = {},
): string[] {
  const mask = options.mask ?? MASK;
  const argv = [...(options.command ?? []), ...args];
  const mysqlLike = argv.some((arg) => MYSQL_LIKE.test(arg));
  const redisCli = argv.some((arg) => REDIS_CLI.test(arg));
  const userPassword = argv.some((arg) => USER_PASSWORD_TOOL.test(arg));
  const out = [...args];
  for (let i = 0; i < out.length; i++) {
    const arg = out[i] ?? '';
    const next = out[i + 1];
    const hasValueNext = next !== undefined && !next.startsWith('-');
    const flag = /^(--?[A-Za-z][\w.-]*)(=.*)?$/.exec(arg);
    if (mysqlLike && /^-p./.test(arg) && !arg.startsWith('-p=')) {
      out[i] = `-p${mask}`;
    } else if (flag?.[1] && !flag[1].startsWith('--no-') && isSensitiveName(flag[1])) {
      // (`--no-password-check` is a switch: it takes no value.)
      // `--password=V` is masked as text below, which keeps a `$(VAR)` reference readable.
      if (flag[2] === undefined && hasValueNext) out[++i] = mask;
    } else if ((mysqlLike && arg === '-p') || (redisCli && arg === '-a')) {
      if (hasValueNext) out[++i] = mask;
    } else if (userPassword && (arg === '-u' || arg === '--user') && next?.includes(':')) {
      out[++i] = `${next.slice(0, next.indexOf(':'))}:${mask}`;
    }
  }
  return out.map((arg) => redactText(arg, [], mask));
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
