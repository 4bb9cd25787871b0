// Incoming events: each source's payload schema and its parsing into alerts the jobs understand.
export * from './alertmanager.ts';
