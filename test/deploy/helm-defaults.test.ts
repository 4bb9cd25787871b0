// A first `helm install` with only the HMAC key reads what the analyzers need: every kind they read is granted
// cluster-wide (Secrets' key names included, values emptied by the proxy); writes can be kept to chosen namespaces.
import { describe, expect, it } from 'vitest';
import { kindsToCheck } from '../../infra/cli/commands/proxy-check.ts';
import { resources } from '../../lib/cluster/index.ts';
import { renderChart } from '../proxy/helm/render.ts';

const key = 'k'.repeat(40);

interface Rule {
  apiGroups?: string[];
  resources?: string[];
  verbs: string[];
}
type Manifest = { kind: string; metadata: { name: string; namespace?: string }; rules?: Rule[] };

function grants(rules: Rule[] = []): Set<string> {
  const out = new Set<string>();
  for (const rule of rules)
    for (const verb of rule.verbs)
      for (const group of rule.apiGroups ?? [])
        for (const resource of rule.resources ?? []) out.add(`${verb} ${group}/${resource}`);
  return out;
}
const rolesOf = (manifests: Record<string, unknown>[], kind: string) =>
  (manifests as Manifest[]).filter((m) => m.kind === kind);

describe('helm chart defaults', () => {
  it('grants list on every kind the analyzers read, cluster-wide, and pod logs, by default', () => {
    const { manifests, notes } = renderChart({ hmac: { key } });
    expect(rolesOf(manifests, 'Role')).toHaveLength(0);
    const [clusterRole] = rolesOf(manifests, 'ClusterRole');
    const granted = grants(clusterRole?.rules);
    for (const kind of kindsToCheck()) {
      const resource = resources[kind.name as keyof typeof resources];
      expect(granted.has(`list ${resource.group}/${resource.plural}`), `list ${kind.name}`).toBe(true);
    }
    expect(granted.has('get /pods/log')).toBe(true);
    // Key names of Secrets (a missing key explains CreateContainerConfigError); the proxy empties the values.
    expect(granted.has('get /secrets')).toBe(true);
    expect([...granted].some((g) => g.includes('*') || g.includes('exec'))).toBe(false);
    expect(notes).toContain('ClusterRole + ClusterRoleBinding (reads across the cluster)');
    expect(notes).toContain('kube-responder proxy check --url https://proxy.example.com --secret-file');
  });

  it('keeps the ClusterRole read-only and grants the writes per namespace with rbac.writeNamespaces', () => {
    const { manifests, notes } = renderChart({
      hmac: { key },
      rbac: { writeNamespaces: ['shop', 'payments'] },
    });
    const [clusterRole] = rolesOf(manifests, 'ClusterRole');
    const reads = grants(clusterRole?.rules);
    expect(reads.has('list /nodes')).toBe(true);
    expect([...reads].filter((g) => /^(patch|update|delete|create) /.test(g))).toEqual([]);
    const roles = rolesOf(manifests, 'Role');
    expect(roles.map((role) => role.metadata.namespace)).toEqual(['shop', 'payments']);
    expect([...grants(roles[0]?.rules)].sort()).toEqual(
      [
        'create /events',
        'delete /pods',
        'get apps/deployments/scale',
        'get apps/statefulsets/scale',
        'patch apps/daemonsets',
        'patch apps/deployments',
        'patch apps/deployments/scale',
        'patch apps/statefulsets',
        'patch apps/statefulsets/scale',
        'update apps/deployments/scale',
        'update apps/statefulsets/scale',
      ].sort(),
    );
    expect(rolesOf(manifests, 'RoleBinding').map((binding) => binding.metadata.namespace)).toEqual([
      'shop',
      'payments',
    ]);
    expect(notes).toContain('writes only in shop, payments');
  });

  it('says loudly that a namespace-only install reads nothing cluster-scoped', () => {
    const { notes } = renderChart({ hmac: { key }, rbac: { clusterWide: false, namespaces: ['shop'] } });
    expect(notes).toContain('Role + RoleBinding in shop ONLY');
    expect(notes).toContain('--namespace shop');
  });
});
