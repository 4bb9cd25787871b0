// Redaction applied to every response before it leaves the proxy: Secret values emptied (keys stay), sensitive
// env values and token-like strings masked, last-applied-configuration dropped, logs masked and capped.

import { redactText, SENSITIVE_NAME } from '../../lib/security/index.ts';

export const MASK = '***redacted***';
export const LAST_APPLIED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';

/** Masks token-like substrings in free text (logs, event messages, any string value): the shared patterns. */
export function maskText(text: string): string {
  return redactText(text, [], MASK);
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
const isObject = (value: unknown): value is { [key: string]: Json } =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function emptyValues(map: Json): Json {
  if (!isObject(map)) return {};
  return Object.fromEntries(Object.keys(map).map((key) => [key, '']));
}

function isEnvVar(value: Json): value is { [key: string]: Json } {
  return isObject(value) && typeof value.name === 'string';
}

/**
 * Redacts a parsed API response and returns it. `resource` is the plural the request was for (`secrets`,
 * `configmaps`…), so list items, which carry no `kind`, are known for what they are.
 */
export function redactObject(value: Json, resource?: string): Json {
  return walk(value, resource, undefined);
}

function walk(value: Json, resource: string | undefined, key: string | undefined): Json {
  if (typeof value === 'string') return maskText(value);
  if (Array.isArray(value)) {
    if (key === 'env')
      return value.map((item) => (isEnvVar(item) ? redactEnvVar(item) : walk(item, resource, undefined)));
    return value.map((item) => walk(item, resource, undefined));
  }
  if (!isObject(value)) return value;
  const isItem = isObject(value.metadata);
  const isSecret = value.kind === 'Secret' || (resource === 'secrets' && isItem);
  const isConfigMap = value.kind === 'ConfigMap' || (resource === 'configmaps' && isItem);
  const out: { [key: string]: Json } = {};
  for (const [field, child] of Object.entries(value)) {
    if (isSecret && (field === 'data' || field === 'stringData')) {
      out[field] = emptyValues(child);
      continue;
    }
    if (isConfigMap && field === 'data' && isObject(child)) {
      // A ConfigMap entry named like a credential is treated like such an env var.
      out[field] = Object.fromEntries(
        Object.entries(child).map(([name, text]) => [
          name,
          typeof text === 'string' && SENSITIVE_NAME.test(name) ? MASK : walk(text, resource, name),
        ]),
      );
      continue;
    }
    if (field === 'annotations' && isObject(child)) {
      const annotations: { [key: string]: Json } = {};
      for (const [name, text] of Object.entries(child)) {
        if (name === LAST_APPLIED_ANNOTATION) continue;
        annotations[name] = walk(text, resource, name);
      }
      out[field] = annotations;
      continue;
    }
    // A Table (kubectl get) embeds full objects in rows[].object when asked to: same rules inside.
    out[field] = walk(child, resource, field);
  }
  return out;
}

function redactEnvVar(env: { [key: string]: Json }): Json {
  const out: { [key: string]: Json } = {};
  for (const [field, child] of Object.entries(env)) {
    if (field === 'value' && typeof child === 'string') {
      const name = String(env.name);
      out.value = SENSITIVE_NAME.test(name) || maskText(child) !== child ? MASK : child;
    } else {
      out[field] = walk(child, undefined, field);
    }
  }
  return out;
}

/**
 * Keeps the last `maxBytes` of a log (the newest lines matter most for a diagnosis), starting at a line
 * boundary, and masks token-like strings. Returns whether anything was cut.
 */
export function redactLog(bytes: Uint8Array, maxBytes: number): { text: string; truncated: boolean } {
  let start = 0;
  const truncated = bytes.byteLength > maxBytes;
  if (truncated) {
    start = bytes.byteLength - maxBytes;
    const newline = bytes.indexOf(0x0a, start);
    start = newline >= 0 && newline + 1 < bytes.byteLength ? newline + 1 : start;
  }
  const text = new TextDecoder().decode(bytes.subarray(start));
  return { text: maskText(text), truncated };
}
