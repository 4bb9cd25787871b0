// Tool results stay under their cap on a 5,000-pod cluster, and say how to narrow when they are cut.
import { describe, expect, test } from 'vitest';
import { estimateTokens, investigate, runTool, type ToolContext } from '../../lib/agent/index.ts';
import { diagnose, scopeFromAlert } from '../../lib/diagnosis/index.ts';
import { fixtureCluster, generatedCluster, largeFixture } from './cluster.ts';
import { startModel } from './support.ts';

const cluster = fixtureCluster(largeFixture(5_000));
const context: ToolContext = {
  reader: cluster.reader,
  maxTokens: 2_000,
  vetProposal: () => 'not in this test',
  addProposal: () => 'never',
};

test.each([
  ['list_resources', { kind: 'Pod' }],
  ['get_events', {}],
  ['get_events', { type: 'Warning' }],
])('%s %j on 5,000 pods stays under 2,000 tokens and says how to narrow', async (name, args) => {
  const output = await runTool(name, args, context);
  expect(estimateTokens(output)).toBeLessThanOrEqual(2_000);
  expect(output).toMatch(/truncated: \d+ of \d+ lines not shown\. .*(Narrow|narrow)/);
});

test('the pod list puts the unhealthy pods first, so the cut keeps what matters', async () => {
  const output = await runTool('list_resources', { kind: 'Pod' }, context);
  const rows = output.split('\n').slice(2, 12);
  expect(rows.every((row) => row.includes('CrashLoopBackOff'))).toBe(true);
});

test('the workload list puts the ones missing most replicas first, so the cut keeps what matters', async () => {
  const generated = generatedCluster(5_000);
  const output = await runTool(
    'list_resources',
    { kind: 'Deployment' },
    { ...context, reader: generated.reader },
  );
  const missing = output
    .split('\n')
    .slice(2)
    .map((row) => /\s(\d+)\/(\d+)\s/.exec(row))
    .filter((match) => match !== null)
    .map((match) => Number(match[2]) - Number(match[1]));
  expect(missing[0]).toBeGreaterThan(0);
  expect(missing).toEqual([...missing].sort((a, b) => b - a));
});

test('a narrow question gets a whole answer', async () => {
  const output = await runTool(
    'list_resources',
    { kind: 'Pod', namespace: 'team-7', labelSelector: 'app=web-7' },
    context,
  );
  expect(output).not.toContain('truncated');
  expect(output).toMatch(/^\d+ Pod in team-7 with app=web-7/);
});

test('a smaller cap is honoured too', async () => {
  const output = await runTool('list_resources', { kind: 'Pod' }, { ...context, maxTokens: 300 });
  expect(estimateTokens(output)).toBeLessThanOrEqual(300);
});

describe('on the generated 5,000-pod cluster (healthy noise, injected faults)', () => {
  const generated = generatedCluster(5_000);
  const big: ToolContext = { ...context, reader: generated.reader };
  const fault = generated.generated.faults[0];

  test.each([
    ['list_resources', { kind: 'Pod' }],
    ['list_resources', { kind: 'Deployment' }],
    ['list_resources', { kind: 'Service' }],
    ['list_resources', { kind: 'Node' }],
    ['get_events', {}],
    ['run_analyzers', {}],
  ])('%s %j stays under 2,000 tokens', async (name, args) => {
    const output = await runTool(name, args, {
      ...big,
      analyze: async (scope) =>
        (await diagnose({ reader: generated.reader, cluster: 'big', source: 'cli', scope })).findings,
    });
    expect(output).not.toMatch(/^error/);
    expect(estimateTokens(output)).toBeLessThanOrEqual(2_000);
  });

  test('an incident in it is investigated within the budgets, from the findings', async () => {
    expect(fault).toBeDefined();
    const { fake, llm } = await startModel();
    try {
      const report = await diagnose({
        reader: generated.reader,
        cluster: 'big',
        source: 'alertmanager',
        scope: scopeFromAlert(fault?.alert ?? {}),
      });
      const result = await investigate({ llm, reader: generated.reader, report });
      expect(result.ai).toBeDefined();
      expect(result.stats.promptTokens).toBeLessThanOrEqual(6_000);
    } finally {
      await fake.close();
    }
  });
});
