// The Node floor check the `kube-responder` bin runs before loading anything: plain JavaScript on purpose, so
// it parses and runs on any Node and can say in one line what is needed instead of crashing in a dependency.
import { readFileSync } from 'node:fs';

/** [major, minor, patch] of a version like `22.19.0` or `v20.20.2`. */
function parts(version) {
  return version.replace(/^v/, '').split('.').map(Number);
}

function older(version, than) {
  const [a, b] = [parts(version), parts(than)];
  for (let i = 0; i < 3; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) < (b[i] ?? 0);
  return false;
}

/**
 * The floor (`engines.node`, written `>=X.Y.Z`) and the Node the project pins (the `node` devDependency) from a
 * package.json, so the check and npm read one source.
 */
export function nodeRequirement(packageJson) {
  const floor = /^>=\s*(\d+\.\d+\.\d+)$/.exec(packageJson.engines?.node ?? '')?.[1];
  if (!floor)
    throw new Error(`package.json engines.node must read '>=X.Y.Z', got '${packageJson.engines?.node}'`);
  return { floor, pinned: packageJson.devDependencies?.node };
}

/** The one line to print when `running` is below the floor; undefined when it is fine. */
export function nodeFloorProblem(running, { floor, pinned }) {
  if (!older(running, floor)) return undefined;
  const major = floor.split('.')[0];
  const viaPinned = pinned
    ? `, or run it as \`npx kube-responder …\` in the project after npm install (it pins Node ${pinned})`
    : '';
  return `kube-responder needs Node >= ${floor} (this is ${running.replace(/^v/, '')}): nvm install ${major}${viaPinned}`;
}

export function readNodeRequirement() {
  return nodeRequirement(JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')));
}
