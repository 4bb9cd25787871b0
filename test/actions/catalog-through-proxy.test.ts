// Every catalog request, sent by a ClusterWriter through the real proxy and its default policy, is allowed and
// takes effect as the approver; every variation outside the catalog (another field, more replicas than the bound,
// another verb, subresource or kind) is refused with 403; rollback, advice only, never reaches the proxy.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  ActionError,
  type ActionTarget,
  actionByName,
  actions,
  executeProposal,
  planProposal,
  RESTARTED_AT_ANNOTATION,
} from '../../lib/actions/index.ts';
import { type ClusterRequest, ClusterWriteError, RestClusterWriter } from '../../lib/cluster/index.ts';
import { CURRENT_KEY, type Harness, startHarness } from '../proxy/harness.ts';

const extraDocuments = `---
apiVersion: apps/v1
kind: StatefulSet
metadata: { name: mysql, namespace: shop }
spec:
  replicas: 1
  selector: { matchLabels: { app: mysql } }
  template:
    metadata: { labels: { app: mysql } }
    spec: { containers: [{ name: mysql, image: mysql:8.4 }] }
---
apiVersion: apps/v1
kind: DaemonSet
metadata: { name: node-agent, namespace: shop }
spec:
  selector: { matchLabels: { app: node-agent } }
  template:
    metadata: { labels: { app: node-agent } }
    spec: { containers: [{ name: agent, image: agent:2.0 }] }
`;

const targets: Record<ActionTarget['kind'], ActionTarget> = {
  Deployment: { kind: 'Deployment', namespace: 'shop', name: 'payment' },
  StatefulSet: { kind: 'StatefulSet', namespace: 'shop', name: 'mysql' },
  DaemonSet: { kind: 'DaemonSet', namespace: 'shop', name: 'node-agent' },
  Pod: { kind: 'Pod', namespace: 'shop', name: 'payment-7d9f-abcde' },
};
const sampleArgs: Record<string, Record<string, unknown>> = { scale: { replicas: 3 } };
const APPROVER = 'slack:UAPPROVER';
const NOW = new Date('2026-11-23T10:05:00.123Z');

let h: Harness;
let writer: RestClusterWriter;
beforeAll(async () => {
  h = await startHarness({ extraDocuments });
  writer = new RestClusterWriter({ baseUrl: h.proxyUrl, secret: CURRENT_KEY });
});
afterAll(async () => {
  await h?.close();
});

const upstreamJson = async (path: string) =>
  // biome-ignore lint/suspicious/noExplicitAny: raw API objects
  (await (await h.upstream(path)).json()) as any;

const executable = actions.filter((action) => action.executable);
const cases = executable.flatMap((action) => action.targetKinds.map((kind) => [action.name, kind] as const));

describe('every catalog request is allowed', () => {
  it.each(cases)('%s of a %s: 2xx, done upstream, audited with the approver as actor', async (name, kind) => {
    const target = targets[kind];
    const before = h.audit.length;
    const outcome = await executeProposal(
      writer,
      { action: name, target, ...(sampleArgs[name] ?? {}) },
      APPROVER,
      NOW,
    );
    expect(outcome.status).toBeGreaterThanOrEqual(200);
    expect(outcome.status).toBeLessThan(300);
    const plan = planProposal({ action: name, target, ...(sampleArgs[name] ?? {}) }, NOW);
    if (!plan.executable) throw new Error('executable actions plan a request');
    const path = plan.request.path.replace(/\/scale$/, '');
    if (name === 'restart') {
      const object = await upstreamJson(path);
      expect(object.spec.template.metadata.annotations[RESTARTED_AT_ANNOTATION]).toBe('2026-11-23T10:05:00Z');
    } else if (name === 'scale') {
      expect((await upstreamJson(`${path}/scale`)).spec.replicas).toBe(3);
    } else {
      expect((await h.upstream(path)).status).toBe(404);
    }
    const line = h.audit.slice(before).find((entry) => entry.method !== 'GET');
    expect(line).toMatchObject({
      actor: APPROVER,
      decision: 'allowed',
      event: 'recorded',
      name: target.name,
    });
  });

  it('rollback is advice only: it names the command and sends nothing', async () => {
    const before = h.audit.length;
    const proposal = { action: 'rollback', target: targets.Deployment } as const;
    expect(planProposal(proposal)).toMatchObject({
      executable: false,
      command: 'kubectl -n shop rollout undo deployment/payment',
    });
    await expect(executeProposal(writer, proposal, APPROVER)).rejects.toThrow(ActionError);
    await expect(executeProposal(writer, proposal, APPROVER)).rejects.toThrow(/advice only.*rollout undo/);
    expect(h.audit.length).toBe(before);
  });
});

