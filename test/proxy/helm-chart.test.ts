// The Helm chart renders for both RBAC modes, its RBAC is the policy's rules and nothing more, and the policy it
// ships is the proxy's default. Rendered with the Go-template subset in helm/gotemplate.ts (no helm binary here).
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { defaultPolicy, parsePolicy } from '../../infra/proxy/index.ts';
import { renderChart } from './helm/render.ts';

const key = 'k'.repeat(40);

interface Rule {
  apiGroups?: string[];
  resources?: string[];
  nonResourceURLs?: string[];
  verbs: string[];
}
interface DeploymentSpec {
  spec: {
    template: {
      spec: {
        securityContext: object;
        containers: {
          args: string[];
          securityContext: object;
          resources: { limits?: object };
          readinessProbe: { httpGet: { path: string } };
        }[];
        volumes: { name: string; secret?: { secretName: string } }[];
      };
    };
  };
}
type Manifest = { kind: string; metadata: { name: string; namespace?: string }; [field: string]: unknown };

const byKind = (manifests: Record<string, unknown>[], kind: string) =>
  (manifests as Manifest[]).filter((m) => m.kind === kind);

function grants(rules: Rule[]): Set<string> {
  const out = new Set<string>();
  for (const rule of rules)
    for (const verb of rule.verbs) {
      for (const group of rule.apiGroups ?? [])
        for (const resource of rule.resources ?? []) out.add(`${verb} ${group}/${resource}`);
      for (const url of rule.nonResourceURLs ?? []) out.add(`${verb} ${url}`);
    }
  return out;
}

