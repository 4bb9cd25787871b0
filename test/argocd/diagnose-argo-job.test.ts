// The diagnose-argo job against each fixture (test/fixtures/argocd/) through the proxy: the message a person sees
// names the resource and the field (printed per class for the lead to quote), the same failure twice is one
// message, a bare body (only app and namespace) explains the same from the Application itself.
import { afterAll, describe, expect, it } from 'vitest';
import { reportMessage, toSlack } from '../../lib/chat/index.ts';
import { RestClusterReader } from '../../lib/cluster/index.ts';
import { ArgoNotification } from '../../lib/events/argocd/payload.ts';
import { runDiagnoseArgoJob } from '../../lib/jobs/index.ts';
import { type ArgoCluster, argoDeps, argoJob, notificationOf, startArgoCluster } from './harness.ts';

const clusters: ArgoCluster[] = [];
afterAll(async () => {
  await Promise.all(clusters.map((cluster) => cluster.close()));
});
async function cluster(name: string) {
  const started = await startArgoCluster(name);
  clusters.push(started);
  return started;
}

/** What the Slack message says, as text: the header, the summary, the root cause, evidence and next steps. */
const slackText = (report: Parameters<typeof reportMessage>[0]) =>
  toSlack(reportMessage(report))
    .blocks.flatMap((block) => [
      block.text?.text,
      ...(block.fields ?? []).map((f: { text: string }) => f.text),
    ])
    .filter(Boolean)
    .join('\n');

async function runFixture(name: string) {
  const { readerFor } = await cluster(name);
  const { deps, delivered } = argoDeps(readerFor);
  const outcome = await runDiagnoseArgoJob(argoJob(notificationOf(name)), deps, { finalAttempt: false });
  expect(outcome).toMatchObject({ status: 'done', delivered: ['slack:C0KRONCALL'] });
  expect(delivered).toHaveLength(1);
  const report = delivered[0]!.report;
  const text = slackText(report);
  console.log(`--- argo ${name}: the message a person sees ---\n${text}\n`);
  return { report, text, deps, delivered };
}

describe('diagnose-argo: each class names the resource and the field', () => {
  it('invalid manifest', async () => {
    const { report, text } = await runFixture('invalid-manifest');
    expect(text).toContain('🔴 Argo CD sync failed — Application argocd/payments');
    expect(report.summary).toContain(
      'Argo CD Application payments failed to sync revision 9c2e4b1: Deployment payments: spec.template.spec.containers[0].image: Required value.',
    );
    expect(report.summary).toContain('Fix: set spec.template.spec.containers[0].image in the manifest.');
    expect(report.findings[0]).toMatchObject({
      code: 'ArgoSyncFailed',
      rootCause: {
        code: 'MissingConfig',
        object: { kind: 'Deployment', namespace: 'pay', name: 'payments' },
      },
    });
    expect(report.links).toEqual([
      { label: 'Open in Argo CD', url: 'https://argocd.example.com/applications/argocd/payments' },
    ]);
  });

  it('namespace missing: CreateNamespace=true would help', async () => {
    const { report } = await runFixture('namespace-missing');
    expect(report.summary).toContain('ConfigMap reports-config: namespace reports does not exist');
    expect(report.summary).toContain('add CreateNamespace=true to the Application');
  });

  it('admission webhook unreachable: its Service has no endpoints', async () => {
    const { report, text } = await runFixture('admission-webhook');
    expect(report.summary).toContain(
      'Ingress storefront: admission webhook validate.nginx.ingress.kubernetes.io could not be called',
    );
    expect(report.findings[0]!.rootCause).toMatchObject({
      code: 'ServiceNoEndpoints',
      object: { kind: 'Service', namespace: 'ingress-nginx', name: 'ingress-nginx-controller-admission' },
    });
    expect(text).toContain(
      'webhook validate.nginx.ingress.kubernetes.io: Service ingress-nginx/ingress-nginx-controller-admission has 0 ready endpoints',
    );
  });

  it('immutable field: Replace=true as advice', async () => {
    const { report } = await runFixture('immutable-field');
    expect(report.summary).toContain("StatefulSet search: spec: only 'replicas'");
    expect(report.summary).toContain('Replace=true');
    expect(report.proposals).toEqual([]);
  });

  it("hook failed: the hook Job's pod log", async () => {
    const { report } = await runFixture('hook-failed');
    expect(report.summary).toContain(
      'PreSync hook Job billing-migrate failed: Job has reached the specified backoff limit',
    );
    expect(report.findings.map((f) => f.code)).toContain('JobFailed');
    expect(JSON.stringify(report.findings)).toContain('relation \\"invoice_lines\\" does not exist');
  });

  it('repo / render failure: the source to check', async () => {
    const { report } = await runFixture('source');
    expect(report.summary).toContain(
      'Application ledger could not render https://github.com/acme/deploy.git path apps/ledger at main',
    );
    expect(report.summary).toContain(
      'Fix: check that path apps/ledger exists in https://github.com/acme/deploy.git at main.',
    );
  });

  it('degraded: the workload root cause names the Secret and the key', async () => {
    const { report, text } = await runFixture('degraded');
    expect(report.findings[0]).toMatchObject({
      code: 'ArgoDegraded',
      rootCause: { code: 'MissingConfig', object: { kind: 'Secret', namespace: 'pay', name: 'stripe' } },
    });
    expect(report.findings.map((f) => f.code)).toContain('ContainerConfigError');
    expect(text).toMatch(/api-key/);
    expect(text).toMatch(/stripe/);
  });

  it('out of sync: the drifted resources', async () => {
    const { report } = await runFixture('out-of-sync');
    expect(report.findings[0]).toMatchObject({ code: 'ArgoSyncFailed', severity: 'warning' });
    expect(report.summary).toContain('1 resource drifted from git: ConfigMap catalog-config');
  });
});

