// The same investigation through the OpenAI-compatible adapter (Ollama, vLLM, Azure): tool calls with ids,
// tool results matched to them, usage read from the answer, 429 Retry-After honoured.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type LoopbackServer, listenLoopback, readBody, sendJson } from '../../infra/stack/http.ts';
import { investigate, llmFromEnv, OpenAiCompatibleLlm, reportEnricher } from '../../lib/agent/index.ts';
import { POD } from './cluster.ts';
import { ANSWER, crashLoopIncident } from './support.ts';

/** A minimal `/v1/chat/completions` stand-in answering a queue of scripted replies. */
let server: LoopbackServer;
const received: { authorization?: string; body: Record<string, unknown> }[] = [];
const replies: { status: number; headers?: Record<string, string>; body: unknown }[] = [];
beforeAll(async () => {
  server = await listenLoopback(async (request, response) => {
    const body = JSON.parse((await readBody(request)).toString('utf8'));
    received.push({
      ...(request.headers.authorization ? { authorization: request.headers.authorization } : {}),
      body,
    });
    const reply = replies.shift() ?? { status: 500, body: { error: { message: 'nothing scripted' } } };
    sendJson(response, reply.status, reply.body, reply.headers);
  });
});
afterAll(() => server.close());

const completion = (message: Record<string, unknown>) => ({
  status: 200,
  body: {
    model: 'llama3.3',
    choices: [
      {
        index: 0,
        message: { role: 'assistant', ...message },
        finish_reason: message.tool_calls ? 'tool_calls' : 'stop',
      },
    ],
    usage: { prompt_tokens: 1200, completion_tokens: 80, total_tokens: 1280 },
  },
});

test('tool call, 429, then answer: the investigation completes with the same loop', async () => {
  const { cluster, report } = await crashLoopIncident();
  replies.push(
    completion({
      content: null,
      tool_calls: [
        {
          id: 'call_a1',
          type: 'function',
          function: {
            name: 'get_logs',
            arguments: JSON.stringify({ namespace: 'shop', pod: POD, grep: 'fatal' }),
          },
        },
      ],
    }),
    { status: 429, headers: { 'retry-after': '2' }, body: { error: { message: 'slow down' } } },
    completion({ content: JSON.stringify(ANSWER) }),
  );
  const waits: number[] = [];
  const llm = new OpenAiCompatibleLlm({
    baseUrl: `${server.url}/v1`,
    model: 'llama3.3',
    apiKey: 'local-key',
  });
  const result = await investigate({
    llm,
    reader: cluster.reader,
    report,
    sleep: async (ms) => void waits.push(ms),
  });

  expect(result.ai).toMatchObject({
    model: 'llama3.3',
    rootCause: ANSWER.rootCause,
    toolCalls: 1,
    tokens: { prompt: 2400, output: 160 },
  });
  expect(waits).toEqual([2000]);
  expect(received).toHaveLength(3);
  expect(received[0]?.authorization).toBe('Bearer local-key');
  const last = received[2]?.body.messages as { role: string; tool_call_id?: string; content: string }[];
  const toolMessage = last.find((message) => message.role === 'tool');
  expect(toolMessage?.tool_call_id).toBe('call_a1');
  expect(toolMessage?.content).toContain('connection refused');
  expect(received[0]?.body.response_format).toMatchObject({ type: 'json_schema' });
});

test('llmFromEnv picks Gemini when GEMINI_API_KEY is set, else an OpenAI-compatible server, else nothing', () => {
  expect(llmFromEnv({})).toBeUndefined();
  expect(llmFromEnv({ GEMINI_API_KEY: '' })).toBeUndefined();
  expect(llmFromEnv({ GEMINI_API_KEY: 'k' })?.model).toBe('gemini-3.8-flash');
  expect(llmFromEnv({ GEMINI_API_KEY: 'k', GEMINI_MODEL: 'gemini-3.5-flash-lite' })?.model).toBe(
    'gemini-3.5-flash-lite',
  );
  expect(llmFromEnv({ OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1', OPENAI_MODEL: 'qwen3' })?.model).toBe(
    'qwen3',
  );
});

test('reportEnricher is absent without a model, and adds the AI part beside the findings with one', async () => {
  expect(reportEnricher({ LOCALE: 'zh-TW' })).toBeUndefined();
  const { cluster, report } = await crashLoopIncident();
  replies.push(completion({ content: JSON.stringify(ANSWER) }));
  const seen: string[] = [];
  const enrich = reportEnricher(
    { OPENAI_BASE_URL: `${server.url}/v1`, OPENAI_MODEL: 'llama3.3', LOCALE: 'zh-TW' },
    { onInvestigation: (investigation) => void seen.push(investigation.fallback ?? 'ok') },
  );
  const enriched = await enrich?.(report, cluster.reader);
  expect(enriched?.findings).toEqual(report.findings);
  expect(enriched?.ai?.rootCause).toBe(ANSWER.rootCause);
  expect(seen).toEqual(['ok']);
  expect(JSON.stringify(received.at(-1)?.body.messages)).toContain('Traditional Chinese');
  // Model down: the report comes back unchanged.
  replies.push({ status: 400, body: { error: { message: 'bad model' } } });
  const unchanged = await enrich?.(report, cluster.reader);
  expect(unchanged).toEqual(report);
  expect(seen.at(-1)).toMatch(/400 bad model/);
});
