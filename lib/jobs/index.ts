// Jobs: the queue's message contract, the job kinds (one file each, listed in registry.ts) and how events become jobs.

export * from './ai-followup.ts';
export * from './alert.ts';
export * from './diagnose-alert.ts';
export * from './ingest.ts';
export * from './kind.ts';
export * from './once.ts';
export * from './registry.ts';
export * from './schema.ts';
