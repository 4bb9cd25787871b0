// `kube-responder stack --json`: one JSON line with every URL, secret and approver outside checks rely on;
// SIGTERM stops everything it started; the cron trigger fires through /__scheduled.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { expect, it } from 'vitest';

const bin = resolve(import.meta.dirname, '../../infra/cli/bin.mjs');

it('prints one JSON line, serves every part, and stops them all on SIGTERM', async () => {
  const child = spawn(process.execPath, [bin, 'stack', '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const lines = createInterface({ input: child.stdout });
  const first = await new Promise<string>((done, fail) => {
    lines.once('line', done);
    child.once('exit', () => fail(new Error(`stack exited before printing its line:\n${stderr}`)));
  });
  const info = JSON.parse(first);
  for (const key of ['worker', 'cluster', 'proxy', 'redis', 'qstash', 'slack', 'line', 'gemini']) {
    expect(info[key], key).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  }
  for (const key of [
    'alertmanagerToken',
    'argocdToken',
    'lineChannelSecret',
    'slackSigningSecret',
    'proxyKey',
  ]) {
    expect(info.secrets[key], key).toMatch(/^\S{16,}$/);
  }
  expect(info.approvers.line).toMatch(/^U[0-9a-f]{32}$/);
  expect(info.approvers.slack).toMatch(/^U[0-9A-Z]{8,}$/);

  expect((await fetch(`${info.worker}/healthz`)).status).toBe(200);
  expect((await fetch(`${info.worker}/__scheduled?cron=0+0+*+*+*`)).status).toBe(200);
  expect(await (await fetch(`${info.slack}/__messages`)).json()).toEqual([]);
  expect(await (await fetch(`${info.line}/__messages`)).json()).toEqual([]);
  // The proxy refuses an unsigned read.
  expect((await fetch(`${info.proxy}/api/v1/pods`)).status).toBe(401);

  child.kill('SIGTERM');
  expect(await exited).toBe(0);
  for (const key of ['worker', 'cluster', 'proxy', 'redis', 'qstash', 'slack', 'line', 'gemini']) {
    await expect(
      fetch(info[key], { signal: AbortSignal.timeout(2000) }),
      `${key} still answers`,
    ).rejects.toThrow();
  }
}, 120_000);
