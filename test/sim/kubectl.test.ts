// Fidelity check with the real kubectl binary: what a person typing kubectl against the fixture sees.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FixtureServer, startFixtureServer, writeKubeconfig } from '../../infra/sim/index.ts';
import { CANARY_PASSWORD, DEMO_FIXTURE, PAYMENT_PODS } from './helpers.ts';

const KUBECTL = existsSync('/usr/bin/kubectl') ? '/usr/bin/kubectl' : 'kubectl';
let server: FixtureServer;
let dir: string;

async function kubectl(...args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  const base = [
    '--kubeconfig',
    join(dir, 'kubeconfig'),
    '--cache-dir',
    join(dir, 'cache'),
    '--request-timeout',
    '10s',
  ];
  try {
    const { stdout, stderr } = await promisify(execFile)(KUBECTL, [...base, ...args], { timeout: 20_000 });
    return { stdout, stderr, code: 0 };
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string; code?: number };
    return { stdout: failed.stdout ?? '', stderr: failed.stderr ?? '', code: failed.code ?? 1 };
  }
}

beforeAll(async () => {
  server = await startFixtureServer({ fixturePath: DEMO_FIXTURE });
  dir = await mkdtemp(join(tmpdir(), 'kr-sim-kubectl-'));
  await writeKubeconfig(server.url, join(dir, 'kubeconfig'));
});

afterAll(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('kubectl against the demo fixture', () => {
  it('get pods -A prints the demo pods with their status, restarts and ages', async () => {
    const { stdout, stderr, code } = await kubectl('get', 'pods', '-A');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^NAMESPACE\s+NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/);
    expect(lines).toHaveLength(7);
    for (const pod of PAYMENT_PODS)
      expect(lines.find((line) => line.includes(pod))).toMatch(
        /^shop\s+\S+\s+0\/1\s+CrashLoopBackOff\s+[67] \(\S+ ago\)\s+28m$/,
      );
    expect(lines.find((line) => line.includes('mysql-0'))).toMatch(/1\/1\s+Running\s+0\s+31m$/);
  }, 30_000);

  it('get pods -A --chunk-size=2 pages through continue tokens to the same table', async () => {
    const whole = await kubectl('get', 'pods', '-A');
    const chunked = await kubectl('get', 'pods', '-A', '--chunk-size=2');
    expect(chunked.code).toBe(0);
    expect(chunked.stdout).toBe(whole.stdout);
  }, 30_000);

  it('get with short names and -o wide', async () => {
    const { stdout, code } = await kubectl('-n', 'shop', 'get', 'deploy,sts,svc,ep', '-o', 'wide');
    expect(code).toBe(0);
    expect(stdout).toMatch(/deployment\.apps\/payment\s+0\/3\s+3\s+0/);
    expect(stdout).toMatch(/statefulset\.apps\/mysql\s+1\/1/);
    expect(stdout).toMatch(
      /service\/mysql\s+ClusterIP\s+10\.96\.112\.40\s+<none>\s+3306\/TCP\s+\S+\s+app=mysql/,
    );
    expect(stdout).toMatch(/endpoints\/mysql\s+<none>/);
  }, 30_000);

  it('get all lists the workloads and services of the namespace', async () => {
    const { stdout, code } = await kubectl('-n', 'shop', 'get', 'all');
    expect(code).toBe(0);
    for (const name of [
      'pod/mysql-0',
      'service/mysql',
      'deployment.apps/payment',
      'replicaset.apps/payment-7d9f8c6b5d',
      'statefulset.apps/mysql',
    ])
      expect(stdout).toContain(name);
  }, 30_000);

  it('describe pod shows the container state, the secret reference (not its value) and the events', async () => {
    const { stdout, code } = await kubectl('-n', 'shop', 'describe', 'pod', 'payment-7d9f8c6b5d-x7k2p');
    expect(code).toBe(0);
    expect(stdout).toMatch(/Reason:\s+CrashLoopBackOff/);
    expect(stdout).toMatch(/Exit Code:\s+1/);
    expect(stdout).toMatch(/Restart Count:\s+7/);
    expect(stdout).toContain("DB_PASSWORD:  <set to the key 'password' in secret 'payment-db'>");
    expect(stdout).toMatch(/Controlled By:\s+ReplicaSet\/payment-7d9f8c6b5d/);
    expect(stdout).toMatch(
      /Warning\s+BackOff\s+.*\(x131 over .*\)\s+kubelet\s+Back-off restarting failed container payment/,
    );
    expect(stdout).not.toContain(CANARY_PASSWORD);
  }, 30_000);

  it('logs --previous prints the crashed instance', async () => {
    const { stdout, code } = await kubectl(
      '-n',
      'shop',
      'logs',
      'payment-7d9f8c6b5d-x7k2p',
      '--previous',
      '--tail',
      '10',
    );
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toBe('Error: connect ECONNREFUSED 10.96.112.40:3306');
    expect(stdout).toContain('Node.js v22.12.0');
  }, 30_000);

  it('rollout restart, scale and delete pod go through as writes', async () => {
    expect((await kubectl('-n', 'shop', 'rollout', 'restart', 'deployment/payment')).stdout).toContain(
      'restarted',
    );
    const annotations = await kubectl(
      '-n',
      'shop',
      'get',
      'deploy',
      'payment',
      '-o',
      'jsonpath={.spec.template.metadata.annotations}',
    );
    expect(annotations.stdout).toContain('kubectl.kubernetes.io/restartedAt');
    expect((await kubectl('-n', 'shop', 'scale', 'deployment/frontend', '--replicas=3')).code).toBe(0);
    expect(
      (await kubectl('-n', 'shop', 'get', 'deploy', 'frontend', '-o', 'jsonpath={.spec.replicas}')).stdout,
    ).toBe('3');
    expect((await kubectl('-n', 'shop', 'delete', 'pod', 'payment-7d9f8c6b5d-hz5tb')).stdout).toContain(
      'deleted',
    );
    const missing = await kubectl('-n', 'shop', 'get', 'pod', 'payment-7d9f8c6b5d-hz5tb');
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('pods "payment-7d9f8c6b5d-hz5tb" not found');
  }, 60_000);

  it('is refused other writes with the 405 message', async () => {
    const { stderr, code } = await kubectl('-n', 'shop', 'delete', 'deployment', 'payment');
    expect(code).not.toBe(0);
    expect(stderr).toMatch(/MethodNotAllowed|does not allow this method/);
  }, 30_000);
});
