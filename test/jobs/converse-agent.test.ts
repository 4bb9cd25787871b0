// One conversation with a model configured: free text reaches the model with the memory (history, the objects
// last shown), its answer is remembered so "restart it" proposes the right Deployment, a short near-miss of a
// command still gets the usage line without asking the model, and nothing is ever written.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createFixtureHandler, loadFixture } from '../../infra/sim/index.ts';
import { RestClusterReader } from '../../lib/cluster/index.ts';
import { converse, type JobDeps, type Turn } from '../../lib/jobs/index.ts';
import { MemoryKv, stores } from '../../lib/store/index.ts';
import { ANSWER, startModel } from '../agent/support.ts';

const fixture = readFileSync(join(import.meta.dirname, '../fixtures/demo/crashloop.yaml'), 'utf8');
const person = `U${'89abcdef01234567'.repeat(2)}`;
let model: Awaited<ReturnType<typeof startModel>>;
beforeAll(async () => {
  model = await startModel();
});
afterAll(() => model.fake.close());

it('answers free text through the model with the memory, and "restart it" then proposes its Deployment', async () => {
  const store = stores(new MemoryKv());
  const handler = createFixtureHandler(loadFixture(fixture));
  const methods: string[] = [];
  const deps: JobDeps = {
    ledger: store.ledger,
    reports: store.reports,
    conversations: store.conversations,
    readerFor: () =>
      new RestClusterReader({
        baseUrl: 'http://fixture.invalid',
        fetch: async (request) => {
          methods.push(request.method);
          return handler(request);
        },
      }),
    deliver: async () => undefined,
    chatLlm: { llm: model.llm },
    now: () => new Date('2026-11-23T10:00:00Z'),
  };
  let n = 0;
  const turn = (text: string): Turn => ({
    id: `line-01JAGENT${++n}`,
    conversation: `line:user:${person}`,
    user: { channel: 'line', id: person },
    text,
    cluster: 'demo',
  });

  const pods = await converse(turn('/pods shop'), deps);
  expect(pods.command).toBe('pods');
  expect(model.fake.requests()).toHaveLength(0);

  model.fake.script([
    {
      functionCalls: [
        { name: 'get_logs', args: { namespace: 'shop', pod: 'payment-7d9f8c6b5d-x7k2p', previous: true } },
      ],
    },
    {
      answer: {
        ...ANSWER,
        summary: 'payment-7d9f8c6b5d-x7k2p exits on ECONNREFUSED 10.96.112.40:3306 (mysql).',
      },
    },
  ]);
  const free = await converse(turn('look at the log of that crashing one'), deps);
  expect(free.command).toBe('agent');
  expect(free.text).toContain('ECONNREFUSED');
  const prompt = JSON.stringify(model.fake.requests()[0]?.body);
  expect(prompt).toContain('Earlier in this conversation');
  expect(prompt).toContain('user: /pods shop');
  expect(prompt).toContain('Pod shop/payment-7d9f8c6b5d-x7k2p CrashLoopBackOff');
  // The report behind the answer is stored, as /diagnose's is.
  expect((await store.reports.get(free.report?.id ?? 'none'))?.ai?.text).toContain('ECONNREFUSED');

  const restart = await converse(turn('restart it'), deps);
  expect(restart.command).toBe('restart');
  expect(restart.proposal?.target).toEqual({ kind: 'Deployment', namespace: 'shop', name: 'payment' });

  const calls = model.fake.requests().length;
  const nearMiss = await converse(turn('scale payment'), deps);
  expect(nearMiss.text).toContain('usage: /scale');
  expect(model.fake.requests()).toHaveLength(calls);
  expect(new Set(methods)).toEqual(new Set(['GET']));
});