describe('helm chart', () => {
  it('ships the proxy default policy in values.yaml and in the ConfigMap it mounts', () => {
    const { manifests } = renderChart({ hmac: { key } });
    const configMap = byKind(manifests, 'ConfigMap')[0] as Manifest & { data: Record<string, string> };
    const mounted = parsePolicy(parseYaml(configMap.data['policy.yaml'] as string));
    expect(mounted).toEqual(defaultPolicy());
  });

  it('renders Role + RoleBinding with rbac.clusterWide=false, with rules only from the policy', () => {
    const { manifests } = renderChart({ hmac: { key }, rbac: { clusterWide: false, secretKeyNames: false } });
    expect(byKind(manifests, 'ClusterRole')).toHaveLength(0);
    const [role] = byKind(manifests, 'Role') as (Manifest & { rules: Rule[] })[];
    expect(role?.metadata.namespace).toBe('kube-responder');
    expect(byKind(manifests, 'RoleBinding')[0]).toMatchObject({
      roleRef: { kind: 'Role', name: role?.metadata.name },
    });
    const granted = grants(role?.rules ?? []);
    const fromPolicy = grants(defaultPolicy().rules as Rule[]);
    for (const grant of granted) {
      if (grant === 'create /events') continue; // the audit Events
      expect(fromPolicy.has(grant), `${grant} is not in the policy`).toBe(true);
    }
    expect(granted.has('create /events')).toBe(true);
    expect(granted.has('patch apps/deployments')).toBe(true);
    expect(granted.has('delete /pods')).toBe(true);
    // Least privilege: no wildcard, Secrets only listed (for the proxy's value masking), no exec, no
    // cluster-scoped kinds in a Role.
    expect([...granted].some((g) => g.includes('*'))).toBe(false);
    expect([...granted].filter((g) => g.endsWith('/secrets'))).toEqual(['list /secrets']);
    expect([...granted].some((g) => g.includes('exec') || g.includes('create /pods'))).toBe(false);
    expect(granted.has('list /nodes')).toBe(false);
  });

  it('renders ClusterRole + ClusterRoleBinding with rbac.clusterWide=true, secrets only when asked', () => {
    const plain = renderChart({
      hmac: { key },
      rbac: { clusterWide: true, secretKeyNames: false },
      policy: { secretValueMasking: { enabled: false } },
    });
    expect(byKind(plain.manifests, 'Role')).toHaveLength(0);
    const [clusterRole] = byKind(plain.manifests, 'ClusterRole') as (Manifest & { rules: Rule[] })[];
    const granted = grants(clusterRole?.rules ?? []);
    expect(granted.has('list /nodes')).toBe(true);
    expect(granted.has('get /api/*')).toBe(true);
    expect([...granted].some((g) => g.endsWith('/secrets'))).toBe(false);
    expect(byKind(plain.manifests, 'ClusterRoleBinding')[0]).toMatchObject({
      subjects: [{ kind: 'ServiceAccount', namespace: 'kube-responder' }],
    });
    const withKeys = renderChart({ hmac: { key }, rbac: { clusterWide: true, secretKeyNames: true } });
    const [role] = byKind(withKeys.manifests, 'ClusterRole') as (Manifest & { rules: Rule[] })[];
    expect(grants(role?.rules ?? []).has('get /secrets')).toBe(true);
  });

  it('grants list on Secrets exactly when the policy masks Secret values', () => {
    for (const clusterWide of [false, true]) {
      const masking = renderChart({ hmac: { key }, rbac: { clusterWide, secretKeyNames: false } });
      const [on] = byKind(masking.manifests, clusterWide ? 'ClusterRole' : 'Role') as (Manifest & {
        rules: Rule[];
      })[];
      expect([...grants(on?.rules ?? [])].filter((g) => g.endsWith('/secrets'))).toEqual(['list /secrets']);
      const off = renderChart({
        hmac: { key },
        rbac: { clusterWide, secretKeyNames: false },
        policy: { secretValueMasking: { enabled: false } },
      });
      const [role] = byKind(off.manifests, clusterWide ? 'ClusterRole' : 'Role') as (Manifest & {
        rules: Rule[];
      })[];
      expect([...grants(role?.rules ?? [])].some((g) => g.endsWith('/secrets'))).toBe(false);
    }
  });

  it('renders a Role per namespace when rbac.namespaces is set', () => {
    const { manifests } = renderChart({
      hmac: { key },
      rbac: { clusterWide: false, namespaces: ['shop', 'payments'] },
    });
    expect(byKind(manifests, 'Role').map((r) => r.metadata.namespace)).toEqual(['shop', 'payments']);
    expect(byKind(manifests, 'RoleBinding').map((r) => r.metadata.namespace)).toEqual(['shop', 'payments']);
  });

  it('runs the proxy non-root on a read-only root filesystem with resources, probes and in-cluster config', () => {
    const { manifests } = renderChart({ hmac: { key } });
    const [deployment] = byKind(manifests, 'Deployment') as (Manifest & DeploymentSpec)[];
    const pod = deployment?.spec.template.spec;
    const container = pod?.containers[0];
    expect(pod?.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 65532 });
    expect(container?.securityContext).toMatchObject({
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
    });
    expect(container?.resources.limits).toBeDefined();
    expect(container?.args).toContain('proxy');
    expect(container?.args.join(' ')).not.toContain('--kubeconfig');
    expect(container?.readinessProbe.httpGet.path).toBe('/healthz');
    expect(byKind(manifests, 'NetworkPolicy')).toHaveLength(1);
    expect(byKind(manifests, 'PodDisruptionBudget')).toHaveLength(1);
    expect(byKind(manifests, 'Service')).toHaveLength(1);
    expect(byKind(manifests, 'ServiceAccount')).toHaveLength(1);
  });

  it('stores the HMAC keys as the secret file (one per line), or uses an existing Secret', () => {
    const created = renderChart({ hmac: { key, nextKey: `${key}-next` } });
    const [secret] = byKind(created.manifests, 'Secret') as (Manifest & { data: { keys: string } })[];
    expect(Buffer.from(secret?.data.keys ?? '', 'base64').toString()).toBe(`${key}\n${key}-next\n`);
    const existing = renderChart({ hmac: { existingSecret: 'my-proxy-keys' } });
    expect(byKind(existing.manifests, 'Secret')).toHaveLength(0);
    const [deployment] = byKind(existing.manifests, 'Deployment') as (Manifest & DeploymentSpec)[];
    const volume = deployment?.spec.template.spec.volumes.find((v) => v.name === 'keys');
    expect(volume?.secret?.secretName).toBe('my-proxy-keys');
    expect(() => renderChart({})).toThrow('hmac.key is required');
  });

  it('explains in NOTES.txt how to expose the proxy and how to check its RBAC', () => {
    const { notes } = renderChart({ hmac: { key } });
    expect(notes).toContain('cloudflared tunnel');
    expect(notes).toContain('kind: Ingress');
    expect(notes).toContain(
      'kubectl auth can-i list pods --as=system:serviceaccount:kube-responder:krp-kube-responder-proxy',
    );
  });
});
