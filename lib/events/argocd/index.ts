// Argo CD notifications as an event source: the webhook body's schema, what it says happened, the cluster it is
// about, its once-per-failure key, and the job it becomes.
export * from './cluster.ts';
export * from './failure-key.ts';
export * from './job.ts';
export * from './payload.ts';
export * from './state.ts';
