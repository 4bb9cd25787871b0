// The proxy protocol's three headers for one request, shared by the reader and the writer so reads and writes
// are signed the same way (DESIGN.md: timestamp, actor, HMAC over method, path, timestamp, actor and body).
import { ACTOR_HEADER, SIGNATURE_HEADER, signRequest, TIMESTAMP_HEADER } from '../security/index.ts';

export interface SignedRequest {
  method: string;
  /** Path with its query string exactly as sent. */
  pathAndQuery: string;
  body: string;
}

/** X-KR-Timestamp, X-KR-Actor and X-KR-Signature for a request made now on behalf of `actor`. */
export async function proxyHeaders(
  secret: string,
  actor: string,
  request: SignedRequest,
): Promise<Record<string, string>> {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = await signRequest(secret, { ...request, timestamp, actor });
  return { [TIMESTAMP_HEADER]: timestamp, [ACTOR_HEADER]: actor, [SIGNATURE_HEADER]: signature };
}
