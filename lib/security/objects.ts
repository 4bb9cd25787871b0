// Redaction of Kubernetes objects read from a cluster, the same wherever they are read (the proxy, the CLI's own
// cluster reads): Secret values emptied, values under credential names masked (env, args, probe and hook
// commands, annotations, ConfigMap keys), ConfigMap binaryData dropped, every string masked for known Secret
// values and credential shapes.
import { redactText, SENSITIVE_NAME } from './redact.ts';
import { noSecretValues, type SecretValues } from './secret-values.ts';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export const LAST_APPLIED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';

export interface ObjectRedaction {
  /** What replaces a masked value. */
  mask: string;
  /** Known Secret values, masked in every string. */
  secretValues?: SecretValues;
}

const isObject = (value: unknown): value is { [key: string]: Json } =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Whether a name (an env var, a flag, a ConfigMap key, an annotation key) names a credential. An annotation key's
 * prefix (`example.com/`) is a domain, not a name, so only its last segment is judged.
 * Local stand-in for lib/security/redact.ts `isSensitiveName` until it lands.
 */
export function namesCredential(name: string): boolean {
  const last = name.slice(name.lastIndexOf('/') + 1);
  return SENSITIVE_NAME.test(last);
}

// `--db-password=V`, `--token V`, `-password V` inside one string (a shell command line).
const FLAG_IN_TEXT = /(^|\s)(--?[A-Za-z0-9][\w.-]*)(=|\s+)("[^"]*"|'[^']*'|[^\s"']+)/g;

/**
 * Masks the values of credential flags in a command line: `--password=V`, `--password V` (the next item),
 * and the same inside a single shell string (`sh -c "mysql --password V"`).
 * Local stand-in for lib/security/redact.ts `redactArgs` until it lands.
 */
export function maskCredentialArgs(argv: readonly string[], mask: string): string[] {
  const out: string[] = [];
  let maskNext = false;
  for (const arg of argv) {
    if (maskNext) {
      out.push(mask);
      maskNext = false;
      continue;
    }
    const flag = /^(--?[A-Za-z0-9][\w.-]*)(=(.*))?$/s.exec(arg);
    if (flag && namesCredential(flag[1] as string)) {
      if (flag[2] !== undefined) out.push(`${flag[1]}=${mask}`);
      else {
        out.push(arg);
        maskNext = true;
      }
      continue;
    }
    out.push(
      arg.replace(FLAG_IN_TEXT, (whole, lead: string, name: string, sep: string) =>
        namesCredential(name) && !name.startsWith('--no-') ? `${lead}${name}${sep}${mask}` : whole,
      ),
    );
  }
  return out;
}

/**
 * Redacts a parsed API answer (an object, a list, a Table) and returns a copy. `resource` is the plural the
 * request was for (`secrets`, `configmaps`…), so list items, which carry no `kind`, are known for what they are.
 */
export function redactClusterObject(
  value: Json,
  resource: string | undefined,
  options: ObjectRedaction,
): Json {
  const secrets = options.secretValues ?? noSecretValues;
  const text = (input: string) => redactText(secrets.mask(input, options.mask), [], options.mask);

  function walk(node: Json, key: string | undefined): Json {
    if (typeof node === 'string') return text(node);
    if (Array.isArray(node)) {
      if (key === 'env') return node.map((item) => (isEnvVar(item) ? envVar(item) : walk(item, undefined)));
      // Container command/args, probe and lifecycle exec commands.
      if ((key === 'command' || key === 'args') && node.every((item) => typeof item === 'string'))
        return maskCredentialArgs(node as string[], options.mask).map(text);
      return node.map((item) => walk(item, undefined));
    }
    if (!isObject(node)) return node;
    const isItem = isObject(node.metadata);
    const isSecret = node.kind === 'Secret' || (resource === 'secrets' && isItem);
    const isConfigMap = node.kind === 'ConfigMap' || (resource === 'configmaps' && isItem);
    const out: { [key: string]: Json } = {};
    for (const [field, child] of Object.entries(node)) {
      if (isSecret && (field === 'data' || field === 'stringData')) {
        out[field] = emptyValues(child);
      } else if (isConfigMap && field === 'binaryData') {
        // Binary content cannot be searched for credentials: keep only which keys exist.
        out[field] = emptyValues(child);
      } else if (isConfigMap && field === 'data' && isObject(child)) {
        out[field] = maskByName(child);
      } else if (field === 'annotations' && isObject(child)) {
        const { [LAST_APPLIED_ANNOTATION]: _dropped, ...kept } = child;
        out[field] = maskByName(kept);
      } else {
        // A Table (kubectl get) embeds full objects in rows[].object when asked to: same rules inside.
        out[field] = walk(child, field);
      }
    }
    return out;
  }

  /** Entries whose key names a credential are masked whatever their value (ConfigMap data, annotations). */
  function maskByName(map: { [key: string]: Json }): Json {
    return Object.fromEntries(
      Object.entries(map).map(([name, child]) => [
        name,
        typeof child === 'string' && namesCredential(name) ? options.mask : walk(child, name),
      ]),
    );
  }

  function envVar(env: { [key: string]: Json }): Json {
    const out: { [key: string]: Json } = {};
    for (const [field, child] of Object.entries(env)) {
      if (field === 'value' && typeof child === 'string') {
        out.value = namesCredential(String(env.name)) || text(child) !== child ? options.mask : child;
      } else out[field] = walk(child, field);
    }
    return out;
  }

  return walk(value, undefined);
}

function emptyValues(map: Json): Json {
  if (!isObject(map)) return {};
  return Object.fromEntries(Object.keys(map).map((key) => [key, '']));
}

function isEnvVar(value: Json): value is { [key: string]: Json } {
  return isObject(value) && typeof value.name === 'string';
}

/** Masks a log or any free text: known Secret values in every form, then credential shapes. */
export function redactClusterText(input: string, options: ObjectRedaction): string {
  const secrets = options.secretValues ?? noSecretValues;
  return redactText(secrets.mask(input, options.mask), [], options.mask);
}

/** The values of a list of Secrets as the API serves them (base64 `data`), decoded, for `secretValues`. */
export function valuesOfSecrets(secrets: readonly unknown[]): string[] {
  const values: string[] = [];
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for (const secret of secrets) {
    if (!isObject(secret)) continue;
    for (const field of ['data', 'stringData'] as const) {
      const map = secret[field];
      if (!isObject(map)) continue;
      for (const encoded of Object.values(map)) {
        if (typeof encoded !== 'string' || encoded === '') continue;
        if (field === 'stringData') {
          values.push(encoded);
          continue;
        }
        // The served form itself is a value too (an app may print what it read from the API).
        values.push(encoded);
        try {
          const bytes = Uint8Array.from(atob(encoded), (c) => c.charCodeAt(0));
          values.push(decoder.decode(bytes));
        } catch {
          // Binary or not base64: the served form above covers it.
        }
      }
    }
  }
  return values;
}