describe('diagnose-argo: once, and from the Application itself', () => {
  it('the same failure twice → one message', async () => {
    const { readerFor } = await cluster('invalid-manifest');
    const { deps, delivered } = argoDeps(readerFor);
    const job = argoJob(notificationOf('invalid-manifest'));
    await runDiagnoseArgoJob(job, deps);
    expect(await runDiagnoseArgoJob(job, deps)).toEqual({ status: 'duplicate' });
    expect(delivered).toHaveLength(1);
  });

  it('only app and namespace → the same explanation, read through the proxy', async () => {
    const { readerFor } = await cluster('invalid-manifest');
    const full = argoDeps(readerFor);
    await runDiagnoseArgoJob(argoJob(notificationOf('invalid-manifest')), full.deps);
    const bare = argoDeps(readerFor);
    const job = {
      ...argoJob(ArgoNotification.parse({ app: 'payments', namespace: 'argocd' })),
      id: 'argo-bare-payments',
    };
    await runDiagnoseArgoJob(job, bare.deps);
    expect(bare.delivered[0]!.report.summary).toBe(full.delivered[0]!.report.summary);
    expect(bare.delivered[0]!.report.findings).toEqual(full.delivered[0]!.report.findings);
  });

  it('only app and namespace, Application not found → says so, never silent', async () => {
    const { readerFor } = await cluster('invalid-manifest');
    const { deps, delivered } = argoDeps(readerFor);
    const outcome = await runDiagnoseArgoJob(
      argoJob(ArgoNotification.parse({ app: 'ghost', namespace: 'argocd' })),
      deps,
      {
        finalAttempt: false,
      },
    );
    expect(outcome).toMatchObject({ status: 'done', diagnosed: false });
    expect(delivered[0]!.report.summary).toBe(
      'No diagnosis: Application argocd/ghost was not found on cluster prod-eu. Argo CD reported notification for Application argocd/ghost.',
    );
  });
});

describe('diagnose-argo: a cluster that cannot be read', () => {
  // Nothing listens on port 9: every read fails the way a proxy that is down does.
  const down = () => new RestClusterReader({ baseUrl: 'http://127.0.0.1:9', timeoutMs: 2000 });

  it('retries while it may (throws, sends nothing)', async () => {
    const { deps, delivered } = argoDeps(down);
    await expect(
      runDiagnoseArgoJob(argoJob(notificationOf('invalid-manifest')), deps, { finalAttempt: false }),
    ).rejects.toThrow();
    expect(delivered).toHaveLength(0);
  });

  it('on the last attempt explains from the notification alone, and says so', async () => {
    const { deps, delivered } = argoDeps(down);
    const outcome = await runDiagnoseArgoJob(argoJob(notificationOf('invalid-manifest')), deps, {
      finalAttempt: true,
    });
    expect(outcome).toMatchObject({ status: 'done', diagnosed: false });
    const { summary } = delivered[0]!.report;
    expect(summary).toContain('Deployment payments: spec.template.spec.containers[0].image: Required value');
    expect(summary).toMatch(
      /\(Application argocd\/payments could not be read on cluster prod-eu \(.+\); this is from the notification alone\.\)$/,
    );
  });
});
