// Each failure class of issue 11 from the texts Argo CD and Kubernetes really send: the cause names the resource,
// the field and the fix. Message shapes are quoted from real reports (cited per case).
import { describe, expect, it } from 'vitest';
import { type ApplicationState, classify, classifyText } from '../../lib/argocd/index.ts';

const state = (over: Partial<ApplicationState> = {}): ApplicationState => ({
  app: 'payments',
  namespace: 'argocd',
  phase: 'Failed',
  source: { repoURL: 'https://github.com/acme/deploy.git', path: 'apps/payments', targetRevision: 'main' },
  destinationNamespace: 'pay',
  syncOptions: [],
  synced: [],
  conditions: [],
  tracked: [],
  ...over,
});

const failedResource = (kind: string, name: string, message: string) => ({
  kind,
  name,
  namespace: 'pay',
  status: 'SyncFailed',
  message,
});

describe('invalid manifest', () => {
  it('Required value: names the resource and the field', () => {
    const [cause] = classify(
      state({
        message: 'one or more objects failed to apply, reason: Deployment.apps "payments" is invalid',
        synced: [
          failedResource(
            'Deployment',
            'payments',
            'Deployment.apps "payments" is invalid: spec.template.spec.containers[0].image: Required value',
          ),
        ],
      }),
    );
    expect(cause).toMatchObject({
      class: 'invalid-manifest',
      resource: { kind: 'Deployment', namespace: 'pay', name: 'payments' },
      field: 'spec.template.spec.containers[0].image',
    });
    expect(cause!.detail).toBe('Deployment payments: spec.template.spec.containers[0].image: Required value');
    expect(cause!.fix).toBe('set spec.template.spec.containers[0].image in the manifest');
  });

  it('Invalid value: the offending value', () => {
    const cause = classifyText(
      `Deployment.apps "checkout" is invalid: spec.template.spec.containers[0].resources.limits.memory: Invalid value: "512MB": must match the regex ^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$`,
      state(),
    );
    expect(cause).toMatchObject({
      field: 'spec.template.spec.containers[0].resources.limits.memory',
      value: '"512MB"',
    });
    expect(cause!.detail).toBe(
      'Deployment checkout: spec.template.spec.containers[0].resources.limits.memory: Invalid value: "512MB"',
    );
  });

  it('unknown field (client-side ValidationError, argoproj/argo-cd#4486)', () => {
    const cause = classifyText(
      'error validating data: ValidationError(CronJob.spec.jobTemplate.spec.template.spec.volumes[6].projected.sources[0]): unknown field "name" in io.k8s.api.core.v1.VolumeProjection; if you choose to ignore these errors, turn validation off with --validate=false',
      state(),
      { kind: 'CronJob', namespace: 'pay', name: 'report' },
    );
    expect(cause!.detail).toBe(
      'CronJob report: spec.jobTemplate.spec.template.spec.volumes[6].projected.sources[0].name: unknown field',
    );
  });

  it('expected integer, got string', () => {
    const cause = classifyText(
      'error validating data: ValidationError(Deployment.spec.replicas): invalid type for io.k8s.api.apps.v1.DeploymentSpec.replicas: got "string", expected "integer"',
      state(),
      { kind: 'Deployment', namespace: 'pay', name: 'payments' },
    );
    expect(cause!.detail).toBe('Deployment payments: spec.replicas: expected integer, got string');
    expect(cause!.fix).toBe('write spec.replicas as a plain integer (no quotes)');
  });

  it('expected numeric, got string (the API server decoding a quoted number)', () => {
    // The json-iterator decoder's message, as `kubectl apply` and Argo CD show it for `replicas: "3"`.
    const cause = classifyText(
      'Deployment in version "v1" cannot be handled as a Deployment: v1.Deployment.Spec: v1.DeploymentSpec.Replicas: readUint32: unexpected character: \ufffd, error found in #10 byte of ...|eplicas":"3","select|..., bigger context ...',
      state(),
      { kind: 'Deployment', namespace: 'pay', name: 'payments' },
    );
    expect(cause!.detail).toBe('Deployment payments: spec.replicas: expected numeric, got string');
    expect(cause!.fix).toBe('write spec.replicas as a plain number (no quotes)');
  });

  it('never quotes the value of a Secret', () => {
    const cause = classifyText(
      'Secret "db" is invalid: data[password]: Invalid value: "hunter2-hunter2": a valid config key must consist of alphanumeric characters',
      state(),
    );
    expect(cause!.resource?.kind).toBe('Secret');
    expect(cause!.detail).not.toContain('hunter2');
  });
});

describe('namespace missing or not managed', () => {
  it('the destination namespace: CreateNamespace=true helps', () => {
    const [cause] = classify(
      state({
        synced: [failedResource('Deployment', 'payments', 'namespaces "pay" not found')],
      }),
    );
    expect(cause).toMatchObject({
      class: 'namespace',
      missingNamespace: { name: 'pay', createNamespaceHelps: true },
    });
    expect(cause!.fix).toContain('CreateNamespace=true');
  });

  it('another namespace: CreateNamespace=true would not create it', () => {
    const cause = classifyText('namespaces "monitoring" not found', state());
    expect(cause!.missingNamespace).toEqual({ name: 'monitoring', createNamespaceHelps: false });
    expect(cause!.fix).toContain('creates only the destination namespace pay');
  });

  it('not managed (argoproj/argo-cd#16773): the cluster namespaces list, not CreateNamespace', () => {
    const cause = classifyText(
      'ComparisonError: Failed to load live state: Namespace "test" for Service "archery" is not managed',
      state(),
    );
    expect(cause).toMatchObject({ class: 'namespace', resource: { kind: 'Service', name: 'archery' } });
    expect(cause!.detail).toBe('Service archery: namespace test is not managed by Argo CD on this cluster');
    expect(cause!.fix).toContain('CreateNamespace=true does not help');
  });
});

