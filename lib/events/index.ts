// Incoming events, one folder per source: its payload schema, what an event is about, and the jobs it becomes.
export * from './alertmanager/index.ts';
export * from './argocd/index.ts';
export * from './line/index.ts';
export * from './slack/index.ts';
