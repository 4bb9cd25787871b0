// Loading a fixture file: defaults filled as the API server would, Fixture/PodLog documents, and errors that
// name the bad document's index.
import { describe, expect, it } from 'vitest';
import { builtinKinds, loadFixture } from '../../infra/sim/index.ts';
import { CANARY_PASSWORD, demoCluster } from './helpers.ts';

const kind = (plural: string, group = '') =>
  builtinKinds.find((k) => k.plural === plural && k.group === group)!;

describe('loadFixture', () => {
  it('loads the demo fixture with its clock, objects and previous logs', () => {
    const cluster = demoCluster();
    expect(cluster.now).toBe('2026-11-23T10:00:00.000Z');
    expect(cluster.fixedClock).toBe(true);
    expect(cluster.clock().toISOString()).toBe('2026-11-23T10:00:00.000Z');
    expect(cluster.list(kind('pods'), 'shop')).toHaveLength(6);
    expect(cluster.get(kind('deployments', 'apps'), 'shop', 'payment')?.spec.replicas).toBe(3);
    expect(cluster.logs.filter((log) => log.previous && log.pod.startsWith('payment-'))).toHaveLength(3);
    const secret = cluster.get(kind('secrets'), 'shop', 'payment-db')!;
    expect(Buffer.from(secret.data.password, 'base64').toString()).toBe(CANARY_PASSWORD);
  });

  it('fills uid, resourceVersion, creationTimestamp and missing namespaces, stably across loads', () => {
    const text = `apiVersion: fixture.kube-responder.dev/v1
kind: Fixture
now: "2026-01-02T03:04:05Z"
---
apiVersion: v1
kind: Pod
metadata: { name: web, namespace: team-a }
spec: { containers: [{ name: app, image: nginx }] }
---
apiVersion: v1
kind: Event
metadata: { name: web.1, namespace: team-a }
involvedObject: { kind: Pod, name: web, namespace: team-a }
reason: BackOff
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: team-a }
---
apiVersion: v1
kind: Event
metadata: { name: web.2, namespace: team-a }
involvedObject: { kind: Deployment, name: web, namespace: team-a }
reason: ScalingReplicaSet
`;
    const first = loadFixture(text);
    const pod = first.get(kind('pods'), 'team-a', 'web')!;
    expect(pod.metadata.uid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(pod.metadata.resourceVersion).toMatch(/^\d+$/);
    expect(pod.metadata.creationTimestamp).toBe('2026-01-02T03:04:05.000Z');
    expect(loadFixture(text).get(kind('pods'), 'team-a', 'web')!.metadata.uid).toBe(pod.metadata.uid);
    const namespace = first.get(kind('namespaces'), undefined, 'team-a')!;
    expect(namespace.status.phase).toBe('Active');
    // References get the object's uid, as `kubectl describe` filters events by it.
    expect(first.get(kind('events'), 'team-a', 'web.1')!.involvedObject.uid).toBe(pod.metadata.uid);
    const deployment = first.get(kind('deployments', 'apps'), 'team-a', 'web')!;
    expect(first.get(kind('events'), 'team-a', 'web.2')!.involvedObject.uid).toBe(deployment.metadata.uid);
  });

  it('uses the real clock when there is no Fixture document', () => {
    const cluster = loadFixture('apiVersion: v1\nkind: Namespace\nmetadata: { name: a }\n');
    expect(cluster.fixedClock).toBe(false);
    expect(Math.abs(cluster.clock().getTime() - Date.now())).toBeLessThan(60_000);
  });

  it('serves custom kinds under their apiVersion with a guessed plural', () => {
    const cluster = loadFixture(
      'apiVersion: example.com/v1\nkind: Policy\nmetadata: { name: p, namespace: x }\nspec: {}\n',
    );
    const policies = cluster.findKind('example.com', 'v1', 'policies');
    expect(policies?.namespaced).toBe(true);
    expect(cluster.list(policies!, 'x')).toHaveLength(1);
  });

  it('encodes stringData into base64 data, as the API serves Secrets', () => {
    const cluster = loadFixture(
      'apiVersion: v1\nkind: Secret\nmetadata: { name: s, namespace: x }\nstringData: { token: CANARY-token }\n',
    );
    const secret = cluster.get(kind('secrets'), 'x', 's')!;
    expect(secret.data).toEqual({ token: Buffer.from('CANARY-token').toString('base64') });
    expect(secret.stringData).toBeUndefined();
  });

  it.each([
    [
      'invalid YAML',
      'apiVersion: v1\nkind: Namespace\nmetadata: { name: a }\n---\nkind: [unclosed\n',
      'fixture document 1 (line 5): invalid YAML',
    ],
    [
      'a document without kind',
      'apiVersion: v1\nkind: Namespace\nmetadata: { name: a }\n---\napiVersion: v1\nmetadata: { name: b }\n',
      'fixture document 1 (line 5): missing kind',
    ],
    [
      'an object without a name',
      '---\napiVersion: v1\nkind: Pod\nmetadata: { namespace: a }\n',
      'fixture document 0 (line 2): Pod has no metadata.name',
    ],
    [
      'a scalar document',
      'apiVersion: v1\nkind: Namespace\nmetadata: { name: a }\n---\njust text\n',
      'fixture document 1 (line 5): expected a mapping',
    ],
    [
      'two Fixture documents',
      'apiVersion: fixture.kube-responder.dev/v1\nkind: Fixture\nnow: "2026-01-01T00:00:00Z"\n---\napiVersion: fixture.kube-responder.dev/v1\nkind: Fixture\n',
      'fixture document 1 (line 5): a second Fixture document (the first is document 0)',
    ],
    [
      'a bad now',
      'apiVersion: fixture.kube-responder.dev/v1\nkind: Fixture\nnow: yesterday\n',
      'Fixture.now must be an RFC 3339 time',
    ],
    [
      'a duplicate object',
      'apiVersion: v1\nkind: Namespace\nmetadata: { name: a }\n---\napiVersion: v1\nkind: Namespace\nmetadata: { name: a }\n',
      'fixture document 1 (line 5): duplicate Namespace a (also document 0)',
    ],
    [
      'a PodLog without container for a two-container pod',
      'apiVersion: v1\nkind: Pod\nmetadata: { name: p, namespace: x }\nspec: { containers: [{ name: a }, { name: b }] }\n---\napiVersion: fixture.kube-responder.dev/v1\nkind: PodLog\nmetadata: { name: p, namespace: x }\ntext: hi\n',
      'fixture document 1 (line 6): PodLog x/p: container is required, the pod has containers [a b]',
    ],
    [
      'a PodLog for a pod the fixture does not have',
      'apiVersion: fixture.kube-responder.dev/v1\nkind: PodLog\nmetadata: { name: ghost, namespace: x }\ntext: hi\n',
      'fixture document 0 (line 1): PodLog x/ghost: there is no Pod x/ghost',
    ],
    [
      'Secret data that is not base64',
      'apiVersion: v1\nkind: Secret\nmetadata: { name: s, namespace: x }\ndata: { password: not base64! }\n',
      'fixture document 0 (line 1): Secret s: data.password must be base64',
    ],
  ])('refuses %s, naming the document index', (_name, text, message) => {
    expect(() => loadFixture(text)).toThrow(message);
  });
});
