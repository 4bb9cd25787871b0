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
  | { ok: false; status: 413; error: string };

/** Reads a request body as text, refusing (without buffering it) anything over `maxBytes`. */
export async function readBodyLimited(request: Request, maxBytes: number): Promise<BodyResult> {
  const tooLarge = { ok: false, status: 413, error: `body exceeds ${maxBytes} bytes` } as const;
  const declared = Number(request.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) return tooLarge;
  if (!request.body) return { ok: true, text: '', bytes: new Uint8Array() };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return tooLarge;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { ok: true, text: new TextDecoder().decode(bytes), bytes };
}
