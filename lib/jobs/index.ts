// Jobs: the queue's message contract, the job kinds (one file each, listed in registry.ts) and the once-only frame.
export * from './ai-followup.ts';
export * from './chat-turn.ts';
export * from './converse.ts';
export * from './diagnose-alert.ts';
export * from './diagnose-argo.ts';
export * from './execute-action.ts';
export * from './failure.ts';
export * from './guarded-stores.ts';
export * from './health-report.ts';
export * from './incident-update.ts';
export * from './kind.ts';
export * from './once.ts';
export * from './refused-job.ts';
export * from './registry.ts';
export * from './schema.ts';
export * from './summary.ts';
export * from './types.ts';
