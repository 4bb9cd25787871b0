// docs/deployment.md covers every setting lib/config knows, and the examples it has a reader apply are valid and
// agree with it: the Alertmanager token file is where the operator mounts the Secret, the tunnel points at the chart's
// Service.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { EnvSchema } from '../../lib/config/index.ts';
import { renderChart } from '../proxy/helm/render.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const doc = readFileSync(join(ROOT, 'docs/deployment.md'), 'utf8');
function example<T>(name: string): T[] {
  return parseAllDocuments(readFileSync(join(ROOT, 'infra/examples', name), 'utf8')).map((document) => {
    expect(document.errors).toEqual([]);
    return document.toJS() as T;
  });
}

interface Receiver {
  name: string;
  webhook_configs?: { url: string; http_config: { authorization: { credentials_file: string } } }[];
}
interface StackValues {
  alertmanager: { alertmanagerSpec: { secrets: string[] }; config: { receivers: Receiver[] } };
}
interface Manifest {
  metadata: { name: string; namespace?: string };
  data?: Record<string, string>;
}

describe('docs/deployment.md', () => {
  it('names every setting of lib/config in its table', () => {
    const missing = Object.keys(EnvSchema.shape).filter((name) => !doc.includes(`\`${name}\``));
    expect(missing).toEqual([]);
  });

  it('mounts the Alertmanager token where credentials_file reads it', () => {
    const [values] = example<StackValues>('kube-prometheus-stack-values.yaml');
    const secret = values?.alertmanager.alertmanagerSpec.secrets[0];
    const receiver = values?.alertmanager.config.receivers.find((r) => r.name === 'kube-responder');
    const file = receiver?.webhook_configs?.[0]?.http_config.authorization.credentials_file;
    expect(file).toBe(`/etc/alertmanager/secrets/${secret}/token`);
    expect(doc).toContain(`create secret generic ${secret} \\\n  --from-file=token=`);
    expect(receiver?.webhook_configs?.[0]?.url).toMatch(/\/events\/alertmanager$/);
  });

  it('points the tunnel at the Service the chart renders, in the namespace its NetworkPolicy admits', () => {
    const [config, deployment] = example<Manifest>('cloudflared.yaml');
    const service = renderChart({ hmac: { existingSecret: 'kube-responder-proxy-keys' } }).manifests.find(
      (m) => m.kind === 'Service',
    ) as { metadata: { name: string; namespace: string }; spec: { ports: { port: number }[] } };
    expect(config?.data?.['config.yaml']).toContain(
      `service: http://${service.metadata.name}.${service.metadata.namespace}.svc:${service.spec.ports[0]?.port}`,
    );
    expect(deployment?.metadata.namespace).toBe(service.metadata.namespace);
    expect(doc).toContain('--set hmac.existingSecret=kube-responder-proxy-keys');
    expect(doc).toContain('--from-file=keys=');
  });
});
