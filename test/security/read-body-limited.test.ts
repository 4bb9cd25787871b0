// readBodyLimited: what a sender gets for a body over the cap or cut off, and that the rest of an over-size body is
// read (never cancelled: a cancelled upload stream makes `wrangler dev` exit).
import { expect, it } from 'vitest';
import { readBodyLimited } from '../../lib/security/index.ts';

const upload = (chunks: number, chunkBytes: number, end: 'close' | 'error' = 'close') => {
  const state = { pulled: 0, cancelled: false };
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (state.pulled === chunks) {
        if (end === 'error') controller.error(new Error('Network connection lost.'));
        else controller.close();
        return;
      }
      state.pulled += 1;
      controller.enqueue(new Uint8Array(chunkBytes));
    },
    cancel() {
      state.cancelled = true;
    },
  });
  // A stream body has no Content-Length: the size is only known by reading, as with chunked encoding.
  const request = new Request('http://worker.test/', { method: 'POST', body, duplex: 'half' } as RequestInit);
  return { request, state };
};

it('answers 413 past the cap after reading the rest of the body, without cancelling it', async () => {
  const { request, state } = upload(64, 1024);
  expect(await readBodyLimited(request, 4096)).toEqual({
    ok: false,
    status: 413,
    error: 'body exceeds 4096 bytes',
  });
  expect(state.pulled).toBe(64);
  expect(state.cancelled).toBe(false);
});

it('answers 400 for a body whose stream fails before its end (the client went away)', async () => {
  const { request } = upload(2, 100, 'error');
  expect(await readBodyLimited(request, 4096)).toEqual({
    ok: false,
    status: 400,
    error: 'request body was cut off before its end',
  });
});

it('refuses a declared Content-Length over the cap without reading, and returns a body within it', async () => {
  const declared = new Request('http://worker.test/', {
    method: 'POST',
    headers: { 'content-length': '5000' },
    body: 'x'.repeat(5000),
  });
  expect((await readBodyLimited(declared, 4096)).ok).toBe(false);
  const { request } = upload(3, 1000);
  const body = await readBodyLimited(request, 4096);
  expect(body.ok && body.bytes.byteLength).toBe(3000);
});
