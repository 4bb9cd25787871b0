// The action catalog: restart, scale, delete-pod (executed by the proxy once a person approves) and rollback
// (advice only). The agent's proposal schema and tool, the proposal guard and the Report's Proposal derive from it;
// a ClusterWriter sends the requests it builds.
export * from './action.ts';
export * from './catalog.ts';
export * from './execute.ts';
export { RESTARTED_AT_ANNOTATION } from './restart.ts';
export * from './rollout.ts';
export { MAX_SCALE_REPLICAS } from './scale.ts';
