// The cluster's headline figures for the health report: nodes ready, pods not running, restarts in the last 24 h,
// PVCs pending, Argo CD apps out of sync or degraded, TLS certificates expiring soon. Read-only list calls.
import { type ClusterReader, type K8sObject, resources } from '../cluster/index.ts';
import { TLS_SECRET_TYPE, tlsAnnotations } from './tls.ts';

/** Certificates expiring within this many days are listed. */
export const CERT_WARNING_DAYS = 14;
const DAY = 86_400_000;

export interface ExpiringCertificate {
  /** `shop/shop-tls`. */
  secret: string;
  subject?: string;
  notAfter: string;
  /** Negative once expired. */
  daysLeft: number;
}

export interface HealthFigures {
  nodes: { ready: number; total: number };
  podsNotRunning: number;
  /** Container restarts whose last one was within 24 h (Kubernetes keeps only the last termination's time). */
  restarts24h: number;
  pvcsPending: number;
  /** Undefined when the cluster has no Argo CD (the Application kind is not served). */
  argo?: { outOfSync: number; degraded: number };
  certificates: ExpiringCertificate[];
}

const nodeReady = (node: K8sObject) =>
  (node.status?.conditions ?? []).some(
    (condition: { type?: string; status?: string }) =>
      condition.type === 'Ready' && condition.status === 'True',
  );

/** A pod that is neither running nor finished well (Pending, Failed, Unknown). */
const podNotRunning = (pod: K8sObject) => !['Running', 'Succeeded'].includes(pod.status?.phase ?? '');

export function restartsWithin(pods: K8sObject[], now: number, windowMs = DAY): number {
  let restarts = 0;
  for (const pod of pods) {
    const statuses = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])];
    for (const status of statuses) {
      const count = Number(status.restartCount ?? 0);
      const finishedAt = status.lastState?.terminated?.finishedAt;
      if (count > 0 && finishedAt && now - Date.parse(finishedAt) <= windowMs) restarts += count;
    }
  }
  return restarts;
}

export function expiringCertificates(secrets: K8sObject[], now: number, days = CERT_WARNING_DAYS) {
  const certificates: ExpiringCertificate[] = [];
  for (const secret of secrets) {
    if (secret.type !== TLS_SECRET_TYPE) continue;
    const annotations = secret.metadata.annotations ?? {};
    const notAfter = annotations[tlsAnnotations.notAfter];
    const time = notAfter ? Date.parse(notAfter) : Number.NaN;
    if (!notAfter || Number.isNaN(time)) continue;
    const daysLeft = Math.floor((time - now) / DAY);
    if (time - now > days * DAY) continue;
    const subject = annotations[tlsAnnotations.subject];
    certificates.push({
      secret: `${secret.metadata.namespace ?? ''}/${secret.metadata.name}`,
      ...(subject ? { subject } : {}),
      notAfter,
      daysLeft,
    });
  }
  return certificates.sort((a, b) => a.daysLeft - b.daysLeft);
}

/** A kind the cluster may not serve (Argo CD's Application): its absence is not an error. */
async function listOptional(reader: ClusterReader, resource: typeof resources.applications) {
  try {
    return await reader.list(resource);
  } catch {
    return undefined;
  }
}

export function figuresOf(
  objects: {
    nodes: K8sObject[];
    pods: K8sObject[];
    pvcs: K8sObject[];
    applications?: K8sObject[];
    secrets: K8sObject[];
  },
  now: number,
): HealthFigures {
  const { applications } = objects;
  return {
    nodes: { ready: objects.nodes.filter(nodeReady).length, total: objects.nodes.length },
    podsNotRunning: objects.pods.filter(podNotRunning).length,
    restarts24h: restartsWithin(objects.pods, now),
    pvcsPending: objects.pvcs.filter((pvc) => pvc.status?.phase === 'Pending').length,
    ...(applications
      ? {
          argo: {
            outOfSync: applications.filter((app) => app.status?.sync?.status === 'OutOfSync').length,
            degraded: applications.filter((app) => app.status?.health?.status === 'Degraded').length,
          },
        }
      : {}),
    certificates: expiringCertificates(objects.secrets, now),
  };
}

/** Reads what the figures need (five lists, in parallel) and counts them at the cluster's `now`. */
export async function readFigures(reader: ClusterReader, now: number): Promise<HealthFigures> {
  const [nodes, pods, pvcs, applications, secrets] = await Promise.all([
    reader.list(resources.nodes),
    reader.list(resources.pods),
    reader.list(resources.persistentVolumeClaims),
    listOptional(reader, resources.applications),
    // Only TLS Secrets; their values arrive emptied, the proxy's annotations carry the certificate's dates.
    reader.list(resources.secrets, { fieldSelector: `type=${TLS_SECRET_TYPE}` }),
  ]);
  return figuresOf({ nodes, pods, pvcs, ...(applications ? { applications } : {}), secrets }, now);
}
