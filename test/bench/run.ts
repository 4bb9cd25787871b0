// `npm run bench`: runs each benchmark module in order and prints its figures (not a timed test).
const modules: (() => Promise<{ run(): Promise<void> }>)[] = [
  () => import('./diagnosis.ts'),
  () => import('./agent.ts'),
  () => import('./redaction.ts'),
  () => import('./chat.ts'),
  () => import('./health-report.ts'),
];

for (const load of modules) {
  const bench = await load();
  await bench.run();
}

export {};