describe('admission webhook', () => {
  it('denied: the webhook and what it said (OpenUnison/openunison-k8s#144)', () => {
    const cause = classifyText(
      'one or more synchronization tasks completed unsuccessfully, reason: admission webhook "validation.gatekeeper.sh" denied the request: [require-team-label] you must provide labels: {"team"} (retried 5 times).',
      state(),
      { kind: 'Deployment', namespace: 'pay', name: 'payments' },
    );
    expect(cause).toMatchObject({
      class: 'admission-webhook',
      webhook: { name: 'validation.gatekeeper.sh', unreachable: false },
    });
    expect(cause!.detail).toBe(
      'Deployment payments: admission webhook validation.gatekeeper.sh denied the request: [require-team-label] you must provide labels: {"team"}',
    );
  });

  it('unreachable: the Service behind it (ForgeRock/forgeops#675)', () => {
    const cause = classifyText(
      'Internal error occurred: failed calling webhook "validate.nginx.ingress.kubernetes.io": failed to call webhook: Post "https://ingress-nginx-controller-admission.ingress-nginx.svc:443/networking/v1/ingresses?timeout=10s": no endpoints available for service "ingress-nginx-controller-admission"',
      state(),
      { kind: 'Ingress', namespace: 'pay', name: 'payments' },
    );
    expect(cause!.webhook).toEqual({
      name: 'validate.nginx.ingress.kubernetes.io',
      unreachable: true,
      service: { namespace: 'ingress-nginx', name: 'ingress-nginx-controller-admission' },
    });
  });
});

describe('immutable field', () => {
  it('a Job template: Replace=true as advice', () => {
    const cause = classifyText(
      'Job.batch "migrate" is invalid: spec.template: Invalid value: core.PodTemplateSpec{ObjectMeta:v1.ObjectMeta{Name:""}}: field is immutable',
      state(),
    );
    expect(cause).toMatchObject({
      class: 'immutable-field',
      field: 'spec.template',
      resource: { kind: 'Job', name: 'migrate' },
    });
    expect(cause!.detail).toBe('Job migrate: spec.template: field is immutable');
    expect(cause!.fix).toContain('Replace=true');
    expect(cause!.fix).toContain('nothing was done');
  });

  it('a StatefulSet spec', () => {
    const cause = classifyText(
      "StatefulSet.apps \"db\" is invalid: spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
      state(),
    );
    expect(cause).toMatchObject({ class: 'immutable-field', resource: { kind: 'StatefulSet', name: 'db' } });
  });
});

describe('hook failed', () => {
  it('the hook Job at its backoff limit', () => {
    const [cause] = classify(
      state({
        message: 'one or more synchronization tasks completed unsuccessfully',
        synced: [
          {
            kind: 'Job',
            name: 'db-migrate',
            namespace: 'pay',
            status: 'Synced',
            hookType: 'PreSync',
            hookPhase: 'Failed',
            message: 'Job has reached the specified backoff limit',
          },
        ],
      }),
    );
    expect(cause).toMatchObject({
      class: 'hook-failed',
      resource: { kind: 'Job', namespace: 'pay', name: 'db-migrate' },
    });
    expect(cause!.detail).toBe(
      'PreSync hook Job db-migrate failed: Job has reached the specified backoff limit',
    );
  });
});

describe('repo / render failures', () => {
  it('app path does not exist: the source to check', () => {
    const [cause] = classify(
      state({
        message:
          'ComparisonError: Failed to load target state: failed to generate manifest for source 1 of 1: rpc error: code = Unknown desc = apps/payments: app path does not exist',
      }),
    );
    expect(cause!.class).toBe('source');
    expect(cause!.fix).toBe(
      'check that path apps/payments exists in https://github.com/acme/deploy.git at main',
    );
  });

  it('not permitted in project', () => {
    const cause = classifyText(
      'resource :Namespace is not permitted in project default',
      state({ project: 'default' }),
    );
    expect(cause!.fix).toContain('AppProject default');
  });
});

describe('degraded and out of sync', () => {
  it('degraded: each unhealthy resource', () => {
    const causes = classify(
      state({
        phase: 'Succeeded',
        healthStatus: 'Degraded',
        tracked: [
          { kind: 'Service', name: 'payments', namespace: 'pay', health: { status: 'Healthy' } },
          {
            kind: 'Deployment',
            name: 'payments',
            namespace: 'pay',
            health: { status: 'Degraded', message: 'Deployment "payments" exceeded its progress deadline' },
          },
        ],
      }),
    );
    expect(causes.map((c) => c.detail)).toEqual([
      'Deployment payments is Degraded: Deployment "payments" exceeded its progress deadline',
    ]);
  });

  it('out of sync: the drifted resources', () => {
    const [cause] = classify(
      state({
        phase: 'Succeeded',
        syncStatus: 'OutOfSync',
        healthStatus: 'Healthy',
        tracked: [
          { kind: 'ConfigMap', name: 'payments-config', status: 'OutOfSync' },
          { kind: 'Deployment', name: 'payments', status: 'Synced' },
        ],
      }),
    );
    expect(cause).toMatchObject({
      class: 'out-of-sync',
      detail: '1 resource drifted from git: ConfigMap payments-config',
    });
  });
});
