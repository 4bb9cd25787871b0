// The cluster a diagnose-argo job reads in tests: an Argo CD fixture served by the fixture cluster server, behind
// the real proxy (its default policy and redaction), read with a signed RestClusterReader as the job's actor.
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startProxy } from '../../infra/proxy/index.ts';
import { startFixtureServer, writeKubeconfig } from '../../infra/sim/index.ts';
import type { ChatMessage, MessageRef } from '../../lib/chat/index.ts';
import { RestClusterReader } from '../../lib/cluster/index.ts';
import { ArgoNotification } from '../../lib/events/argocd/payload.ts';
import type { DiagnoseArgoJob, JobDeps, ReplyTarget } from '../../lib/jobs/index.ts';
import type { Report } from '../../lib/report/index.ts';
import { MemoryKv, stores } from '../../lib/store/index.ts';
import { CURRENT_KEY } from '../proxy/harness.ts';

export const ARGOCD_FIXTURES = resolve(import.meta.dirname, '../fixtures/argocd');

export interface ArgoCluster {
  readerFor: JobDeps['readerFor'];
  close(): Promise<void>;
}

/** Serves `test/fixtures/argocd/<name>.yaml` through the proxy. */
export async function startArgoCluster(name: string): Promise<ArgoCluster> {
  const cluster = await startFixtureServer({ fixturePath: join(ARGOCD_FIXTURES, `${name}.yaml`) });
  const dir = await mkdtemp(join(tmpdir(), 'kr-argo-'));
  const kubeconfigPath = join(dir, 'kubeconfig');
  await writeKubeconfig(cluster.url, kubeconfigPath);
  const proxy = await startProxy({ kubeconfigPath, keys: [CURRENT_KEY], audit: () => {} });
  return {
    readerFor: (_cluster, actor) =>
      new RestClusterReader({ baseUrl: proxy.url, signer: { secret: CURRENT_KEY, actor } }),
    async close() {
      await proxy.close();
      await cluster.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** The notification Argo CD sends for a fixture, as the documented template renders it. */
export function notificationOf(name: string): ArgoNotification {
  return ArgoNotification.parse(
    JSON.parse(readFileSync(join(ARGOCD_FIXTURES, `${name}.notification.json`), 'utf8')),
  );
}

export function argoJob(
  notification: ArgoNotification,
  replyTo: ReplyTarget[] = [{ channel: 'slack', to: 'C0KRONCALL' }],
): DiagnoseArgoJob {
  const failureKey = `${notification.app}:${notification.revision ?? ''}:${notification.phase ?? ''}`;
  return {
    v: 1,
    kind: 'diagnose-argo',
    source: 'argocd',
    id: `argo-${failureKey.replaceAll(/[^A-Za-z0-9._:-]/g, '-')}`.slice(0, 200),
    createdAt: '2026-11-23T10:00:00Z',
    cluster: 'prod-eu',
    replyTo,
    notification,
    failureKey,
  };
}

/** Job deps over one MemoryKv: what was delivered (reports), said (text) and where, and the stores. */
export function argoDeps(readerFor: JobDeps['readerFor'], kv = new MemoryKv()) {
  const delivered: { target: ReplyTarget; report: Report }[] = [];
  const said: { target: ReplyTarget; message: ChatMessage }[] = [];
  let ts = 1_700_000_000;
  const deps: JobDeps = {
    ...stores(kv),
    readerFor,
    async deliver(target, report): Promise<MessageRef> {
      delivered.push({ target, report });
      return { ...target, id: `${ts++}.000100` };
    },
    async say(target, message) {
      said.push({ target, message });
      return { ...target, id: `${ts++}.000200` };
    },
  };
  return { deps, delivered, said, kv };
}
