// The scheduled health report: when each cluster's is due (schedule, slots), what it says (digest, figures,
// message), and the certificate metadata the proxy adds for it (tls).
export * from './digest.ts';
export * from './figures.ts';
export * from './message.ts';
export * from './schedule.ts';
export * from './slots.ts';
export * from './tls.ts';
