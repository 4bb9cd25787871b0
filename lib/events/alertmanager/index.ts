// Alertmanager as an event source: the webhook payload, what an alert is about, the job it becomes, and the
// ingest that turns a webhook of alerts into one job per incident.
export * from './bounds.ts';
export * from './change.ts';
export * from './ingest.ts';
export * from './job.ts';
export * from './payload.ts';
export * from './subject.ts';
