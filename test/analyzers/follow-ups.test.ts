// What a first read makes the analyzers want: Secrets only for a container config error, claims for a Pending
// pod that mounts one, StorageClasses for a Pending claim.
import { describe, expect, it } from 'vitest';
import { analyzers } from '../../lib/analyzers/index.ts';
import { type K8sObject, snapshotFromObjects } from '../../lib/cluster/index.ts';
import { AnalysisContext } from '../../lib/evidence/index.ts';

const wanted = (objects: K8sObject[]) => {
  const context = new AnalysisContext(snapshotFromObjects(objects, '2026-01-01T00:00:00Z'));
  return new Set(analyzers.flatMap((analyzer) => analyzer.followUps?.(context) ?? []));
};
const waitingPod = (reason: string): K8sObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'api-1', namespace: 'shop' },
  status: { phase: 'Running', containerStatuses: [{ name: 'api', state: { waiting: { reason } } }] },
});

describe('follow-ups the analyzers declare', () => {
  it('reads ConfigMaps and Secrets for CreateContainerConfigError, not for a runtime CreateContainerError', () => {
    expect(wanted([waitingPod('CreateContainerConfigError')])).toEqual(new Set(['configMaps', 'secrets']));
    expect(wanted([waitingPod('CreateContainerError')])).toEqual(new Set());
  });

  it('follows a Pending pod to its claims and the nodes, and a Pending claim to the StorageClasses', () => {
    const pod: K8sObject = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'db-0', namespace: 'shop' },
      spec: { volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data-db-0' } }] },
      status: { phase: 'Pending' },
    };
    expect(wanted([pod])).toEqual(new Set(['nodes', 'persistentVolumeClaims']));
    const claim: K8sObject = {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'data-db-0', namespace: 'shop' },
      status: { phase: 'Pending' },
    };
    expect(wanted([pod, claim]).has('storageClasses')).toBe(true);
  });
});
