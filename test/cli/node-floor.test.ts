// The bin on a Node below the floor: one line naming the floor and how to get it, exit 1, no stack trace.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeFloorProblem, nodeRequirement } from '../../infra/cli/node-floor.mjs';
import { cli, root } from './run-cli.ts';

const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const requirement = nodeRequirement(packageJson);

/** The machine's own Node (the pinned one is node_modules/node), when it is older than the floor. */
function olderMachineNode(): { path: string; version: string } | undefined {
  for (const path of [process.env.KR_OLD_NODE, '/usr/bin/node', '/usr/local/bin/node']) {
    if (!path || !existsSync(path)) continue;
    const version = execFileSync(path, ['-p', 'process.versions.node'], { encoding: 'utf8' }).trim();
    if (nodeFloorProblem(version, requirement)) return { path, version };
  }
  return undefined;
}

describe('the Node floor', () => {
  it('reads the floor from engines.node, and the Node the project pins is above it', () => {
    expect(requirement.floor).toBe('22.19.0');
    expect(requirement.pinned).toBe(packageJson.devDependencies.node);
    expect(nodeFloorProblem(requirement.pinned ?? '0.0.0', requirement)).toBeUndefined();
    expect(nodeFloorProblem(process.versions.node, requirement)).toBeUndefined();
  });

  it('names the floor, the running Node and the way out in one line', () => {
    for (const running of ['20.20.2', 'v22.12.0', '22.18.9']) {
      const line = nodeFloorProblem(running, requirement);
      expect(line).toContain('kube-responder needs Node >= 22.19.0');
      expect(line).toContain(`(this is ${running.replace(/^v/, '')})`);
      expect(line).toContain('nvm install 22');
      expect(line).not.toContain('\n');
    }
    for (const running of ['22.19.0', '22.20.1', '24.0.0', '100.0.0'])
      expect(nodeFloorProblem(running, requirement)).toBeUndefined();
  });

  const older = olderMachineNode();
  it.skipIf(!older)(
    `the bin under the machine's older Node (${older?.version}) prints that line and exits 1`,
    async () => {
      const { code, stdout, stderr } = await cli(['diagnose', '--help'], older!.path);
      expect(code).toBe(1);
      expect(stdout).toBe('');
      expect(stderr).toBe(`${nodeFloorProblem(older!.version, requirement)}\n`);
    },
  );
});
