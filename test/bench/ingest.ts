// The ingest handler under load through wrangler dev: 50-alert Alertmanager posts from several clients at once,
// against the Worker's bare Hono route (`GET /healthz`) loaded the same way in the same run, so the ratio is ours.
import { type Stack, startStack } from '../../infra/stack/stack.ts';
import { percentile, postWebhook, type StormAlert, webhookBody } from './stack-load.ts';
import { type BenchRow, row } from './table.ts';

// As many clients as the machine has cores (2 here): load, not a queue in front of the Worker.
const CLIENTS = 2;
const POSTS = 200;
const PER_POST = 50;
const WORKLOADS = 40;

/** Runs `POSTS` requests from `CLIENTS` concurrent loops; answers each request's wall time. */
async function load(request: (n: number) => Promise<{ status: number; ms: number }>): Promise<number[]> {
  const times: number[] = [];
  let next = 0;
  const statuses = new Set<number>();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (next < POSTS) {
        const { status, ms } = await request(next++);
        statuses.add(status);
        times.push(ms);
      }
    }),
  );
  if ([...statuses].some((status) => status >= 300))
    throw new Error(`bench: ingest answered ${[...statuses].join(', ')}`);
  return times;
}

async function bare(stack: Stack): Promise<{ status: number; ms: number }> {
  const start = performance.now();
  const response = await fetch(`${stack.info.worker}/healthz`);
  await response.arrayBuffer();
  return { status: response.status, ms: performance.now() - start };
}

export async function ingest(stack: Stack): Promise<BenchRow[]> {
  const startsAt = new Date().toISOString();
  const bodies = Array.from({ length: POSTS }, (_, post) =>
    webhookBody(
      Array.from({ length: PER_POST }, (_, i): StormAlert => {
        const n = post * PER_POST + i;
        return { workload: 2000 + (n % WORKLOADS), pod: n };
      }),
      startsAt,
    ),
  );
  // Warm both routes (workerd compiles on first use), then measure the bare route and ours alike.
  for (let i = 0; i < 5; i++) await bare(stack);
  await postWebhook(stack, webhookBody([{ workload: 2999, pod: 0 }], startsAt));
  stack.qstash.pause(); // the jobs the posts queue would share the 2 cores with what is measured
  try {
    const bareTimes = await load(() => bare(stack));
    const ours = await load((n) => postWebhook(stack, bodies[n]!));
    const [p50, p99, bare50, bare99] = [
      percentile(ours, 50),
      percentile(ours, 99),
      percentile(bareTimes, 50),
      percentile(bareTimes, 99),
    ];
    console.error(
      `ingest: ${POSTS} posts of ${PER_POST} alerts, ${CLIENTS} clients: p50 ${p50.toFixed(1)} p99 ${p99.toFixed(1)} ms; bare route p50 ${bare50.toFixed(1)} p99 ${bare99.toFixed(1)} ms`,
    );
    const note = `${POSTS} posts × ${PER_POST} alerts, ${CLIENTS} concurrent clients, wrangler dev`;
    return [
      row('ingest handler p50 (50-alert posts)', round1(p50), 'ms', { note }),
      row('ingest handler p99 (50-alert posts)', round1(p99), 'ms', { target: 100, note }),
      row('bare Hono route p50 (same Worker, same load)', round1(bare50), 'ms', { note: 'GET /healthz' }),
      row('bare Hono route p99 (same Worker, same load)', round1(bare99), 'ms', { note: 'GET /healthz' }),
      row('ingest p50 / bare route p50', round1(p50 / bare50), 'ratio', { note: 'our overhead per post' }),
    ];
  } finally {
    stack.qstash.resume();
  }
}

const round1 = (n: number) => Math.round(n * 10) / 10;

export async function run(): Promise<BenchRow[]> {
  const stack = await startStack();
  try {
    return await ingest(stack);
  } finally {
    await stack.stop();
  }
}

if (process.argv[1]?.endsWith('ingest.ts')) console.log(JSON.stringify(await run(), null, 1));
