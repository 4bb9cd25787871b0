// The Gemini fake answers like the real API (paths, auth, error bodies, usage counts) and is scriptable over HTTP.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type GeminiFake, startGeminiFake } from '../../infra/stack/gemini.ts';

const apiKey = 'fake-test-key-31c0';
let fake: GeminiFake;
beforeAll(async () => {
  fake = await startGeminiFake({ apiKey });
});
afterAll(() => fake.close());

const generate = (body: unknown, key = apiKey, path = '/v1beta/models/gemini-3.8-flash:generateContent') =>
  fetch(`${fake.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-goog-api-key': key },
    body: JSON.stringify(body),
  });
// biome-ignore lint/suspicious/noExplicitAny: the tests read Google's answers field by field
type Json = any;
const json = async (response: Response): Promise<Json> => response.json();
const hello = { contents: [{ role: 'user', parts: [{ text: 'hello '.repeat(100) }] }] };

test('a script posted over HTTP is answered in order: function call, 429 with Retry-After, broken text', async () => {
  const posted = await fetch(`${fake.url}/__script`, {
    method: 'POST',
    body: JSON.stringify([
      { functionCalls: [{ name: 'get_logs', args: { pod: 'p' } }] },
      { error: { code: 429, retryAfterSeconds: 7 } },
      { text: '{"summary": ' },
    ]),
  });
  expect(posted.status).toBe(200);

  const call = await json(await generate(hello));
  expect(call.candidates[0].content).toEqual({
    role: 'model',
    parts: [{ functionCall: { name: 'get_logs', args: { pod: 'p' } } }],
  });
  expect(call.candidates[0].finishReason).toBe('STOP');
  expect(call.modelVersion).toBe('gemini-3.8-flash');
  // Usage grows with the request: ≈ 4 characters a token.
  const size = JSON.stringify(hello).length;
  expect(call.usageMetadata.promptTokenCount).toBe(Math.ceil(size / 4));
  expect(call.usageMetadata.totalTokenCount).toBe(
    call.usageMetadata.promptTokenCount + call.usageMetadata.candidatesTokenCount,
  );

  const limited = await generate(hello);
  expect(limited.status).toBe(429);
  expect(limited.headers.get('retry-after')).toBe('7');
  const error = await json(limited);
  expect(error.error).toMatchObject({ code: 429, status: 'RESOURCE_EXHAUSTED' });
  expect(error.error.details[0]).toEqual({
    '@type': 'type.googleapis.com/google.rpc.RetryInfo',
    retryDelay: '7s',
  });

  const broken = await json(await generate(hello));
  expect(broken.candidates[0].content.parts[0].text).toBe('{"summary": ');
});

test('every model request is recorded without the key, readable and clearable over HTTP', async () => {
  await fetch(`${fake.url}/__requests`, { method: 'DELETE' });
  await generate(hello);
  const recorded = await json(await fetch(`${fake.url}/__requests`));
  expect(recorded).toHaveLength(1);
  expect(recorded[0]).toMatchObject({ method: 'POST', model: 'gemini-3.8-flash', body: hello });
  expect(JSON.stringify(recorded)).not.toContain(apiKey);
  expect(await json(await fetch(`${fake.url}/__messages`))).toEqual(recorded);
  await fetch(`${fake.url}/__messages`, { method: 'DELETE' });
  expect(fake.requests()).toEqual([]);
});

test('a bad key, an unknown path and a bad body get Google-shaped errors', async () => {
  const badKey = await generate(hello, 'nope');
  expect(badKey.status).toBe(400);
  expect((await json(badKey)).error).toMatchObject({
    code: 400,
    status: 'INVALID_ARGUMENT',
    message: expect.stringContaining('API key not valid'),
  });
  const unknown = await generate(hello, apiKey, '/v1beta/models/x:countTokens');
  expect(unknown.status).toBe(404);
  expect((await json(unknown)).error.status).toBe('NOT_FOUND');
  const empty = await generate({ contents: [] });
  expect(empty.status).toBe(400);
  expect(fake.requests()).toEqual([]);
});

test('unscripted, it answers a valid object for the requested schema from the prompt', async () => {
  const response = await generate({
    contents: [
      {
        role: 'user',
        parts: [{ text: '1. [critical] OOMKilled Pod a/b\n   summary: b is killed at its 256Mi limit' }],
      },
    ],
    generationConfig: {
      responseMimeType: 'application/json',
      responseJsonSchema: {
        type: 'object',
        properties: {
          summary: { type: 'string' },
          confidence: { type: 'string', enum: ['low', 'medium', 'high'] },
        },
        required: ['summary', 'confidence'],
      },
    },
  });
  const answer = JSON.parse((await json(response)).candidates[0].content.parts[0].text);
  expect(answer).toEqual({ summary: 'b is killed at its 256Mi limit', confidence: 'medium' });
});

test('streamGenerateContent answers server-sent events', async () => {
  const response = await generate(
    hello,
    apiKey,
    '/v1beta/models/gemini-3.8-flash:streamGenerateContent?alt=sse',
  );
  expect(response.headers.get('content-type')).toBe('text/event-stream');
  const text = await response.text();
  expect(text.startsWith('data: {')).toBe(true);
  expect(JSON.parse(text.slice(6)).candidates[0].content.role).toBe('model');
});
