// `diagnose --fixture F` with a scenario file that carries its alert: the diagnosis is that alert's; without one
// the first stderr line says it scans the whole cluster.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { Report } from '../../lib/report/index.ts';

const root = join(import.meta.dirname, '../..');
const scenarios = join(root, 'test/fixtures/scenarios');
const run = promisify(execFile);
const cli = (...args: string[]) =>
  run(process.execPath, [join(root, 'infra/cli/bin.mjs'), ...args], {
    cwd: root,
    env: { ...process.env, NO_COLOR: '1' },
  });

it('uses the alert embedded in the fixture file', async () => {
  const file = join(scenarios, 'message-alert-pod-cited.yaml');
  const { stdout, stderr } = await cli('diagnose', '--fixture', file, '--no-ai', '--output', 'json');
  const report = Report.parse(JSON.parse(stdout));
  expect(stderr).toContain('using the alert in');
  expect(report.alert?.name).toBe('KubePodCrashLooping');
  expect(report.scope).toMatchObject({ kind: 'alert', object: { kind: 'Pod', name: 'payment-5c-b2' } });
});

it('says it scans the whole cluster when the file has no alert', async () => {
  const file = join(scenarios, 'message-partly-unavailable-kafka.yaml');
  const { stdout, stderr } = await cli('diagnose', '--fixture', file, '--no-ai', '--output', 'json');
  expect(stderr.split('\n')[0]).toContain('scanning the whole cluster');
  expect(Report.parse(JSON.parse(stdout)).scope.kind).toBe('cluster');
});
