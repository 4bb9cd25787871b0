// Jobs: the queue's message contract and how events become jobs.

export * from './ai-followup.ts';
export * from './alert.ts';
export * from './diagnose-alert.ts';
export * from './ingest.ts';
export * from './once.ts';
export * from './schema.ts';
