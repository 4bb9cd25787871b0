// The REST chat route inside workerd, with no CHAT_API_TOKEN configured: it refuses with 503 naming the setting
// (never a value) before it reads the body or any store.
import { SELF } from 'cloudflare:test';
import { expect, it } from 'vitest';

it('answers 503 naming CHAT_API_TOKEN when the token is not configured', async () => {
  const response = await SELF.fetch('https://responder.test/api/chat', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer anything' },
    body: JSON.stringify({ session: 's1', text: '/pods shop' }),
  });
  expect(response.status).toBe(503);
  expect(await response.json()).toEqual({ error: 'CHAT_API_TOKEN is not configured on the responder' });
});