type Variation = [string, (request: ClusterRequest) => ClusterRequest];
const withBody = (request: ClusterRequest, change: (body: Record<string, unknown>) => unknown) => ({
  ...request,
  body: JSON.stringify(change(JSON.parse(request.body ?? '{}'))),
});
const variations: Record<string, { target: ActionTarget; args?: object; variations: Variation[] }> = {
  restart: {
    target: targets.Deployment,
    variations: [
      ['another field in the patch', (r) => withBody(r, (b) => ({ ...b, metadata: { labels: { a: 'b' } } }))],
      [
        'another annotation beside restartedAt',
        (r) =>
          withBody(r, () => ({
            spec: { template: { metadata: { annotations: { [RESTARTED_AT_ANNOTATION]: 'x', other: 'y' } } } },
          })),
      ],
      ['the image instead', (r) => withBody(r, () => ({ spec: { template: { spec: { containers: [] } } } }))],
      ['another verb (PUT)', (r) => ({ ...r, method: 'PUT' })],
      ['another verb (DELETE)', (r) => ({ ...r, method: 'DELETE', headers: {} })],
      ['another subresource (status)', (r) => ({ ...r, path: `${r.path}/status` })],
      [
        'another kind (ReplicaSet)',
        (r) => ({ ...r, path: r.path.replace('/deployments/', '/replicasets/') }),
      ],
      [
        'another kind (Job)',
        (r) => ({ ...r, path: r.path.replace('/apps/v1/', '/batch/v1/').replace('deployments', 'jobs') }),
      ],
    ],
  },
  scale: {
    target: targets.Deployment,
    args: { replicas: 3 },
    variations: [
      ['replicas over the bound', (r) => withBody(r, () => ({ spec: { replicas: 21 } }))],
      ['negative replicas', (r) => withBody(r, () => ({ spec: { replicas: -1 } }))],
      ['another field in the patch', (r) => withBody(r, (b) => ({ ...b, metadata: { labels: { a: 'b' } } }))],
      ['another verb (DELETE)', (r) => ({ ...r, method: 'DELETE', headers: {} })],
      [
        'the object instead of the scale subresource',
        (r) => ({ ...r, path: r.path.replace(/\/scale$/, '') }),
      ],
      ['another subresource (status)', (r) => ({ ...r, path: r.path.replace(/\/scale$/, '/status') })],
      ['another kind (DaemonSet)', (r) => ({ ...r, path: r.path.replace('/deployments/', '/daemonsets/') })],
      [
        'another kind (ReplicaSet)',
        (r) => ({ ...r, path: r.path.replace('/deployments/', '/replicasets/') }),
      ],
    ],
  },
  'delete-pod': {
    target: targets.Pod,
    variations: [
      [
        'a body besides DeleteOptions',
        (r) => ({ ...r, headers: { 'content-type': 'application/json' }, body: '{"spec":{}}' }),
      ],
      [
        'another verb (PATCH)',
        (r) => ({
          ...r,
          method: 'PATCH',
          headers: { 'content-type': 'application/merge-patch+json' },
          body: '{}',
        }),
      ],
      ['every pod at once', (r) => ({ ...r, path: r.path.replace(/\/pods\/.*$/, '/pods') })],
      [
        'another subresource (eviction)',
        (r) => ({ ...r, method: 'POST', path: `${r.path}/eviction`, body: '{}' }),
      ],
      ['another kind (Service)', (r) => ({ ...r, path: r.path.replace('/pods/', '/services/') })],
      [
        'another kind (Deployment)',
        (r) => ({
          ...r,
          path: r.path.replace('/api/v1/', '/apis/apps/v1/').replace('/pods/', '/deployments/'),
        }),
      ],
    ],
  },
};

describe('every variation outside the catalog is refused', () => {
  it('covers every executable action', () => {
    expect(Object.keys(variations).sort()).toEqual(executable.map((action) => action.name).sort());
  });

  const rows = Object.entries(variations).flatMap(([name, spec]) =>
    spec.variations.map(([what, vary]) => [name, what, spec, vary] as const),
  );
  it.each(rows)('%s with %s: 403 from the policy', async (name, _what, spec, vary) => {
    const action = actionByName[name as keyof typeof actionByName];
    if (!action.executable) throw new Error('only executable actions build requests');
    const request = vary(action.request(spec.target, action.args.parse(spec.args ?? {}), NOW));
    const error = await writer.send(request, APPROVER).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ClusterWriteError);
    expect(error).toMatchObject({ status: 403, refusal: 'forbidden' });
    expect((error as Error).message).toMatch(/policy does not allow.*denied by policy rule/);
    expect(h.audit.at(-1)).toMatchObject({ actor: APPROVER, decision: 'denied', status: 403 });
  });
});

describe('the writer says why a write did not happen', () => {
  it('the same write signed twice in one second is a replay: 409, conflict', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date() });
    try {
      const request = actionByName.scale.executable
        ? actionByName.scale.request(targets.StatefulSet, { replicas: 2 }, NOW)
        : undefined;
      if (!request) throw new Error('scale is executable');
      await expect(writer.send(request, APPROVER)).resolves.toMatchObject({ status: 200 });
      await expect(writer.send(request, APPROVER)).rejects.toMatchObject({
        status: 409,
        refusal: 'conflict',
      });
    } finally {
      vi.useRealTimers();
    }
  });

  it('a pod that is already gone: 404, not-found', async () => {
    const gone = { action: 'delete-pod', target: { ...targets.Pod, name: 'payment-gone-00000' } } as const;
    await expect(executeProposal(writer, gone, APPROVER)).rejects.toMatchObject({
      status: 404,
      refusal: 'not-found',
      message: expect.stringContaining('the object no longer exists'),
    });
  });

  it('a wrong key: 401, unauthorized; an approver that is not a chat identity is refused before sending', async () => {
    const wrong = new RestClusterWriter({ baseUrl: h.proxyUrl, secret: 'not-the-key' });
    const plan = planProposal({ action: 'restart', target: targets.DaemonSet });
    if (!plan.executable) throw new Error('restart is executable');
    await expect(wrong.send(plan.request, APPROVER)).rejects.toMatchObject({
      status: 401,
      refusal: 'unauthorized',
    });
    const before = h.audit.length;
    await expect(writer.send(plan.request, '')).rejects.toThrow(/approver must be a chat identity/);
    await expect(writer.send(plan.request, 'slack:U1\nX-Evil: 1')).rejects.toThrow(/approver/);
    expect(h.audit.length).toBe(before);
  });
});
