// The Report: what a diagnosis produces and what every renderer takes.

export * from './link.ts';
export * from './schema.ts';
