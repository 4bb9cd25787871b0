// Kubernetes' generated names: which controller a pod or ReplicaSet name came from (one folding for the whole product).

/** Kubernetes' random name suffixes and pod-template hashes use this vowel-free alphabet (rand.SafeEncodeString). */
const SAFE = '[bcdfghjklmnpqrstvwxz2456789]';
const DEPLOYMENT_POD = new RegExp(`^(.+)-${SAFE}{6,10}-${SAFE}{5}$`);
const STATEFULSET_POD = /^(.+)-\d+$/;
const GENERATED_POD = new RegExp(`^(.+)-${SAFE}{5}$`);
const REPLICASET = new RegExp(`^(.+)-${SAFE}{6,10}$`);

/**
 * The workload a pod (or ReplicaSet) belongs to, by the controllers' naming: Deployment `name-<hash>-<5>`,
 * StatefulSet `name-<ordinal>`, DaemonSet/Job `name-<5>`, ReplicaSet `name-<hash>`. `controller` when the
 * name says which (a DaemonSet's pod and a Job's look alike).
 */
export function foldName(
  kind: 'Pod' | 'ReplicaSet',
  name: string,
): { name: string; controller?: 'Deployment' | 'StatefulSet' } | undefined {
  if (kind === 'ReplicaSet') {
    const deployment = REPLICASET.exec(name)?.[1];
    return deployment ? { name: deployment, controller: 'Deployment' } : undefined;
  }
  const deployment = DEPLOYMENT_POD.exec(name)?.[1];
  if (deployment) return { name: deployment, controller: 'Deployment' };
  const statefulSet = STATEFULSET_POD.exec(name)?.[1];
  if (statefulSet) return { name: statefulSet, controller: 'StatefulSet' };
  const generated = GENERATED_POD.exec(name)?.[1];
  return generated ? { name: generated } : undefined;
}
