// Types of node-floor.mjs (plain JavaScript so it runs on any Node before tsx loads).
export interface NodeRequirement {
  /** engines.node's floor, X.Y.Z. */
  floor: string;
  /** The Node the project pins (the `node` devDependency), if any. */
  pinned: string | undefined;
}
export function nodeRequirement(packageJson: {
  engines?: { node?: string };
  devDependencies?: Record<string, string>;
}): NodeRequirement;
export function nodeFloorProblem(running: string, requirement: NodeRequirement): string | undefined;
export function readNodeRequirement(): NodeRequirement;
