// `npm run demo` on a machine without redis-server: the embedded store serves the stack, says so in one line, and
// the demo ends with the same Slack message and stored report as on redis-server.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { expect, it } from 'vitest';

const demo = resolve(import.meta.dirname, '../../infra/cli/demo.ts');

it('runs the demo end to end on the embedded store', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', demo], {
    env: { ...process.env, STACK_REDIS: 'embedded' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const code = await new Promise<number | null>((done) => child.once('exit', done));
  console.log(`demo on the embedded store: ${/Done in (\S+)/.exec(stdout)?.[1] ?? 'did not finish'}`);
  expect(code, `${stdout}\n${stderr}`).toBe(0);

  // One line says what serves the data, that it is not Redis, and how to get the real one.
  const notices = stderr.split('\n').filter((line) => line.includes('embedded in-memory store'));
  expect(notices).toHaveLength(1);
  expect(notices[0]).toMatch(/not Redis.*sudo apt-get install redis-server.*REDIS_SERVER_BIN/);

  expect(stdout).toMatch(/Alertmanager webhook \(KubePodCrashLooping, shop\) → 202 /);
  expect(stdout).toContain('Slack message posted to C0KRONCALL:');
  expect(stdout).toContain('🔴 KubePodCrashLooping — Deployment shop/payment');
  expect(stdout).toContain('Root cause: DependencyUnreachable — Service shop/mysql');
  expect(stdout).toMatch(/report am-\S+ · 10 API reads · \d+ ms/);
  // The report was read back from the store the Worker wrote it to.
  expect(stdout).toMatch(
    /2 findings \(CrashLoopBackOff, ServiceNoEndpoints\); 10 API reads, \d+ bytes through the proxy/,
  );
}, 120_000);
