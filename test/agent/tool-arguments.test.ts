// The model's tool calls are parsed with each tool's schema: a bad argument is answered naming the field and
// nothing is read; kinds are found by kubectl short names; the specs the model sees come from the same schemas.
import { describe, expect, test } from 'vitest';
import { agentTools, runTool, type ToolContext, toolSpecs } from '../../lib/agent/index.ts';
import { AGENT_FIXTURE, fixtureCluster, POD } from './cluster.ts';

const cluster = fixtureCluster(AGENT_FIXTURE);
const context: ToolContext = {
  reader: cluster.reader,
  maxTokens: 2_000,
  vetProposal: () => undefined,
  addProposal: () => 'p-1',
};

describe('a bad argument is refused, naming the field, before anything is read', () => {
  test.each([
    ['get_logs', { pod: POD }, 'error: get_logs arguments: namespace: required'],
    ['get_logs', { namespace: 'shop', pod: POD, tail: 5_000 }, 'error: get_logs arguments: tail: Too big'],
    ['get_logs', { namespace: 'shop', pod: POD, tail: '50' }, 'error: get_logs arguments: tail: '],
    ['get_logs', { namespace: 'shop', pod: POD, previous: 'yes' }, 'error: get_logs arguments: previous: '],
    ['get_events', { type: 'warning' }, 'error: get_events arguments: type: '],
    ['list_resources', { kind: 'Widget' }, 'error: list_resources arguments: kind: unknown kind "Widget"'],
    ['describe_object', { kind: 'Service', namespace: 'shop' }, 'describe_object arguments: name: required'],
    ['describe_object', { kind: 'Service', namespace: 'shop', name: '  ' }, 'name: must not be empty'],
    [
      'propose_action',
      { action: 'delete', kind: 'Deployment', namespace: 'shop', name: 'payment' },
      'not proposed: action: ',
    ],
  ])('%s %j', async (name, args, message) => {
    const before = cluster.requests.length;
    const output = await runTool(name, args as Record<string, unknown>, context);
    expect(output).toContain(message);
    expect(cluster.requests.length).toBe(before);
  });

  test('a refused proposal also names every field that is missing', async () => {
    const output = await runTool('propose_action', { action: 'restart', kind: 'Deployment' }, context);
    expect(output).toMatch(/^not proposed: namespace: required; name: required; reason: required\./);
    expect(output).toContain('Allowed actions: restart, scale, delete-pod, rollback.');
  });
});

test('kinds are found by kind, plural or kubectl short name, whatever the case', async () => {
  for (const kind of ['Service', 'services', 'svc', 'SVC']) {
    const output = await runTool('list_resources', { kind, namespace: 'shop' }, context);
    expect(output).toMatch(/^\d+ Service in shop\n/);
    expect(output).toContain('mysql');
  }
  const described = await runTool(
    'describe_object',
    { kind: 'deploy', namespace: 'shop', name: 'payment' },
    context,
  );
  expect(described).toMatch(/^Deployment shop\/payment \(age /);
});

test('blank optional arguments count as absent', async () => {
  const output = await runTool('list_resources', { kind: 'po', namespace: ' ', labelSelector: '' }, context);
  expect(output).toMatch(/^\d+ Pod in all namespaces; \d+ not running/);
  expect(output.split('\n')[1]).toMatch(/^NAMESPACE\s+NAME\s+READY\s+STATUS/);
});

test('the specs the model is offered are generated from the tools’ schemas', () => {
  expect(toolSpecs.map((spec) => spec.name)).toEqual(agentTools.map((tool) => tool.name));
  const logs = toolSpecs.find((spec) => spec.name === 'get_logs')?.parameters as {
    properties: Record<string, { type?: string; maximum?: number }>;
    required: string[];
  };
  expect(logs.required).toEqual(['namespace', 'pod']);
  expect(logs.properties.tail).toMatchObject({ type: 'integer', maximum: 500 });
  expect(logs.properties.previous).toMatchObject({ type: 'boolean' });
  const proposal = toolSpecs.find((spec) => spec.name === 'propose_action')?.parameters as {
    properties: { action: { enum: string[] } };
  };
  expect(proposal.properties.action.enum).toEqual(['restart', 'scale', 'delete-pod', 'rollback']);
  for (const spec of toolSpecs) expect(spec.parameters).not.toHaveProperty('$schema');
});

test('run_analyzers scopes to the kind a short name means', async () => {
  const scopes: unknown[] = [];
  const analyze: ToolContext['analyze'] = async (scope) => {
    scopes.push(scope);
    return [];
  };
  await runTool(
    'run_analyzers',
    { kind: 'deploy', namespace: 'shop', name: 'payment' },
    { ...context, analyze },
  );
  expect(scopes).toEqual([
    { kind: 'object', namespace: 'shop', object: { kind: 'Deployment', name: 'payment', namespace: 'shop' } },
  ]);
});
