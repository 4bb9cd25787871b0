// PVCPending: a claim is not bound, and why (missing StorageClass, provisioning failure).
import type { K8sObject } from '../cluster/index.ts';
import { type AnalysisContext, refOf } from '../evidence/index.ts';
import { type Text, verbatim } from '../i18n/index.ts';
import type { Finding, RootCause } from '../report/index.ts';
import { said, sentences } from './texts.ts';
import type { Analyzer } from './types.ts';

// What CSI provisioners answer when the backend has no room: gRPC ResourceExhausted, or the words themselves.
const EXHAUSTED =
  /ResourceExhausted|insufficient (?:capacity|storage|space)|out of capacity|no space left|InsufficientVolumeCapacity|ZONE_RESOURCE_POOL_EXHAUSTED/i;

/** The provisioner's first sentence after "desc =", where the gRPC status puts its words. */
function exhaustedPart(message: string): string {
  const words = /desc = (.+)$/.exec(message)?.[1] ?? message;
  return words.split(/\.\s/)[0]!.slice(0, 120);
}

export function pvcCause(context: AnalysisContext, pvc: K8sObject): RootCause | undefined {
  const className: string | undefined = pvc.spec?.storageClassName;
  const classes = context.list('storageClasses');
  if (context.loaded('storageClasses')) {
    if (className && !classes.some((c) => c.metadata.name === className))
      return {
        code: 'MissingConfig',
        object: { kind: 'StorageClass', name: className },
        ...said({ key: 'cluster.storageClassMissing', params: { storageClass: className } }),
      };
    if (
      className === undefined &&
      !classes.some(
        (c) => c.metadata.annotations?.['storageclass.kubernetes.io/is-default-class'] === 'true',
      ) &&
      !pvc.spec?.volumeName
    )
      return {
        code: 'MissingConfig',
        ...said({ key: 'cluster.noDefaultClass', params: { field: 'storageClassName' } }),
      };
  }
  const failed = context.eventsFor(refOf(pvc), false).find((e) => e.reason === 'ProvisioningFailed');
  if (failed && EXHAUSTED.test(failed.message))
    return {
      code: 'StorageExhausted',
      ...(className ? { object: { kind: 'StorageClass', name: className } } : {}),
      ...said({
        key: 'cluster.outOfCapacity',
        params: { storageClass: className ?? 'none', said: exhaustedPart(failed.message) },
      }),
    };
  if (failed)
    return {
      code: 'MissingConfig',
      ...said({ key: 'cluster.provisioningFailed', params: { said: failed.message.slice(0, 160) } }),
    };
  return undefined;
}

export const pvcPending: Analyzer = {
  name: 'pvc',
  reads: { PersistentVolumeClaim: ['persistentVolumeClaims', 'storageClasses', 'events'] },
  // A claim found Pending: whether its StorageClass exists.
  followUps: (context) =>
    context.list('persistentVolumeClaims').some((pvc) => pvc.status?.phase === 'Pending')
      ? ['storageClasses']
      : [],
  analyze(context) {
    const findings: Finding[] = [];
    for (const pvc of context.list('persistentVolumeClaims')) {
      if (pvc.status?.phase !== 'Pending') continue;
      const events = context.eventsFor(refOf(pvc), false);
      // WaitForFirstConsumer: pending until a pod uses it, which is normal.
      const waiting = events.some((e) => e.reason === 'WaitForFirstConsumer');
      const rootCause = pvcCause(context, pvc);
      if (waiting && !rootCause) continue;
      const age = context.age(pvc.metadata.creationTimestamp);
      if (!rootCause && age < 5 * 60 * 1000) continue; // still provisioning
      const ref = refOf(pvc);
      const pvcName = `${ref.namespace}/${ref.name}`;
      const summary: Text = rootCause?.detailText
        ? { key: 'cluster.pvcNotBoundBecause', params: { pvc: pvcName, why: rootCause.detailText } }
        : { key: 'cluster.pvcNotBound', params: { pvc: pvcName } };
      const evidence: Text[] = [
        {
          key: 'cluster.pvcState',
          params: {
            storageClass: pvc.spec?.storageClassName ?? 'none',
            storage: pvc.spec?.resources?.requests?.storage ?? '?',
          },
        },
        ...events.slice(0, 2).map(
          (e): Text => ({
            key: 'cluster.event',
            params: { reason: e.reason, count: String(e.count), message: e.message.slice(0, 160) },
          }),
        ),
      ];
      const suggestions = [
        verbatim('kubectl get storageclass'),
        verbatim(`kubectl -n ${ref.namespace} describe pvc ${ref.name}`),
      ];
      findings.push({
        code: 'PVCPending',
        severity: 'critical',
        object: ref,
        ...(rootCause ? { rootCause } : {}),
        ...sentences(summary, evidence, suggestions),
      });
    }
    return findings;
  },
};
