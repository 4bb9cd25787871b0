// `kube-responder proxy` as a person runs it: prints its URL, serves signed requests from a kubeconfig's cluster,
// stops cleanly on SIGTERM; and the secret file format (one key per line, comments, clear errors).
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSecretFile } from '../../infra/proxy/index.ts';
import { startFixtureServer, writeKubeconfig } from '../../infra/sim/index.ts';
import { CURRENT_KEY, canaryFixture, NEXT_KEY, signedHeaders } from './harness.ts';

const BIN = resolve(import.meta.dirname, '../../infra/cli/bin.mjs');
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kr-proxy-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('secret file', () => {
  it('reads one key per line, skipping blank lines and # comments; the first key signs', async () => {
    const path = join(dir, 'keys');
    await writeFile(path, `# rotated 2026-11-01\n${CURRENT_KEY}\n\n  ${NEXT_KEY}  \n# old key removed\n`);
    expect(readSecretFile(path)).toEqual([CURRENT_KEY, NEXT_KEY]);
  });

  it('refuses an empty file and a short key, naming the line and never the key', async () => {
    const empty = join(dir, 'empty');
    await writeFile(empty, '# nothing yet\n\n');
    expect(() => readSecretFile(empty)).toThrow(`secret file ${empty} holds no key`);
    const short = join(dir, 'short');
    await writeFile(short, `${CURRENT_KEY}\nhunter2\n`);
    expect(() => readSecretFile(short)).toThrow('line 2: a key must be at least 16 characters');
    expect(() => readSecretFile(short)).not.toThrow('hunter2');
    expect(() => readSecretFile(join(dir, 'missing'))).toThrow('cannot read secret file');
  });
});

describe('kube-responder proxy', () => {
  it('prints its URL, serves signed requests, and exits 0 on SIGTERM', async () => {
    const fixturePath = join(dir, 'fixture.yaml');
    await writeFile(fixturePath, canaryFixture());
    const cluster = await startFixtureServer({ fixturePath });
    try {
      const kubeconfig = join(dir, 'kubeconfig');
      await writeKubeconfig(cluster.url, kubeconfig);
      const secretFile = join(dir, 'cli-keys');
      await writeFile(secretFile, `${CURRENT_KEY}\n`);
      const child = spawn(
        process.execPath,
        [BIN, 'proxy', '--kubeconfig', kubeconfig, '--secret-file', secretFile, '--port', '0'],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
      const lines = createInterface({ input: child.stdout });
      const iterator = lines[Symbol.asyncIterator]();
      const first = (await iterator.next()).value as string;
      expect(first).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

      expect(await (await fetch(`${first}/healthz`)).text()).toBe('ok');
      const path = '/api/v1/namespaces/shop/secrets/db-credentials';
      const response = await fetch(`${first}${path}`, { headers: await signedHeaders('GET', path) });
      expect(response.status).toBe(200);
      expect(((await response.json()) as { data: object }).data).toEqual({ password: '', token: '' });
      // The audit line for that request follows on stdout.
      const audit = JSON.parse((await iterator.next()).value as string);
      expect(audit).toMatchObject({ actor: 'slack:UTESTER', verb: 'get', decision: 'allowed', status: 200 });

      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      await cluster.close();
    }
  });

  it('fails with a clear message and exit 2 without --secret-file', async () => {
    const child = spawn(process.execPath, [BIN, 'proxy', '--kubeconfig', '/nonexistent'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const code = await new Promise<number | null>((done) => child.on('exit', (c) => done(c)));
    expect(code).toBe(2);
    expect(stderr).toContain('--secret-file is required');
  });
});
