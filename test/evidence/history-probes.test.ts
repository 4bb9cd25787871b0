// How recency weighs a probe's kills in the ProbeFailure finding: repeated kills in the last hour page (critical)
// even when the pod is Ready now, a single recent kill is a warning, and the same kills days ago say nothing.
import { describe, expect, it } from 'vitest';
import { analyzers } from '../../lib/analyzers/index.ts';
import { type K8sObject, snapshotFromObjects } from '../../lib/cluster/index.ts';
import { AnalysisContext } from '../../lib/evidence/index.ts';

const now = '2026-11-23T10:00:00Z';
const pod = (finishedAt: string): K8sObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'api-1', namespace: 'shop' },
  spec: {
    containers: [
      { name: 'api', livenessProbe: { tcpSocket: { port: 8080 } }, ports: [{ containerPort: 8080 }] },
    ],
  },
  status: {
    phase: 'Running',
    conditions: [{ type: 'Ready', status: 'True' }],
    containerStatuses: [
      {
        name: 'api',
        ready: true,
        restartCount: 3,
        state: { running: { startedAt: finishedAt } },
        lastState: { terminated: { exitCode: 137, reason: 'Error', finishedAt } },
      },
    ],
  },
});
const killing = (count: number, lastTimestamp: string): K8sObject => ({
  apiVersion: 'v1',
  kind: 'Event',
  metadata: { name: 'k', namespace: 'shop' },
  involvedObject: { kind: 'Pod', namespace: 'shop', name: 'api-1' },
  type: 'Normal',
  reason: 'Killing',
  message: 'Container api failed liveness probe, will be restarted',
  count,
  lastTimestamp,
});
const probeFailure = analyzers.find((analyzer) => analyzer.name === 'probes')!;
const findings = (objects: K8sObject[]) =>
  probeFailure.analyze(new AnalysisContext(snapshotFromObjects(objects, now)));

describe('ProbeFailure by recent history', () => {
  it('is critical for repeated kills in the last hour, though the pod is Ready now', () => {
    const [finding] = findings([pod('2026-11-23T09:58:00Z'), killing(4, '2026-11-23T09:57:50Z')]);
    expect(finding?.severity).toBe('critical');
    expect(finding?.summary).toContain('liveness probe TCP :8080');
    expect(finding?.summary).toContain('killed 4 times');
  });

  it('is a warning for one kill that restarted the container within the hour', () => {
    const [finding] = findings([pod('2026-11-23T09:30:00Z'), killing(1, '2026-11-23T09:29:50Z')]);
    expect(finding?.severity).toBe('warning');
    expect(finding?.summary).toContain('killed 1 time ');
  });

  it('says nothing about kills and a restart from days ago', () => {
    expect(findings([pod('2026-11-20T09:58:00Z'), killing(4, '2026-11-20T09:57:50Z')])).toEqual([]);
  });
});
