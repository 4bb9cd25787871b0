// Refusals as exceptions (Hono's HTTPException with a JSON body), so middleware stop the chain with one line and
// the app turns every one into the same `{ "error": … }` answer in its onError.

import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** QStash stops retrying a delivery answered with this header: a bad message never gets better. */
export const NON_RETRYABLE = { 'Upstash-NonRetryable-Error': 'true' } as const;

/** An HTTPException whose response is `{ error, ...extra }` with the given status and headers. */
export function refuse(
  status: ContentfulStatusCode,
  error: string,
  options: { headers?: Record<string, string>; extra?: Record<string, unknown> } = {},
): HTTPException {
  const res = new Response(JSON.stringify({ error, ...options.extra }), {
    status,
    headers: { 'content-type': 'application/json', ...options.headers },
  });
  return new HTTPException(status, { res, message: error });
}
