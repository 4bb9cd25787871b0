// Runs the real `kube-responder` bin as a person would and returns what they see: exit code, stdout, stderr.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

export const root = join(import.meta.dirname, '../..');
const run = promisify(execFile);

export async function cli(args: string[], node = process.execPath) {
  try {
    const { stdout, stderr } = await run(node, [join(root, 'infra/cli/bin.mjs'), ...args], {
      cwd: root,
      env: { ...process.env, NO_COLOR: '1' },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}
