// `kube-responder proxy check` against the stack's proxy process (a fixture cluster behind it): what a person sees
// per kind, and the exit code that tells a script whether every kind a diagnosis needs is readable.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkProxy, kindsToCheck } from '../../infra/cli/commands/proxy-check.ts';
import { defaultPolicy } from '../../infra/proxy/index.ts';
import { startFixtureServer, writeKubeconfig } from '../../infra/sim/index.ts';
import { type ProxyProcess, startProxyProcess } from '../../infra/stack/proxy.ts';
import { CURRENT_KEY, canaryFixture, startHarness } from '../proxy/harness.ts';

const BIN = resolve(import.meta.dirname, '../../infra/cli/bin.mjs');

function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('exit', (code) => done({ code, stdout, stderr }));
  });
}

let dir: string;
let proxy: ProxyProcess;
let closeCluster: () => Promise<void>;
let keyFile: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kr-proxy-check-'));
  const fixturePath = join(dir, 'fixture.yaml');
  await writeFile(fixturePath, canaryFixture());
  const cluster = await startFixtureServer({ fixturePath });
  closeCluster = () => cluster.close();
  const kubeconfig = join(dir, 'kubeconfig');
  await writeKubeconfig(cluster.url, kubeconfig);
  keyFile = join(dir, 'keys');
  await writeFile(keyFile, `# the Worker's CLUSTERS key\n${CURRENT_KEY}\n`, { mode: 0o600 });
  proxy = await startProxyProcess({ dir, kubeconfig, secretFile: keyFile });
});
afterAll(async () => {
  await proxy?.close();
  await closeCluster?.();
  await rm(dir, { recursive: true, force: true });
});

describe('kube-responder proxy check', () => {
  it('checks every kind the analyzers read, the pod analyzers’ kinds as essential', () => {
    const kinds = kindsToCheck();
    const names = kinds.map((kind) => kind.name);
    for (const name of ['pods', 'events', 'replicaSets', 'nodes', 'persistentVolumeClaims', 'applications'])
      expect(names).toContain(name);
    expect(kinds.find((kind) => kind.name === 'pods')?.essential).toBe(true);
    expect(kinds.find((kind) => kind.name === 'nodes')).toMatchObject({
      essential: false,
      readBy: expect.arrayContaining(['node-not-ready']),
    });
  });

  it('prints ok for every kind through the default policy and exits 0', async () => {
    const { code, stdout, stderr } = await cli([
      'proxy',
      'check',
      '--url',
      proxy.url,
      '--secret-file',
      keyFile,
    ]);
    console.log(stdout);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/ok\s+Pod \(pods\)\s+essential/);
    expect(stdout).toMatch(/ok\s+Pod log \(pods\/log\)\s+essential/);
    expect(stdout).toMatch(/ok\s+Node \(nodes\)/);
    expect(stdout).toContain('ready: every essential kind is readable');
    expect(stdout).not.toContain(CURRENT_KEY);
  });

  it('says the signature was refused, and exits 1, with a key the proxy does not have', async () => {
    const wrong = join(dir, 'wrong-keys');
    await writeFile(wrong, `${'w'.repeat(40)}\n`);
    const { code, stdout } = await cli(['proxy', 'check', '--url', proxy.url, '--secret-file', wrong]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/error\s+Pod \(pods\)\s+essential — 401/);
    expect(stdout).toContain('signature refused');
    expect(stdout).toContain('NOT READY');
  });

  it('names an unreachable proxy and exits 1', async () => {
    const { code, stdout } = await cli([
      'proxy',
      'check',
      '--url',
      'http://127.0.0.1:1',
      '--secret-file',
      keyFile,
    ]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/error\s+Pod \(pods\)\s+essential — unreachable/);
  });

  it('refuses a missing --url with usage and exit 2', async () => {
    const { code, stderr } = await cli(['proxy', 'check', '--secret-file', keyFile]);
    expect(code).toBe(2);
    expect(stderr).toContain('--url is required');
    expect(stderr).toContain('Usage: kube-responder proxy check');
  });
});

describe('checkProxy against a policy that leaves kinds out', () => {
  it('marks what the policy refuses as forbidden and names the analyzers that go without it', async () => {
    const policy = defaultPolicy();
    policy.rules = policy.rules.filter(
      (rule) => rule.name !== 'read-workloads' && rule.name !== 'read-pod-logs',
    );
    const harness = await startHarness({ policy });
    try {
      const checks = await checkProxy({ url: harness.proxyUrl, key: CURRENT_KEY, actor: 'proxy-check-test' });
      const byName = Object.fromEntries(checks.map((check) => [check.name, check]));
      expect(byName.pods?.verdict).toBe('ok');
      expect(byName.replicaSets).toMatchObject({ verdict: 'forbidden', essential: true });
      expect(byName.replicaSets?.detail).toMatch(/^403/);
      expect(byName.replicaSets?.readBy).toContain('crashloop');
      expect(byName['pods/log']).toMatchObject({ verdict: 'forbidden', essential: true });
      expect(harness.audit.some((line) => JSON.stringify(line).includes('proxy-check-test'))).toBe(true);
    } finally {
      await harness.close();
    }
  });
});
