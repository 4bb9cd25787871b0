// `kube-responder diagnose` and `scan` as a person runs them: the real command, its stdout and exit code.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FixtureServer, startFixtureServer, writeKubeconfig } from '../../infra/sim/index.ts';
import { Report } from '../../lib/report/index.ts';
import { parseFixture } from '../diagnosis/scenario-file.ts';

const root = join(import.meta.dirname, '../..');
const scenario = join(root, 'test/fixtures/scenarios/crashloop-selector-mismatch.yaml');
const run = promisify(execFile);

async function cli(...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [join(root, 'infra/cli/bin.mjs'), ...args], {
      cwd: root,
      env: { ...process.env, NO_COLOR: '1' },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

let dir: string;
let server: FixtureServer | undefined;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kr-cli-'));
  await writeFile(
    join(dir, 'webhook.json'),
    JSON.stringify({
      version: '4',
      status: 'firing',
      alerts: [
        { status: 'resolved', labels: { alertname: 'Old', namespace: 'other' } },
        {
          status: 'firing',
          labels: {
            alertname: 'KubePodCrashLooping',
            namespace: 'shop',
            deployment: 'payment',
            severity: 'critical',
          },
        },
      ],
    }),
  );
});

afterAll(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('kube-responder diagnose', () => {
  it('prints the Report as JSON for an Alertmanager payload, led by the alert and its root cause', async () => {
    const { code, stdout } = await cli(
      'diagnose',
      '--fixture',
      scenario,
      '--alert',
      join(dir, 'webhook.json'),
      '--output',
      'json',
      '--no-ai',
    );
    expect(code).toBe(0);
    const report = Report.parse(JSON.parse(stdout));
    expect(report.alert?.name).toBe('KubePodCrashLooping');
    expect(report.findings[0]).toMatchObject({
      code: 'CrashLoopBackOff',
      owner: { kind: 'Deployment', name: 'payment' },
      rootCause: { code: 'DependencyUnreachable', object: { kind: 'Service', name: 'mysql' } },
    });
    expect(report.meta?.apiRequests).toBeLessThanOrEqual(10);
    for (const value of parseFixture(await readFile(scenario, 'utf8')).secretValues)
      expect(stdout).not.toContain(value);
  });

  it('prints text a person reads: the summary first, no colour codes when not a terminal', async () => {
    const { code, stdout } = await cli('diagnose', '--fixture', scenario, '--namespace', 'shop');
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toContain('Deployment shop/payment is crash-looping');
    expect(stdout).toContain('CRITICAL ServiceNoEndpoints Service shop/mysql');
    expect(stdout).toContain('kubectl -n shop logs');
    expect(stdout).not.toContain('\x1b[');
  });

  it('reads a real cluster through a kubeconfig', async () => {
    server = await startFixtureServer({ fixturePath: scenario });
    const kubeconfig = join(dir, 'kubeconfig');
    await writeKubeconfig(server.url, kubeconfig);
    const { code, stdout, stderr } = await cli(
      'diagnose',
      '--kubeconfig',
      kubeconfig,
      '--namespace',
      'shop',
      '--output',
      'json',
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const report = Report.parse(JSON.parse(stdout));
    expect(report.findings.map((finding) => finding.code)).toEqual([
      'CrashLoopBackOff',
      'ServiceNoEndpoints',
    ]);
  });

  it('answers a usage error with exit code 2 naming the flag', async () => {
    const { code, stderr } = await cli('diagnose', '--fixture', scenario, '--output', 'yaml');
    expect(code).toBe(2);
    expect(stderr).toContain('--output must be json or text');
  });
});

describe('the demo', () => {
  it('names the cause of the demo alert within 10 API requests and leaks no Secret value', async () => {
    const fixture = join(root, 'test/fixtures/demo/crashloop.yaml');
    const alert = join(root, 'test/fixtures/demo/alert-crashloop.json');
    const { code, stdout } = await cli(
      'diagnose',
      '--fixture',
      fixture,
      '--alert',
      alert,
      '--output',
      'json',
    );
    expect(code).toBe(0);
    const report = Report.parse(JSON.parse(stdout));
    expect(report.summary).toMatch(
      /^Deployment shop\/payment is crash-looping: it cannot reach Service mysql:3306/,
    );
    expect(report.summary).toContain('app=mysql-db');
    expect(report.meta?.apiRequests).toBeLessThanOrEqual(10);
    const secrets = parseFixture(await readFile(fixture, 'utf8')).secretValues;
    expect(secrets.length).toBeGreaterThan(0);
    for (const value of secrets) expect(stdout).not.toContain(value);
  });
});

describe('kube-responder scan', () => {
  it('diagnoses the whole cluster', async () => {
    const fixture = join(root, 'test/fixtures/scenarios/evicted-node-pressure.yaml');
    const { code, stdout } = await cli('scan', '--fixture', fixture, '--output', 'json');
    expect(code).toBe(0);
    const report = Report.parse(JSON.parse(stdout));
    expect(report.scope).toEqual({ kind: 'cluster' });
    expect(report.findings.map((finding) => finding.code).sort()).toEqual(['Evicted', 'NodePressure']);
  });
});
