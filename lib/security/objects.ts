// Redaction of Kubernetes objects read from a cluster, the same wherever they are read (the proxy, the CLI's own
// cluster reads): Secret values emptied, values under credential names masked (env, args, probe and hook
// commands, annotations, ConfigMap keys), ConfigMap binaryData dropped, every string masked for known Secret
// values and credential shapes.
import { isSensitiveName } from './credential-names.ts';
import { redactArgs, redactText } from './redact.ts';
import { type KnownSecretValue, noSecretValues, type SecretValues } from './secret-values.ts';

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
        return redactArgs(node as string[], { mask: options.mask }).map(text);
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
        typeof child === 'string' && isSensitiveName(name) ? options.mask : walk(child, name),
      ]),
    );
  }

  function envVar(env: { [key: string]: Json }): Json {
    const out: { [key: string]: Json } = {};
    for (const [field, child] of Object.entries(env)) {
      if (field === 'value' && typeof child === 'string') {
        out.value = isSensitiveName(String(env.name)) || text(child) !== child ? options.mask : child;
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

/** The values of a list of Secrets as the API serves them (base64 `data`), decoded, with their keys. */
export function valuesOfSecrets(secrets: readonly unknown[]): KnownSecretValue[] {
  const values: KnownSecretValue[] = [];
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for (const secret of secrets) {
    if (!isObject(secret)) continue;
    for (const field of ['data', 'stringData'] as const) {
      const map = secret[field];
      if (!isObject(map)) continue;
      for (const [key, served] of Object.entries(map)) {
        if (typeof served !== 'string' || served === '') continue;
        if (field === 'stringData') {
          values.push({ key, value: served });
          continue;
        }
        try {
          const bytes = Uint8Array.from(atob(served), (c) => c.charCodeAt(0));
          // The masker masks the base64 forms of the decoded value, the served form among them.
          values.push({ key, value: decoder.decode(bytes) });
        } catch {
          // Binary (or not base64): its served form is what can show up in text.
          values.push({ key, value: served });
        }
      }
    }
  }
  return values;
}
