// Redaction applied to every response before it leaves the proxy: the shared object rules of lib/security
// (Secret values emptied, values under credential names masked, ConfigMap binaryData dropped,
// last-applied-configuration dropped), every known Secret value masked in every form, logs masked and capped.
import {
  type Json,
  LAST_APPLIED_ANNOTATION,
  noSecretValues,
  redactClusterObject,
  redactClusterText,
  type SecretValues,
} from '../../lib/security/index.ts';

export const MASK = '***redacted***';
export { LAST_APPLIED_ANNOTATION };

/** Masks known Secret values and token-like substrings in free text (logs, event messages, any string). */
export function maskText(text: string, secretValues: SecretValues = noSecretValues): string {
  return redactClusterText(text, { mask: MASK, secretValues });
}

/**
 * Redacts a parsed API response and returns it. `resource` is the plural the request was for (`secrets`,
 * `configmaps`…), so list items, which carry no `kind`, are known for what they are.
 */
export function redactObject(
  value: Json,
  resource?: string,
  secretValues: SecretValues = noSecretValues,
): Json {
  return redactClusterObject(value, resource, { mask: MASK, secretValues });
}

/**
 * Keeps the last `maxBytes` of a log (the newest lines matter most for a diagnosis), starting at a line
 * boundary, and masks Secret values and token-like strings. Returns whether anything was cut.
 */
export function redactLog(
  bytes: Uint8Array,
  maxBytes: number,
  secretValues: SecretValues = noSecretValues,
): { text: string; truncated: boolean } {
  let start = 0;
  const truncated = bytes.byteLength > maxBytes;
  if (truncated) {
    start = bytes.byteLength - maxBytes;
    const newline = bytes.indexOf(0x0a, start);
    start = newline >= 0 && newline + 1 < bytes.byteLength ? newline + 1 : start;
  }
  const text = new TextDecoder().decode(bytes.subarray(start));
  return { text: maskText(text, secretValues), truncated };
}
