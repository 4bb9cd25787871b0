// `kube-responder stack --json`: one JSON line with every URL, secret and approver outside checks rely on;
// SIGTERM stops everything it started; the cron trigger fires through /__scheduled.
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { expect, it } from 'vitest';

const bin = resolve(import.meta.dirname, '../../infra/cli/bin.mjs');

/** Starts `kube-responder stack --json`; resolves with its JSON line, its exit and its stderr so far. */
async function startStackCommand() {
  const child = spawn(process.execPath, [bin, 'stack', '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const output = { stderr: '' };
  child.stderr.on('data', (chunk) => (output.stderr += chunk));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const first = await new Promise<string>((done, fail) => {
    createInterface({ input: child.stdout }).once('line', done);
    child.once('exit', () => fail(new Error(`stack exited before printing its line:\n${output.stderr}`)));
  });
  return { child, info: JSON.parse(first), exited, output };
}

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
  // The proxy, its own process, refuses an unsigned read and keeps the audit line in the file the JSON line names.
  expect(info.proxyPid).toBeGreaterThan(0);
  expect(info.workerPid).toBeGreaterThan(0);
  expect((await fetch(`${info.proxy}/api/v1/pods`)).status).toBe(401);
  await expect
    .poll(async () => readFile(info.proxyAudit, 'utf8'))
    .toMatch(/"path":"\/api\/v1\/pods","decision":"unauthorized"/);

  child.kill('SIGTERM');
  expect(await exited).toBe(0);
  for (const key of ['worker', 'cluster', 'proxy', 'redis', 'qstash', 'slack', 'line', 'gemini']) {
    await expect(
      fetch(info[key], { signal: AbortSignal.timeout(2000) }),
      `${key} still answers`,
    ).rejects.toThrow();
  }
}, 120_000);

it('says so and exits 1, stopping the rest, when the Worker dies', async () => {
  const { info, exited, output } = await startStackCommand();
  expect((await fetch(`${info.worker}/healthz`)).status).toBe(200);
  // wrangler dev and its workerd share a process group.
  process.kill(-info.workerPid, 'SIGKILL');
  expect(await exited).toBe(1);
  expect(output.stderr).toMatch(/kube-responder stack: the Worker \(wrangler dev\) exited \(SIGKILL\)/);
  for (const key of ['cluster', 'proxy', 'qstash', 'slack']) {
    await expect(
      fetch(info[key], { signal: AbortSignal.timeout(2000) }),
      `${key} still answers`,
    ).rejects.toThrow();
  }
}, 120_000);

it('says so and exits 1 when the proxy dies', async () => {
  const { info, exited, output } = await startStackCommand();
  process.kill(info.proxyPid, 'SIGKILL');
  expect(await exited).toBe(1);
  expect(output.stderr).toMatch(/kube-responder stack: the proxy exited \(SIGKILL\)/);
  await expect(fetch(`${info.worker}/healthz`, { signal: AbortSignal.timeout(2000) })).rejects.toThrow();
}, 120_000);
