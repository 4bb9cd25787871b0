// Recent history against the cluster's clock: probe kills inside the window count, older ones do not; a probe is
// named with its port and path beside what the container listens on; a FailedCreate is resolved by a later attempt
// or by the ServiceAccount it missed now existing.
import { describe, expect, it } from 'vitest';
import { type K8sObject, snapshotFromObjects } from '../../lib/cluster/index.ts';
import { AnalysisContext, describeProbe, probeKills, refOf, resolvedBy } from '../../lib/evidence/index.ts';

const now = '2026-11-23T10:00:00Z';
const pod: K8sObject = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'api-1', namespace: 'shop' },
  spec: {
    containers: [
      {
        name: 'api',
        ports: [{ name: 'http', containerPort: 8080 }],
        livenessProbe: { httpGet: { path: '/healthz', port: 8081 } },
        readinessProbe: { httpGet: { path: '/ready', port: 'http' } },
      },
    ],
  },
};
const event = (
  name: string,
  reason: string,
  message: string,
  lastTimestamp: string,
  count = 1,
): K8sObject => ({
  apiVersion: 'v1',
  kind: 'Event',
  metadata: { name, namespace: 'shop' },
  involvedObject: { kind: 'Pod', namespace: 'shop', name: 'api-1' },
  type: reason === 'Killing' ? 'Normal' : 'Warning',
  reason,
  message,
  count,
  lastTimestamp,
});
const contextOf = (objects: K8sObject[]) => new AnalysisContext(snapshotFromObjects(objects, now));

describe('recent history', () => {
  it('counts probe kills seen in the last hour, with the probe failure that caused them', () => {
    const context = contextOf([
      pod,
      event(
        'k',
        'Killing',
        'Container api failed liveness probe, will be restarted',
        '2026-11-23T09:55:00Z',
        4,
      ),
      event('u', 'Unhealthy', 'Liveness probe failed: connection refused', '2026-11-23T09:54:50Z', 12),
    ]);
    const [kills] = probeKills(context, pod);
    expect(kills).toMatchObject({ container: 'api', kind: 'liveness', kills: 4 });
    expect(kills?.failure?.count).toBe(12);
  });

  it('forgets probe kills from days ago', () => {
    const context = contextOf([
      pod,
      event(
        'k',
        'Killing',
        'Container api failed liveness probe, will be restarted',
        '2026-11-20T09:55:00Z',
        4,
      ),
    ]);
    expect(probeKills(context, pod)).toEqual([]);
  });

  it('names the probe, its port and path, and what the container listens on; a named port is resolved', () => {
    expect(describeProbe(pod, 'api', 'liveness')).toEqual({
      probe: 'liveness probe GET :8081/healthz',
      action: 'GET :8081/healthz',
      listens: 'the container listens on 8080',
      ports: [8080],
      portMismatch: true,
    });
    expect(describeProbe(pod, 'api', 'readiness')).toMatchObject({
      probe: 'readiness probe GET :8080/ready',
      portMismatch: false,
    });
    expect(describeProbe(pod, 'api', 'startup')).toBeUndefined();
  });

  it('sees a FailedCreate as resolved once its ServiceAccount exists or a later attempt started', () => {
    const job: K8sObject = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'migrate', namespace: 'shop' },
    };
    const failed = {
      ...event(
        'f',
        'FailedCreate',
        'Error creating: serviceaccount "migrator" not found',
        '2026-11-23T09:20:00Z',
      ),
      involvedObject: { kind: 'Job', namespace: 'shop', name: 'migrate' },
    };
    const account: K8sObject = {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: 'migrator', namespace: 'shop' },
    };
    const missing = contextOf([
      job,
      failed,
      { ...account, metadata: { name: 'default', namespace: 'shop' } },
    ]);
    const [stillMissing] = missing.eventsFor(refOf(job), false);
    expect(resolvedBy(missing, stillMissing!, undefined)).toBeUndefined();
    expect(resolvedBy(missing, stillMissing!, Date.parse('2026-11-23T09:30:00Z'))).toMatch(
      /before the latest attempt/,
    );
    const exists = contextOf([job, failed, account]);
    expect(resolvedBy(exists, exists.eventsFor(refOf(job), false)[0]!, undefined)).toBe(
      'ServiceAccount shop/migrator exists now',
    );
  });
});
