// `kube-responder sim` as a person runs it: one line with the URL and a kubectl hint, serves the fixture,
// exits 0 on SIGTERM; a broken fixture fails with the document index.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_FIXTURE } from './helpers.ts';

const BIN = resolve(import.meta.dirname, '../../infra/cli/bin.mjs');
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kr-sim-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('kube-responder sim', () => {
  it('prints the URL and a kubectl hint, serves the fixture with its clock, and exits 0 on SIGTERM', async () => {
    const kubeconfig = join(dir, 'kubeconfig');
    const child = spawn(
      process.execPath,
      [BIN, 'sim', '--fixture', DEMO_FIXTURE, '--port', '0', '--kubeconfig', kubeconfig],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    try {
      const lines = createInterface({ input: child.stdout });
      const first = (await lines[Symbol.asyncIterator]().next()).value as string;
      const match = /^(http:\/\/127\.0\.0\.1:\d+) {2}\(kubectl --kubeconfig (\S+) get pods -A\)$/.exec(first);
      expect(match?.[2]).toBe(kubeconfig);
      const response = await fetch(`${match![1]}/api/v1/namespaces/shop/pods?labelSelector=app%3Dpayment`);
      expect(response.status).toBe(200);
      expect(response.headers.get('date')).toBe('Mon, 23 Nov 2026 10:00:00 GMT');
      expect(((await response.json()) as { items: unknown[] }).items).toHaveLength(3);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  }, 30_000);

  it('fails with exit 1 naming the file and the broken document', async () => {
    const broken = join(dir, 'broken.yaml');
    await writeFile(
      broken,
      'apiVersion: v1\nkind: Namespace\nmetadata: { name: a }\n---\napiVersion: v1\nkind: Pod\n',
    );
    const child = spawn(process.execPath, [BIN, 'sim', '--fixture', broken], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const code = await new Promise<number | null>((done) => child.on('exit', (c) => done(c)));
    expect(code).toBe(1);
    expect(stderr).toContain(`${broken}: fixture document 1 (line 5): Pod has no metadata`);
  }, 30_000);

  it('requires --fixture (exit 2 with usage)', async () => {
    const child = spawn(process.execPath, [BIN, 'sim'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const code = await new Promise<number | null>((done) => child.on('exit', (c) => done(c)));
    expect(code).toBe(2);
    expect(stderr).toContain('--fixture is required');
    expect(stderr).toContain('Usage: kube-responder sim');
  }, 30_000);
});
