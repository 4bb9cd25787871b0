// Incoming events: each source's payload schema and its parsing into alerts the jobs understand, and what an
// alert is about.
export * from './alertmanager.ts';
export * from './subject.ts';
