#!/usr/bin/env node
// The `kube-responder` command: checks the running Node first (one line, exit 1, when it is too old), then loads
// the TypeScript CLI through tsx.
import { nodeFloorProblem, readNodeRequirement } from './node-floor.mjs';

const problem = nodeFloorProblem(process.versions.node, readNodeRequirement());
if (problem) {
  process.stderr.write(`${problem}\n`);
  process.exit(1);
}
// Loaded only after the check: a dependency on an older Node would crash before any message could be printed.
const { register } = await import('tsx/esm/api');
register();
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));
