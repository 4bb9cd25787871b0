// A scripted investigation: the model calls two tools, reads their answers and answers; the report gets its AI part.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { GeminiFake } from '../../infra/stack/gemini.ts';
import { investigate } from '../../lib/agent/index.ts';
import { AiPart } from '../../lib/report/index.ts';
import { POD } from './cluster.ts';
import { ANSWER, crashLoopIncident, startModel } from './support.ts';

let model: Awaited<ReturnType<typeof startModel>>;
let fake: GeminiFake;
beforeAll(async () => {
  model = await startModel();
  fake = model.fake;
});
afterAll(() => fake.close());

test('the model calls describe_object and get_logs, then answers; every turn carries what the tools returned', async () => {
  const { cluster, report } = await crashLoopIncident();
  fake.clearRequests();
  fake.script([
    {
      functionCalls: [
        { name: 'describe_object', args: { kind: 'Service', namespace: 'shop', name: 'mysql' } },
      ],
    },
    {
      functionCalls: [
        { name: 'get_logs', args: { namespace: 'shop', pod: POD, previous: true, grep: 'mysql' } },
      ],
    },
    { answer: ANSWER },
  ]);

  const result = await investigate({ llm: model.llm, reader: cluster.reader, report });

  expect(result.fallback).toBeUndefined();
  expect(AiPart.parse(result.ai)).toMatchObject({
    model: 'gemini-3.8-flash',
    text: ANSWER.summary,
    rootCause: ANSWER.rootCause,
    nextSteps: ANSWER.nextSteps,
    toolCalls: 2,
    modelCalls: 3,
  });
  const requests = fake.requests();
  expect(requests).toHaveLength(3);
  // Usage is what the API reported, summed over the calls.
  expect(result.ai?.tokens.prompt).toBe(requests.reduce((sum, request) => sum + request.promptTokens, 0));

  const first = JSON.stringify(requests[0]?.body);
  expect(first).toContain('DependencyUnreachable'); // starts from the findings
  expect(first).toContain('functionDeclarations');
  const second = JSON.stringify(requests[1]?.body);
  expect(second).toContain('functionResponse');
  expect(second).toContain('selector: app=mysql'); // the describe_object answer
  const third = JSON.stringify(requests[2]?.body);
  expect(third).toContain('connection refused'); // the grep'ed log line
  expect(third).not.toContain('starting payment 1.8.2'); // grep kept only matching lines

  // The tools only read: a get of the Service, its events, one log.
  expect(cluster.requests.every((request) => request.startsWith('GET '))).toBe(true);
  expect(cluster.requests.length).toBeLessThanOrEqual(3);
});

test('with nothing scripted the fake answers from the findings, in one call', async () => {
  const { cluster, report } = await crashLoopIncident();
  fake.clearRequests();
  const result = await investigate({ llm: model.llm, reader: cluster.reader, report });
  expect(result.ai?.rootCause).toContain('mysql');
  expect(result.ai?.toolCalls).toBe(0);
  expect(fake.requests()).toHaveLength(1);
});

test('a repeated identical call is answered from cache, not from the cluster', async () => {
  const { cluster, report } = await crashLoopIncident();
  const call = { name: 'describe_object', args: { kind: 'Service', namespace: 'shop', name: 'mysql' } };
  fake.script([
    { functionCalls: [call] },
    { functionCalls: [{ name: call.name, args: { name: 'mysql', namespace: 'shop', kind: 'Service' } }] },
    { answer: ANSWER },
  ]);
  const result = await investigate({ llm: model.llm, reader: cluster.reader, report });
  expect(result.stats.cachedToolCalls).toBe(1);
  const gets = cluster.requests.filter((request) => request === 'GET /api/v1/namespaces/shop/services/mysql');
  expect(gets).toHaveLength(1);
});

test('past the tool budget the model is told to answer, and the investigation still ends with an answer', async () => {
  const { cluster, report } = await crashLoopIncident();
  fake.clearRequests();
  const listing = (namespace: string) => ({
    functionCalls: [{ name: 'list_resources', args: { kind: 'Pod', namespace } }],
  });
  fake.script([listing('a'), listing('b'), listing('c'), { answer: ANSWER }]);
  const result = await investigate({
    llm: model.llm,
    reader: cluster.reader,
    report,
    budgets: { maxToolCalls: 2 },
  });
  expect(result.ai?.toolCalls).toBe(2);
  expect(result.stats.toolCalls).toBe(2);
  const last = fake.requests().at(-1)?.body as { toolConfig?: { functionCallingConfig?: { mode?: string } } };
  expect(last.toolConfig?.functionCallingConfig?.mode).toBe('NONE');
});

test('the prompt token budget stops tools while an answer still fits, and is never exceeded', async () => {
  const { cluster, report } = await crashLoopIncident();
  fake.clearRequests();
  const listing = (kind: string) => ({
    functionCalls: [{ name: 'list_resources', args: { kind, namespace: 'shop' } }],
  });
  fake.script([
    listing('Pod'),
    listing('Service'),
    listing('Event'),
    listing('Deployment'),
    { answer: ANSWER },
  ]);
  const budget = 12_000;
  const result = await investigate({
    llm: model.llm,
    reader: cluster.reader,
    report,
    budgets: { maxPromptTokens: budget },
  });
  expect(result.ai).toBeDefined();
  expect(result.stats.toolCalls).toBeLessThan(4);
  expect(result.ai?.tokens.prompt).toBeLessThanOrEqual(budget);
  const last = fake.requests().at(-1)?.body as { toolConfig?: { functionCallingConfig?: { mode?: string } } };
  expect(last.toolConfig?.functionCallingConfig?.mode).toBe('NONE');
});

test('a budget too small for even the first prompt falls back without calling the model', async () => {
  const { cluster, report } = await crashLoopIncident();
  fake.clearRequests();
  const result = await investigate({
    llm: model.llm,
    reader: cluster.reader,
    report,
    budgets: { maxPromptTokens: 500 },
  });
  expect(result.fallback).toBe('prompt token budget (500) spent');
  expect(fake.requests()).toHaveLength(0);
});
