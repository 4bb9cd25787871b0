// The chat platforms' request signatures, as pure verifiers (Bolt's verify-request shape): Slack's v0 HMAC with
// its replay window, and LINE's base64 HMAC of the raw body. Both compare in constant time, before any parsing.
import { hmacSha256, hmacSha256Hex, timingSafeEqual, toBase64 } from './signature.ts';

export type ChatVerifyResult = { ok: true } | { ok: false; reason: string };

/** Slack refuses, and so do we, a request whose timestamp is more than five minutes from our clock. */
export const SLACK_MAX_AGE_SECONDS = 5 * 60;

export interface SlackRequest {
  /** `X-Slack-Signature`, e.g. `v0=5f2c…`. */
  signature: string | null | undefined;
  /** `X-Slack-Request-Timestamp` (unix seconds). */
  timestamp: string | null | undefined;
  /** The raw body exactly as received. */
  body: Uint8Array | string;
}

/** `v0=hex(HMAC-SHA256(signing secret, "v0:" + timestamp + ":" + raw body))`, within five minutes. */
export async function verifySlackRequest(
  signingSecret: string,
  request: SlackRequest,
  nowSeconds: number,
): Promise<ChatVerifyResult> {
  if (!request.signature) return { ok: false, reason: 'missing X-Slack-Signature' };
  if (!request.timestamp || !/^\d{1,12}$/.test(request.timestamp))
    return { ok: false, reason: 'missing or malformed X-Slack-Request-Timestamp' };
  if (Math.abs(nowSeconds - Number(request.timestamp)) > SLACK_MAX_AGE_SECONDS)
    return { ok: false, reason: 'X-Slack-Request-Timestamp is more than 5 minutes from our clock' };
  // Over the bytes as received: decoding first would let two bodies that decode alike share a signature.
  const prefix = new TextEncoder().encode(`v0:${request.timestamp}:`);
  const body = typeof request.body === 'string' ? new TextEncoder().encode(request.body) : request.body;
  const base = new Uint8Array(prefix.length + body.length);
  base.set(prefix);
  base.set(body, prefix.length);
  const expected = `v0=${await hmacSha256Hex(signingSecret, base)}`;
  return timingSafeEqual(expected, request.signature)
    ? { ok: true }
    : { ok: false, reason: 'X-Slack-Signature does not match' };
}

/** `x-line-signature` = base64(HMAC-SHA256(channel secret, raw body)). */
export async function verifyLineSignature(
  channelSecret: string,
  body: Uint8Array | string,
  signature: string | null | undefined,
): Promise<ChatVerifyResult> {
  if (!signature) return { ok: false, reason: 'missing x-line-signature' };
  const expected = toBase64(await hmacSha256(channelSecret, body));
  return timingSafeEqual(expected, signature)
    ? { ok: true }
    : { ok: false, reason: 'x-line-signature does not match' };
}
