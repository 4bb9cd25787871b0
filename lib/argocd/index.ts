// Argo CD: what an Application's last sync and health say, classified into what to change.
export * from './classify.ts';
export * from './explain.ts';
export * from './finding.ts';
export * from './state.ts';
