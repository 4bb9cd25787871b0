// Argo CD as tests meet it: real-shaped Applications, and the body the documented template
// (infra/examples/argocd-notifications-cm.yaml) renders for them, as Argo CD's Go text/template would.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { renderGoTemplate } from './go-template.ts';

export const ARGOCD_EXAMPLES = resolve(import.meta.dirname, '../../infra/examples');

/** The `data` of argocd-notifications-cm.yaml, and the kube-responder template's webhook body. */
export async function argocdNotificationsConfig() {
  const [configMap] = parseAllDocuments(
    await readFile(resolve(ARGOCD_EXAMPLES, 'argocd-notifications-cm.yaml'), 'utf8'),
  );
  const data: Record<string, string> = configMap?.toJSON().data;
  const webhook = parse(data['template.kube-responder'] as string).webhook['kube-responder'];
  return { data, webhook: webhook as { method: string; body: string } };
}

export const ARGOCD_CONTEXT = { argocdUrl: 'https://argocd.example.com', notificationType: 'webhook' };

/** The body Argo CD posts for `app` (the Application as a map, as Argo CD passes it). */
export const renderArgoBody = (
  body: string,
  app: unknown,
  context: Record<string, string> = ARGOCD_CONTEXT,
) => renderGoTemplate(body, { app, context, serviceType: 'webhook' });

export const failedMessage =
  'one or more objects failed to apply, reason: Deployment.apps "payments" is invalid: ' +
  'spec.template.spec.containers[0].image: Required value\nerror validating data: ValidationError(Deployment.spec): ' +
  'unknown field "replica" in io.k8s.api.apps.v1.DeploymentSpec <and> & (retried 5 times).';

export const singleSource = {
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Application',
  metadata: { name: 'payments', namespace: 'argocd', uid: '5e0c8a52-4c1e-4f59-9d5b-0b7d6b1f2a11' },
  spec: {
    project: 'shop',
    destination: { server: 'https://kubernetes.default.svc', namespace: 'shop' },
    source: { repoURL: 'https://github.com/acme/deploy.git', path: 'apps/payments', targetRevision: 'main' },
    syncPolicy: { automated: { prune: true }, retry: { limit: 5 } },
  },
  status: {
    sync: { status: 'OutOfSync', revision: '9f2c1d4e8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e' },
    health: { status: 'Healthy' },
    conditions: [
      { type: 'SyncError', message: 'Failed sync attempt to 9f2c1d4: one or more objects failed to apply' },
    ],
    operationState: {
      phase: 'Failed',
      message: failedMessage,
      retryCount: 5,
      startedAt: '2026-12-01T08:00:00Z',
      finishedAt: '2026-12-01T08:01:10Z',
      syncResult: {
        revision: '9f2c1d4e8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e',
        source: {
          repoURL: 'https://github.com/acme/deploy.git',
          path: 'apps/payments',
          targetRevision: 'main',
        },
        resources: [
          {
            group: 'apps',
            version: 'v1',
            kind: 'Deployment',
            namespace: 'shop',
            name: 'payments',
            status: 'SyncFailed',
            message:
              'Deployment.apps "payments" is invalid: spec.template.spec.containers[0].image: Required value',
            hookPhase: 'Failed',
            syncPhase: 'Sync',
            images: [],
          },
          {
            group: '',
            version: 'v1',
            kind: 'Service',
            namespace: 'shop',
            name: 'payments',
            status: 'Synced',
          },
        ],
      },
    },
  },
};

export const multiSource = {
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Application',
  metadata: { name: 'observability', namespace: 'argocd' },
  spec: {
    project: 'platform',
    destination: { name: 'prod', namespace: 'monitoring' },
    sources: [
      { repoURL: 'https://prometheus-community.github.io/helm-charts', chart: 'kube-prometheus-stack' },
      { repoURL: 'https://github.com/acme/values.git', ref: 'values' },
    ],
  },
  status: {
    sync: { status: 'Synced', revisions: ['67.4.0', '1a2b3c4d'] },
    health: { status: 'Degraded' },
    operationState: {
      phase: 'Succeeded',
      message: 'successfully synced (all tasks run)',
      syncResult: { revisions: ['67.4.0', '1a2b3c4d'], resources: [] },
    },
    resources: [{ kind: 'Deployment', name: 'grafana', health: { status: 'Degraded' } }],
  },
};

/** An Application Argo CD could not render yet: no operation ever ran, so no operationState. */
export const neverSynced = {
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Application',
  metadata: { name: 'search', namespace: 'apps' },
  spec: {
    project: 'default',
    destination: { server: 'https://prod.k8s.example.com:6443', namespace: 'search' },
    source: { repoURL: 'oci://registry.example.com/charts', path: 'search', targetRevision: '1.2.3' },
  },
  status: {
    sync: { status: 'Unknown' },
    health: { status: 'Healthy' },
    conditions: [
      {
        type: 'ComparisonError',
        message:
          "Failed to load target state: failed to generate manifest for source 1 of 1: rpc error: code = Unknown desc = application repo oci://registry.example.com/charts is not permitted in project 'default'",
        lastTransitionTime: '2026-12-01T08:00:00Z',
      },
    ],
  },
};
