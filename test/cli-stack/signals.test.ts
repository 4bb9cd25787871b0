// Whatever signal (SIGINT, SIGTERM, SIGHUP) reaches `npx kube-responder stack|sim` or the command's own process,
// every process the command started is gone soon after, and so is the stack's temp dir (its generated secrets);
// a redis-server that dies stops the stack with a message naming it.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const fixture = resolve(root, 'test/fixtures/demo/crashloop.yaml');
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** Parent of every live process, from /proc. */
function processTable(): Map<number, number> {
  const table = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (state !== 'Z') table.set(Number(name), Number(ppid));
    } catch {}
  }
  return table;
}

/** `root` and every process descending from it, right now. */
function tree(rootPid: number): number[] {
  const table = processTable();
  const pids = [rootPid];
  for (let i = 0; i < pids.length; i++) {
    for (const [pid, ppid] of table) if (ppid === pids[i]) pids.push(pid);
  }
  return pids;
}

function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
}

const started: number[][] = [];
afterEach(() => {
  // A failed case must not leave its processes to the next one.
  for (const pid of started.splice(0).flat()) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {}
  }
});

/** Runs `npx kube-responder …` as a user would, from the repository; resolves with its first stdout line. */
async function launch(args: string[]) {
  const child: ChildProcess = spawn('npx', ['kube-responder', ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const first = await new Promise<string>((done, fail) => {
    createInterface({ input: child.stdout! }).once('line', done);
    child.once('exit', () => fail(new Error(`exited before printing its line:\n${stderr}`)));
  });
  const pids = tree(child.pid!);
  started.push(pids);
  return { npx: child.pid!, first, pids, exited, stderr: () => stderr };
}

async function expectAllGone(pids: number[], what: string) {
  await expect
    .poll(() => pids.filter(alive).map((pid) => `${pid} ${commandLine(pid)}`), {
      timeout: 15_000,
      interval: 200,
    })
    .toEqual([]);
  console.log(`${what}: ${pids.length} processes, all gone`);
}

describe('kube-responder stack', () => {
  for (const signal of SIGNALS) {
    for (const target of ['npx', 'pid'] as const) {
      it(`${signal} to the ${target === 'npx' ? 'npx process' : "JSON line's pid"} stops every process and removes the temp dir`, async () => {
        const run = await launch(['stack', '--json']);
        const info = JSON.parse(run.first);
        const dir = dirname(info.kubeconfig);
        expect(existsSync(dir)).toBe(true);
        // The tree holds what the stack started: the proxy, redis-server, wrangler and its workerd.
        expect(run.pids).toContain(info.pid);
        expect(run.pids).toContain(info.proxyPid);
        expect(run.pids).toContain(info.workerPid);
        expect(run.pids.map(commandLine).join('\n')).toMatch(/redis-server/);
        expect(run.pids.map(commandLine).join('\n')).toMatch(/workerd/);
        process.kill(target === 'npx' ? run.npx : info.pid, signal);
        await expectAllGone(run.pids, `stack, ${signal} to ${target}`);
        expect(existsSync(dir), 'the temp dir is removed').toBe(false);
        expect(run.stderr()).not.toMatch(/\n\s+at /);
      }, 90_000);
    }
  }

  it('stops, naming redis-server, when redis-server is killed', async () => {
    const run = await launch(['stack', '--json']);
    const info = JSON.parse(run.first);
    const redis = run.pids.find((pid) => /^\S*redis-server /.test(commandLine(pid)));
    expect(redis).toBeDefined();
    process.kill(redis!, 'SIGKILL');
    await run.exited;
    expect(run.stderr()).toMatch(/kube-responder stack: redis-server \(pid \d+\) exited \(SIGKILL\)/);
    await expectAllGone(run.pids, 'stack, redis-server killed');
    expect(existsSync(dirname(info.kubeconfig))).toBe(false);
  }, 90_000);
});

describe('kube-responder sim', () => {
  for (const signal of SIGNALS) {
    for (const target of ['npx', 'command'] as const) {
      it(`${signal} to the ${target === 'npx' ? 'npx process' : 'command process'} stops it and its launcher`, async () => {
        const run = await launch(['sim', '--fixture', fixture]);
        expect(run.first).toMatch(/^http:\/\/127\.0\.0\.1:\d+ /);
        const command = run.pids.find((pid) => /bin\/kube-responder sim|bin\.mjs sim/.test(commandLine(pid)));
        expect(command).toBeDefined();
        process.kill(target === 'npx' ? run.npx : command!, signal);
        await expectAllGone(run.pids, `sim, ${signal} to ${target}`);
      }, 60_000);
    }
  }
});
