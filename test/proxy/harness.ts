// Test harness for the proxy: a fixture cluster server as the upstream (through a kubeconfig, so the real
// @kubernetes/client-node applies its auth), the proxy in front of it, and a signing client.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AuditLine, type Policy, startProxy } from '../../infra/proxy/index.ts';
import { startFixtureServer, writeKubeconfig } from '../../infra/sim/index.ts';
import { ACTOR_HEADER, SIGNATURE_HEADER, signRequest, TIMESTAMP_HEADER } from '../../lib/security/index.ts';

export const CURRENT_KEY = 'current-key-0123456789abcdef0123456789';
export const NEXT_KEY = 'next-key-fedcba9876543210fedcba98765';

// Canary values: each must never appear in anything the proxy answers.
export const CANARIES = {
  secretValue: 'CANARY-SECRET-PW-7f3a',
  secretToken: 'CANARY-SECRET-TOKEN-1b2c',
  lastApplied: 'CANARY-LASTAPPLIED-91b2',
  envPassword: 'CANARY-ENV-PW-4c1d',
  envToken: 'CANARY-ENV-TOKEN-88e0',
  envUrlPassword: 'CANARY-URL-PW-2d9c',
  envJwt: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJDQU5BUllKV1QifQ.Q0FOQVJZLXNpZ25hdHVyZQ',
  argPassword: 'CANARY-ARG-PW-0a0a',
  logPassword: 'CANARY-LOG-PW-5e6f',
  logBearer: 'CANARYLOGBEARER0123456789',
  logAwsKey: 'AKIACANARY0123456789',
  eventToken: 'CANARY-EVENT-TOKEN-3a3a',
  configMapPassword: 'CANARY-CM-PW-6b6b',
  configMapPlain: 'CANARY-CM-PLAIN-7c7c',
} as const;

const b64 = (text: string) => Buffer.from(text).toString('base64');

/** The fixture: a crash-looping payment service whose Secret, env, args, logs, events and config hold canaries. */
export function canaryFixture(extraLogLines = 0): string {
  const filler = Array.from(
    { length: extraLogLines },
    (_, i) => `      2026-11-23T09:${String(i % 60).padStart(2, '0')}:00Z filler line ${i} ${'x'.repeat(40)}`,
  );
  return `apiVersion: fixture.kube-responder.dev/v1
kind: Fixture
now: "2026-11-23T10:00:00Z"
description: proxy redaction and write tests
---
apiVersion: v1
kind: Namespace
metadata: { name: shop }
---
apiVersion: v1
kind: Namespace
metadata: { name: kube-system }
---
apiVersion: v1
kind: Secret
metadata:
  name: db-credentials
  namespace: shop
  annotations:
    kubectl.kubernetes.io/last-applied-configuration: '{"apiVersion":"v1","kind":"Secret","stringData":{"password":"${CANARIES.lastApplied}"}}'
type: Opaque
data:
  password: ${b64(CANARIES.secretValue)}
  token: ${b64(CANARIES.secretToken)}
---
apiVersion: v1
kind: ConfigMap
metadata: { name: payment-config, namespace: shop }
data:
  DATABASE_URL: postgres://app:${CANARIES.configMapPassword}@mysql:5432/shop
  LOG_LEVEL: info
  SMTP_PASSWORD: ${CANARIES.configMapPlain}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: payment
  namespace: shop
  uid: 0b6c8f1e-0000-4000-8000-00000000d001
  annotations:
    kubectl.kubernetes.io/last-applied-configuration: '{"spec":{"template":{"spec":{"containers":[{"env":[{"name":"DB_PASSWORD","value":"${CANARIES.lastApplied}"}]}]}}}}'
spec:
  replicas: 2
  selector: { matchLabels: { app: payment } }
  template:
    metadata: { labels: { app: payment } }
    spec:
      containers:
        - name: payment
          image: shop/payment:1.4.2
          args: ["--db-password=${CANARIES.argPassword}", "--port=8080"]
          env:
            - { name: DB_PASSWORD, value: ${CANARIES.envPassword} }
            - { name: API_TOKEN, value: ${CANARIES.envToken} }
            - { name: DATABASE_URL, value: "postgres://app:${CANARIES.envUrlPassword}@mysql:5432/shop" }
            - { name: UPSTREAM_HEADER, value: ${CANARIES.envJwt} }
            - { name: LOG_LEVEL, value: info }
            - name: FROM_SECRET
              valueFrom: { secretKeyRef: { name: db-credentials, key: password } }
status:
  replicas: 2
  readyReplicas: 0
  unavailableReplicas: 2
---
apiVersion: v1
kind: Pod
metadata:
  name: payment-7d9f-abcde
  namespace: shop
  labels: { app: payment }
  ownerReferences: [{ apiVersion: apps/v1, kind: ReplicaSet, name: payment-7d9f, controller: true }]
spec:
  containers:
    - name: payment
      image: shop/payment:1.4.2
      args: ["--db-password=${CANARIES.argPassword}", "--port=8080"]
      env:
        - { name: DB_PASSWORD, value: ${CANARIES.envPassword} }
        - { name: API_TOKEN, value: ${CANARIES.envToken} }
        - { name: DATABASE_URL, value: "postgres://app:${CANARIES.envUrlPassword}@mysql:5432/shop" }
        - { name: UPSTREAM_HEADER, value: ${CANARIES.envJwt} }
        - { name: LOG_LEVEL, value: info }
status:
  phase: Running
  containerStatuses:
    - name: payment
      ready: false
      restartCount: 12
      state: { waiting: { reason: CrashLoopBackOff } }
---
apiVersion: v1
kind: Pod
metadata: { name: coredns-1, namespace: kube-system }
spec:
  containers: [{ name: coredns, image: coredns:1.11 }]
status: { phase: Running }
---
apiVersion: fixture.kube-responder.dev/v1
kind: PodLog
metadata: { name: payment-7d9f-abcde, namespace: shop }
container: payment
text: |
      2026-11-23T09:59:00Z starting payment with password=${CANARIES.logPassword}
${filler.join('\n')}
      2026-11-23T09:59:58Z calling bank API with Authorization: Bearer ${CANARIES.logBearer}
      2026-11-23T09:59:59Z aws key ${CANARIES.logAwsKey} rejected
      2026-11-23T09:59:59Z dial tcp 10.0.0.7:3306: connect: connection refused
---
apiVersion: v1
kind: Event
metadata: { name: payment-7d9f-abcde.1, namespace: shop }
involvedObject: { kind: Pod, name: payment-7d9f-abcde, namespace: shop }
reason: BackOff
type: Warning
message: 'Back-off restarting failed container; last output token: ${CANARIES.eventToken}'
count: 40
lastTimestamp: "2026-11-23T09:59:30Z"
`;
}

