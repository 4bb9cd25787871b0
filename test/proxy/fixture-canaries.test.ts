// Every Secret value of every shared fixture (the demo and the scenarios) is a canary: read the whole cluster
// through the proxy (every resource type, every pod's current and previous log) and none may appear.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { startProxy } from '../../infra/proxy/index.ts';
import { startFixtureServer, writeKubeconfig } from '../../infra/sim/index.ts';
import { type K8sObject, RestClusterReader, resources } from '../../lib/cluster/index.ts';
import { CURRENT_KEY } from './harness.ts';

const FIXTURES = resolve(import.meta.dirname, '../fixtures');
const files = ['demo', 'scenarios', 'argocd'].flatMap((folder) => {
  const dir = join(FIXTURES, folder);
  return existsSync(dir)
    ? readdirSync(dir)
        .filter((name) => name.endsWith('.yaml'))
        .map((name) => join(dir, name))
    : [];
});

/** Secret values of a fixture, decoded and as served (base64); short values could match by chance. */
function secretValues(path: string): string[] {
  const values: string[] = [];
  for (const document of parseAllDocuments(readFileSync(path, 'utf8'))) {
    const object = document.toJS() as {
      kind?: string;
      data?: Record<string, string>;
      stringData?: Record<string, string>;
    };
    if (object?.kind !== 'Secret') continue;
    for (const encoded of Object.values(object.data ?? {})) {
      values.push(encoded, Buffer.from(encoded, 'base64').toString());
    }
    values.push(...Object.values(object.stringData ?? {}));
  }
  return values.filter((value) => value.length >= 8);
}

const withSecrets = files.filter((path) => secretValues(path).length > 0);

describe('fixture Secret values never leave the proxy', () => {
  it('has fixtures with Secrets to check', () => {
    expect(withSecrets.length).toBeGreaterThan(0);
  });

  for (const path of withSecrets) {
    it(path.slice(FIXTURES.length + 1), async () => {
      const cluster = await startFixtureServer({ fixturePath: path });
      const dir = await mkdtemp(join(tmpdir(), 'kr-canary-'));
      const kubeconfigPath = join(dir, 'kubeconfig');
      try {
        await writeKubeconfig(cluster.url, kubeconfigPath);
        const proxy = await startProxy({ kubeconfigPath, keys: [CURRENT_KEY], audit: () => {} });
        try {
          const reader = new RestClusterReader({
            baseUrl: proxy.url,
            signer: { secret: CURRENT_KEY, actor: 'alert:Canary' },
          });
          const answers: string[] = [];
          for (const resource of Object.values(resources)) {
            const items = await reader.list(resource).catch(() => [] as K8sObject[]);
            answers.push(JSON.stringify(items));
            if (resource === resources.pods) {
              for (const pod of items) {
                for (const container of (pod.spec?.containers ?? []) as { name: string }[]) {
                  for (const previous of [false, true]) {
                    answers.push(
                      await reader.logs(pod.metadata.namespace ?? 'default', pod.metadata.name, {
                        container: container.name,
                        previous,
                      }),
                    );
                  }
                }
              }
            }
          }
          const secrets = (await reader.list(resources.secrets)) as K8sObject[];
          expect(secrets.length).toBeGreaterThan(0);
          for (const secret of secrets)
            expect(Object.values(secret.data ?? {}).every((v) => v === '')).toBe(true);
          const all = answers.join('\n');
          for (const value of secretValues(path))
            expect(all.includes(value), 'a Secret value leaked').toBe(false);
        } finally {
          await proxy.close();
        }
      } finally {
        await cluster.close();
        await rm(dir, { recursive: true, force: true });
      }
    });
  }
});
