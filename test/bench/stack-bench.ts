// The benches that need the local stack share one: alert → chat latency first (a quiet stack), then the
// ingest handler under load, then the alert storm.
import { startStack } from '../../infra/stack/stack.ts';
import { ingest } from './ingest.ts';
import { latency } from './latency.ts';
import { storm } from './storm.ts';
import type { BenchRow } from './table.ts';

export async function run(): Promise<BenchRow[]> {
  const started = performance.now();
  const stack = await startStack();
  console.error(`stack: started in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  try {
    return [...(await latency(stack)), ...(await ingest(stack)), ...(await storm(stack))];
  } finally {
    await stack.stop();
  }
}
