// Why a job delivery failed, said two ways: in full for the log, and as a short public reason for the answer
// QStash keeps (its dashboard, the dead-letter queue), which never carries internal text such as a Redis
// command echoed back by the SDK. And which failures can never succeed, so are not retried.
import { ClusterReadError } from '../cluster/index.ts';
import { ConfigError } from '../config/index.ts';

/** The state store (Redis) could not be reached: the delivery is retried; on the last one it goes on without. */
export class StoreUnavailableError extends Error {
  override name = 'StoreUnavailableError';
  constructor(
    readonly store: string,
    options: { cause: unknown },
  ) {
    super(`the ${store} (Redis) is unavailable`, options);
  }
}

/** What the proxy or the API server answers for a request that will be refused however often it is sent. */
const PERMANENT_STATUSES = new Set([400, 403, 404, 422]);

/** A cluster read that can never succeed (a malformed namespace, a policy denial): no retry will help. */
export const isPermanent = (error: unknown): boolean =>
  error instanceof ClusterReadError && PERMANENT_STATUSES.has(error.status);

const isTimeout = (error: unknown): boolean =>
  error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');

/** A short reason fit to answer a caller with: which part failed, never the failing command or its data. */
export function publicReason(error: unknown): string {
  if (error instanceof StoreUnavailableError) return error.message;
  if (error instanceof ConfigError) return error.message;
  if (error instanceof ClusterReadError) return `reading the cluster failed (HTTP ${error.status})`;
  if (isTimeout(error)) return 'a request timed out';
  const chat = chatFailure(error);
  if (chat) return chat;
  // fetch's own failure (Node: "fetch failed"; workerd: "Network connection lost"): nothing answered at all.
  if (error instanceof TypeError && /fetch failed|network|connect/i.test(error.message))
    return 'a service the job calls could not be reached';
  return 'internal error';
}

/** The chat SDKs' errors by their own marks (Slack's `code`, LINE's `HTTPFetchError`), without their types. */
function chatFailure(error: unknown): string | undefined {
  const e = error as { name?: unknown; code?: unknown; statusCode?: unknown; status?: unknown };
  if (e?.code === 'slack_webapi_rate_limited_error') return 'Slack is rate limiting (HTTP 429)';
  if (e?.code === 'slack_webapi_http_error') return `Slack answered HTTP ${e.statusCode}`;
  if (e?.name === 'LineQuotaError') return 'LINE refused the push (HTTP 429)';
  if (e?.name === 'HTTPFetchError') return `LINE answered HTTP ${e.status}`;
  return undefined;
}

/** Longest wait passed on: QStash applies its own backoff past a day. */
const MAX_RETRY_AFTER_SECONDS = 86_400;

/**
 * How long the failing service asked to be left alone, in whole seconds: Slack's rate-limit error carries it
 * (`retryAfter`), an HTTP error its `Retry-After` header. The job answers with it so QStash's retry waits that
 * long, rather than the Worker sleeping through it.
 */
export function retryAfterSeconds(error: unknown): number | undefined {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 4; depth++, e = e.cause) {
    const { retryAfter, headers } = e as { retryAfter?: unknown; headers?: unknown };
    const header =
      headers instanceof Headers
        ? headers.get('retry-after')
        : (headers as Record<string, unknown> | undefined)?.['retry-after'];
    const seconds = typeof retryAfter === 'number' ? retryAfter : Number(header ?? Number.NaN);
    if (Number.isFinite(seconds) && seconds >= 0)
      return Math.min(Math.ceil(seconds), MAX_RETRY_AFTER_SECONDS);
  }
  return undefined;
}

/** The full story for the log: the message and the causes under it. */
export function errorDetail(error: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = error, depth = 0; e !== undefined && depth < 4; depth++) {
    parts.push(e instanceof Error ? `${e.name}: ${e.message}` : String(e));
    e = e instanceof Error ? e.cause : undefined;
  }
  return parts.join(' <- ');
}
