// Caller checks every edge handler runs before parsing: bearer tokens and capped bodies.
import { timingSafeEqual } from './signature.ts';

/** True when `Authorization: Bearer <token>` carries exactly the expected token (constant time). */
export function bearerMatches(authorization: string | null | undefined, expected: string): boolean {
  const presented = /^Bearer\s+(.+)$/i.exec(authorization ?? '')?.[1]?.trim() ?? '';
  // Always compare, even against an empty token, so a missing header costs the same time as a wrong one.
  return timingSafeEqual(presented, expected) && presented.length > 0;
}

export type BodyResult =
  | { ok: true; text: string; bytes: Uint8Array }
  | { ok: false; status: 413 | 400; error: string };

/**
 * How much of an over-size body is read and dropped so its sender gets the 413 (see readBodyLimited): Cloudflare
 * refuses bodies over 100 MB before they reach a Worker, so past this only `wrangler dev` sees the stream let go.
 */
export const DISCARD_LIMIT = { bytes: 100 * 1024 * 1024, ms: 30_000 };

/**
 * Reads a request body as text, refusing (without buffering it) anything over `maxBytes`, and a body the client
 * cut off (400). Past the cap the rest is read and dropped, up to DISCARD_LIMIT, then the stream is let go, never
 * cancelled: under `wrangler dev` a cancelled upload stream makes its proxy fail and the whole dev server exit.
 */
export async function readBodyLimited(request: Request, maxBytes: number): Promise<BodyResult> {
  const tooLarge = { ok: false, status: 413, error: `body exceeds ${maxBytes} bytes` } as const;
  const declared = Number(request.headers.get('content-length') ?? Number.NaN);
  // Never read: the runtime disposes of an unread body itself, as for any route that ignores its body.
  if (Number.isFinite(declared) && declared > maxBytes) return tooLarge;
  if (!request.body) return { ok: true, text: '', bytes: new Uint8Array() };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await discard(reader, size);
        return tooLarge;
      }
      chunks.push(value);
    }
  } catch {
    return { ok: false, status: 400, error: 'request body was cut off before its end' };
  } finally {
    try {
      reader.releaseLock();
    } catch {}
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { ok: true, text: new TextDecoder().decode(bytes), bytes };
}

/** Reads and drops the rest of a stream, within DISCARD_LIMIT; a stream error or a stalled sender ends it. */
async function discard(reader: ReadableStreamDefaultReader<Uint8Array>, size: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<{ done: true }>((done) => {
    timer = setTimeout(() => done({ done: true }), DISCARD_LIMIT.ms);
  });
  try {
    for (let read = size; read <= DISCARD_LIMIT.bytes; ) {
      const chunk = await Promise.race([reader.read(), expired]).catch(() => ({ done: true }) as const);
      if (chunk.done) return;
      read += chunk.value.byteLength;
    }
  } finally {
    clearTimeout(timer);
  }
}
