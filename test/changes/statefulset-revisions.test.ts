// A StatefulSet's changes come from its ControllerRevisions (`revision`, `data.spec.template`) and the pods'
// `controller-revision-hash`: the new revision's pod fails while the older one runs → the rollout is blamed.
import { describe, expect, it } from 'vitest';
import { blameLine, changeVerdict, wayBack } from '../../lib/changes/index.ts';
import type { K8sObject } from '../../lib/cluster/index.ts';
import { AnalysisContext } from '../../lib/evidence/index.ts';

const owner = [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'db', controller: true }];
const revision = (name: string, number: number, at: string, image: string): K8sObject => ({
  kind: 'ControllerRevision',
  metadata: { name, namespace: 'data', creationTimestamp: at, ownerReferences: owner },
  revision: number,
  data: { spec: { template: { spec: { containers: [{ name: 'db', image }] } } } },
});
const pod = (name: string, hash: string, ready: boolean): K8sObject => ({
  kind: 'Pod',
  metadata: { name, namespace: 'data', labels: { 'controller-revision-hash': hash }, ownerReferences: owner },
  status: {
    phase: 'Running',
    conditions: [
      {
        type: 'Ready',
        status: ready ? 'True' : 'False',
        lastTransitionTime: ready ? undefined : '2026-11-23T09:57:00Z',
      },
    ],
    containerStatuses: [{ name: 'db', ready, restartCount: ready ? 0 : 3 }],
  },
});

function context(): AnalysisContext {
  return new AnalysisContext({
    now: '2026-11-23T10:00:00Z',
    namespace: 'data',
    objects: {
      statefulSets: [{ kind: 'StatefulSet', metadata: { name: 'db', namespace: 'data' } }],
      controllerRevisions: [
        revision('db-6b8', 3, '2026-11-01T00:00:00Z', 'postgres:16.3'),
        revision('db-7c9', 4, '2026-11-23T09:55:00Z', 'postgres:17.0'),
      ],
      pods: [pod('db-1', 'db-7c9', false), pod('db-0', 'db-6b8', true)],
    },
    logs: [],
  });
}

describe('StatefulSet revisions', () => {
  it('blames revision 4, 2 min before db-1 lost Ready, and rolls back to 3', () => {
    const verdict = changeVerdict(context(), { kind: 'StatefulSet', namespace: 'data', name: 'db' });
    expect(blameLine(verdict)).toBe(
      'started 2 min after StatefulSet data/db rolled out revision 4: image postgres:16.3 → postgres:17.0',
    );
    expect(wayBack(verdict)[0]).toBe(
      'Roll back to revision 3: kubectl -n data rollout undo statefulset/db --to-revision=3',
    );
  });

  it('not blamed when the older revision’s pod fails too (the trouble is not confined to the change)', () => {
    const ctx = context();
    ctx.snapshot.objects.pods = [pod('db-1', 'db-7c9', false), pod('db-0', 'db-6b8', false)];
    const verdict = changeVerdict(new AnalysisContext(ctx.snapshot), {
      kind: 'StatefulSet',
      namespace: 'data',
      name: 'db',
    });
    expect(verdict.blamed).toEqual([]);
    expect(verdict.previous?.revision).toBe(4);
  });
});
