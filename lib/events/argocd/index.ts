// Argo CD notifications: the webhook body's schema, and the job a notification becomes.
export * from './payload.ts';
