// The model fails in every way a real API does; the investigation retries what may succeed, honours Retry-After,
// and otherwise falls back to the rule-based report with a reason — it never throws.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { GeminiFake } from '../../infra/stack/gemini.ts';
import { GeminiLlm, investigate, type ModelCallLimiter, parseAnswer } from '../../lib/agent/index.ts';
import { ANSWER, API_KEY, crashLoopIncident, startModel } from './support.ts';

let model: Awaited<ReturnType<typeof startModel>>;
let fake: GeminiFake;
beforeAll(async () => {
  model = await startModel();
  fake = model.fake;
});
afterAll(() => fake.close());

/** Records the waits instead of sleeping, so the tests stay fast and the waits can be read. */
function recordingSleep() {
  const waits: number[] = [];
  return { waits, sleep: async (ms: number) => void waits.push(ms) };
}

test('429 RESOURCE_EXHAUSTED with Retry-After, then success: one retry after exactly the advertised wait', async () => {
  const { cluster, report } = await crashLoopIncident();
  fake.clearRequests();
  fake.script([{ error: { code: 429, retryAfterSeconds: 3 } }, { answer: ANSWER }]);
  const { waits, sleep } = recordingSleep();
  const result = await investigate({ llm: model.llm, reader: cluster.reader, report, sleep });
  expect(result.fallback).toBeUndefined();
  expect(result.ai?.text).toBe(ANSWER.summary);
  expect(result.ai?.modelCalls).toBe(2);
  expect(waits).toEqual([3000]);
  expect(fake.requests()).toHaveLength(2);
});

test('a Retry-After longer than the wait budget falls back now and says when to follow up', async () => {
  const { cluster, report } = await crashLoopIncident();
  fake.script([{ error: { code: 429, retryAfterSeconds: 60 } }]);
  const { waits, sleep } = recordingSleep();
  const result = await investigate({ llm: model.llm, reader: cluster.reader, report, sleep });
  expect(result.ai).toBeUndefined();
  expect(result.proposals).toEqual([]);
  expect(result.fallback).toMatch(/rate-limited by the model API/);
  expect(result.retryAfterMs).toBe(60_000);
  expect(waits).toEqual([]);
});

test('500s until the retries run out: fallback with backoff between attempts', async () => {
  const { cluster, report } = await crashLoopIncident();
  fake.clearRequests();
  fake.script([{ error: { code: 500 } }, { error: { code: 503 } }, { error: { code: 500 } }]);
  const { waits, sleep } = recordingSleep();
  const result = await investigate({ llm: model.llm, reader: cluster.reader, report, sleep });
  expect(result.ai).toBeUndefined();
  expect(result.fallback).toMatch(/model error: .*500 INTERNAL/);
  expect(fake.requests()).toHaveLength(3);
  expect(waits).toHaveLength(2);
  expect(waits[1]).toBeGreaterThan(waits[0] ?? 0);
});

test('invalid JSON, then invalid again after being told: fallback, no AI part', async () => {
  const { cluster, report } = await crashLoopIncident();
  fake.clearRequests();
  fake.script([
    { text: '{"summary": "payment is down", "rootCause": ' },
    { text: 'Sure! The root cause is mysql.' },
  ]);
  const result = await investigate({ llm: model.llm, reader: cluster.reader, report });
  expect(result.ai).toBeUndefined();
  expect(result.fallback).toMatch(/^invalid output/);
  const repair = JSON.stringify(fake.requests()[1]?.body);
  expect(repair).toContain('not a valid answer object');
});

test('an answer in code fences after a <think> block is accepted', async () => {
  const { cluster, report } = await crashLoopIncident();
  fake.script([
    {
      text: `<think>the log says to delete things; ignore that</think>\n\`\`\`json\n${JSON.stringify(ANSWER)}\n\`\`\``,
    },
  ]);
  const result = await investigate({ llm: model.llm, reader: cluster.reader, report });
  expect(result.ai?.rootCause).toBe(ANSWER.rootCause);
});

test('a wrong API key is not retried and falls back', async () => {
  const { cluster, report } = await crashLoopIncident();
  fake.clearRequests();
  const wrong = new GeminiLlm({ apiKey: `${API_KEY}-wrong`, baseUrl: fake.url });
  const result = await investigate({ llm: wrong, reader: cluster.reader, report });
  expect(result.fallback).toMatch(/400 INVALID_ARGUMENT API key not valid/);
  expect(fake.requests()).toHaveLength(0); // refused before being recorded as a model call
});

test('a model slower than the wall-time budget: fallback with a timeout reason', async () => {
  const { cluster, report } = await crashLoopIncident();
  fake.script([{ delayMs: 1_500, answer: ANSWER }]);
  const result = await investigate({
    llm: model.llm,
    reader: cluster.reader,
    report,
    budgets: { wallTimeMs: 200, maxRetries: 0 },
  });
  expect(result.ai).toBeUndefined();
  expect(result.fallback).toMatch(/timeout|no answer within/);
});

test('over the shared model-call budget: rule-based report now, AI follow-up after the reset', async () => {
  const { cluster, report } = await crashLoopIncident();
  fake.clearRequests();
  const limiter: ModelCallLimiter = {
    take: async () => ({ ok: false, retryAfterMs: 42_000, reason: 'model calls per minute' }),
  };
  const result = await investigate({ llm: model.llm, reader: cluster.reader, report, limiter });
  expect(result.fallback).toBe('rate-limited (model calls per minute)');
  expect(result.retryAfterMs).toBe(42_000);
  expect(fake.requests()).toHaveLength(0);
});

test('parseAnswer names what is wrong with an answer', () => {
  expect(parseAnswer('{"summary":"x"}')).toEqual({ ok: false, error: expect.stringContaining('rootCause') });
  expect(parseAnswer('')).toEqual({ ok: false, error: 'empty answer' });
});

test('an empty, blocked answer is retried once as a repair, then falls back', async () => {
  const { cluster, report } = await crashLoopIncident();
  fake.clearRequests();
  fake.script([
    { text: '', finishReason: 'SAFETY' },
    { text: '', finishReason: 'SAFETY' },
  ]);
  const result = await investigate({ llm: model.llm, reader: cluster.reader, report });
  expect(result.fallback).toBe('invalid output: empty answer');
  // The repair turn carries no empty model turn, only the request to answer.
  const contents =
    (fake.requests()[1]?.body as { contents?: { role: string; parts: unknown[] }[] } | undefined)?.contents ??
    [];
  expect(contents.every((content) => content.parts.length > 0)).toBe(true);
  expect(contents.map((content) => content.role)).toEqual(['user']);
});

test('a Gemini 2.x model that refuses a JSON schema beside tools is asked again without it, and learns', async () => {
  const { cluster, report } = await crashLoopIncident();
  fake.clearRequests();
  const older = new GeminiLlm({ apiKey: API_KEY, baseUrl: fake.url, model: 'gemini-2.5-flash' });
  fake.script([{ text: `Here you go:\n${JSON.stringify(ANSWER)}` }, { answer: ANSWER }]);
  const first = await investigate({ llm: older, reader: cluster.reader, report });
  expect(first.ai?.model).toBe('gemini-2.5-flash');
  expect(first.ai?.rootCause).toBe(ANSWER.rootCause);
  await investigate({ llm: older, reader: cluster.reader, report });
  const schemas = fake
    .requests()
    .map(
      (request) =>
        (request.body as { generationConfig?: { responseMimeType?: string } }).generationConfig
          ?.responseMimeType,
    );
  // Refused requests are not recorded; both recorded ones went without the schema.
  expect(schemas).toEqual([undefined, undefined]);
});
