// The analysis context: owners walked to the top workload, events aged against the snapshot's now.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { type K8sObject, snapshotFromObjects } from '../../lib/cluster/index.ts';
import { AnalysisContext } from '../../lib/evidence/index.ts';

const docs = (text: string) => text.split('\n---\n').map((doc) => parse(doc) as K8sObject);

const objects = docs(`
apiVersion: batch/v1
kind: CronJob
metadata: { name: report, namespace: ops }
---
apiVersion: batch/v1
kind: Job
metadata: { name: report-1, namespace: ops, ownerReferences: [{ apiVersion: batch/v1, kind: CronJob, name: report, controller: true }] }
---
apiVersion: v1
kind: Pod
metadata: { name: report-1-x, namespace: ops, ownerReferences: [{ apiVersion: batch/v1, kind: Job, name: report-1, controller: true }] }
---
apiVersion: v1
kind: Pod
metadata: { name: api-5f6-abc, namespace: ops, labels: { pod-template-hash: 5f6 }, ownerReferences: [{ apiVersion: apps/v1, kind: ReplicaSet, name: api-5f6, controller: true }] }
---
apiVersion: v1
kind: Secret
metadata: { name: creds, namespace: ops }
data: { token: Y2FuYXJ5LXRva2Vu }
---
apiVersion: v1
kind: Event
metadata: { name: e1, namespace: ops }
involvedObject: { kind: Pod, namespace: ops, name: api-5f6-abc }
reason: BackOff
type: Warning
count: 4
lastTimestamp: "2026-11-20T10:00:00Z"
`);

describe('analysis context', () => {
  const context = new AnalysisContext(snapshotFromObjects(objects, '2026-11-23T10:00:00Z'));

  it('walks Pod → Job → CronJob', () => {
    expect(context.ownerOf(context.find('Pod', 'ops', 'report-1-x')!)).toEqual({
      kind: 'CronJob',
      namespace: 'ops',
      name: 'report',
    });
  });

  it('names the Deployment of a pod whose ReplicaSet was not loaded', () => {
    expect(context.ownerOf(context.find('Pod', 'ops', 'api-5f6-abc')!)).toEqual({
      kind: 'Deployment',
      namespace: 'ops',
      name: 'api',
    });
  });

  it('treats events last seen days before now as history', () => {
    const ref = { kind: 'Pod', namespace: 'ops', name: 'api-5f6-abc' };
    expect(context.eventsFor(ref)).toEqual([]);
    expect(context.eventsFor(ref, false)).toHaveLength(1);
  });

  it('keeps Secret keys and drops their values', () => {
    const secret = context.find('Secret', 'ops', 'creds')!;
    expect(Object.keys(secret.data)).toEqual(['token']);
    expect(JSON.stringify(secret)).not.toContain('Y2FuYXJ5LXRva2Vu');
  });
});