export interface Harness {
  proxyUrl: string;
  clusterUrl: string;
  audit: AuditLine[];
  /** A signed request through the proxy. */
  send(method: string, pathAndQuery: string, init?: SendOptions): Promise<Response>;
  /** Straight to the fixture cluster (what really happened upstream). */
  upstream(pathAndQuery: string): Promise<Response>;
  close(): Promise<void>;
}

export interface SendOptions {
  body?: string;
  contentType?: string;
  accept?: string;
  key?: string;
  actor?: string;
  /** Unix seconds to sign with (default now). */
  timestamp?: number;
  headers?: Record<string, string>;
}

export async function signedHeaders(
  method: string,
  pathAndQuery: string,
  options: SendOptions = {},
): Promise<Record<string, string>> {
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const actor = options.actor ?? 'slack:UTESTER';
  const signature = await signRequest(options.key ?? CURRENT_KEY, {
    method,
    pathAndQuery,
    timestamp,
    actor,
    body: options.body ?? '',
  });
  return { [TIMESTAMP_HEADER]: timestamp, [ACTOR_HEADER]: actor, [SIGNATURE_HEADER]: signature };
}

export async function startHarness(
  options: {
    policy?: Policy;
    policyPath?: string;
    extraLogLines?: number;
    /** More YAML documents for the fixture (each starting with `---`). */
    extraDocuments?: string;
  } = {},
): Promise<Harness> {
  const dir = await mkdtemp(join(tmpdir(), 'kr-proxy-test-'));
  const fixturePath = join(dir, 'fixture.yaml');
  await writeFile(fixturePath, canaryFixture(options.extraLogLines ?? 0) + (options.extraDocuments ?? ''));
  const cluster = await startFixtureServer({ fixturePath });
  const kubeconfigPath = join(dir, 'kubeconfig');
  await writeKubeconfig(cluster.url, kubeconfigPath);
  const audit: AuditLine[] = [];
  const proxy = await startProxy({
    kubeconfigPath,
    keys: [CURRENT_KEY, NEXT_KEY],
    ...(options.policy ? { policy: options.policy } : {}),
    ...(options.policyPath ? { policyPath: options.policyPath } : {}),
    audit: (line) => audit.push(line),
  });
  return {
    proxyUrl: proxy.url,
    clusterUrl: cluster.url,
    audit,
    async send(method, pathAndQuery, init = {}) {
      const headers = {
        ...(await signedHeaders(method, pathAndQuery, init)),
        ...(init.contentType ? { 'content-type': init.contentType } : {}),
        ...(init.accept ? { accept: init.accept } : {}),
        ...init.headers,
      };
      return fetch(`${proxy.url}${pathAndQuery}`, {
        method,
        headers,
        ...(init.body !== undefined ? { body: init.body } : {}),
      });
    },
    upstream: (pathAndQuery) => fetch(`${cluster.url}${pathAndQuery}`),
    async close() {
      await proxy.close();
      await cluster.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
