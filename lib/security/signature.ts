// The proxy protocol's request signature (docs/design.md): v1=hex(HMAC-SHA256(secret, canonical request)).
const encoder = new TextEncoder();

export const SIGNATURE_HEADER = 'X-KR-Signature';
export const TIMESTAMP_HEADER = 'X-KR-Timestamp';
export const ACTOR_HEADER = 'X-KR-Actor';
/** How far a request's timestamp may be from the verifier's clock. */
export const MAX_CLOCK_SKEW_SECONDS = 60;

export interface SignatureInput {
  method: string;
  /** Path with its query string exactly as sent, e.g. `/api/v1/namespaces/shop/pods?limit=500`. */
  pathAndQuery: string;
  /** Unix seconds, as sent in X-KR-Timestamp. */
  timestamp: string;
  actor: string;
  body: Uint8Array | string;
}

export function toHex(bytes: ArrayBuffer | Uint8Array): string {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let out = '';
  for (const b of view) out += b.toString(16).padStart(2, '0');
  return out;
}

export async function sha256Hex(data: Uint8Array | string): Promise<string> {
  const bytes = typeof data === 'string' ? encoder.encode(data) : data;
  return toHex(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
}

export function canonicalRequest(input: SignatureInput, bodyHash: string): string {
  return [input.method.toUpperCase(), input.pathAndQuery, input.timestamp, input.actor, bodyHash].join('\n');
}

/** HMAC-SHA256 of `message` (text or the raw bytes of a body) under `secret`. */
export async function hmacSha256(secret: string, message: Uint8Array | string): Promise<ArrayBuffer> {
  const key = await crypto.subtle.importKey(
    'raw',
    encoder.encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const bytes = typeof message === 'string' ? encoder.encode(message) : message;
  return crypto.subtle.sign('HMAC', key, bytes as Uint8Array<ArrayBuffer>);
}

export async function hmacSha256Hex(secret: string, message: Uint8Array | string): Promise<string> {
  return toHex(await hmacSha256(secret, message));
}

export function toBase64(bytes: ArrayBuffer | Uint8Array): string {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let binary = '';
  for (const b of view) binary += String.fromCharCode(b);
  return btoa(binary);
}

/** The value of X-KR-Signature for a request. */
export async function signRequest(secret: string, input: SignatureInput): Promise<string> {
  const bodyHash = await sha256Hex(input.body);
  return `v1=${await hmacSha256Hex(secret, canonicalRequest(input, bodyHash))}`;
}

/** Compares two strings in time that depends only on their length (and never leaks where they differ). */
export function timingSafeEqual(a: string, b: string): boolean {
  const left = encoder.encode(a);
  const right = encoder.encode(b);
  // Compare against itself when lengths differ so the work done does not depend on the secret's length.
  const other = left.length === right.length ? right : left;
  let diff = left.length === right.length ? 0 : 1;
  for (let i = 0; i < left.length; i++) diff |= (left[i] ?? 0) ^ (other[i] ?? 0);
  return diff === 0;
}

export type VerifyResult = { ok: true; keyIndex: number } | { ok: false; reason: string };

/**
 * Verifies a signed request against every key (rotation: the first key signs, all verify).
 * `nowSeconds` is the verifier's clock.
 */
export async function verifyRequest(
  keys: readonly string[],
  input: SignatureInput,
  signature: string | null | undefined,
  nowSeconds: number,
): Promise<VerifyResult> {
  if (!signature) return { ok: false, reason: `missing ${SIGNATURE_HEADER}` };
  if (!/^\d{1,12}$/.test(input.timestamp))
    return { ok: false, reason: `missing or malformed ${TIMESTAMP_HEADER}` };
  if (Math.abs(nowSeconds - Number(input.timestamp)) > MAX_CLOCK_SKEW_SECONDS) {
    return {
      ok: false,
      reason: `${TIMESTAMP_HEADER} is more than ${MAX_CLOCK_SKEW_SECONDS}s from the proxy's clock`,
    };
  }
  if (!input.actor) return { ok: false, reason: `missing ${ACTOR_HEADER}` };
  const bodyHash = await sha256Hex(input.body);
  const message = canonicalRequest(input, bodyHash);
  let matched = -1;
  for (let i = 0; i < keys.length; i++) {
    const expected = `v1=${await hmacSha256Hex(keys[i] as string, message)}`;
    if (timingSafeEqual(expected, signature) && matched < 0) matched = i;
  }
  return matched >= 0 ? { ok: true, keyIndex: matched } : { ok: false, reason: 'signature does not match' };
}
