// The alert storm through the local stack: 5,000 alerts in 100 webhook posts over 40 workloads must become
// 40 diagnose jobs and 40 chat messages, at ≤ 2 Redis commands per alert.
import { type Stack, startStack } from '../../infra/stack/stack.ts';
import {
  percentile,
  postWebhook,
  recordedAt,
  type StormAlert,
  sleep,
  until,
  webhookBody,
} from './stack-load.ts';
import { type BenchRow, row } from './table.ts';

const POSTS = 100;
const PER_POST = 50;
const WORKLOADS = 40;

export async function storm(stack: Stack): Promise<BenchRow[]> {
  const startsAt = new Date().toISOString();
  const bodies: string[] = [];
  for (let post = 0; post < POSTS; post++) {
    const alerts: StormAlert[] = [];
    for (let i = 0; i < PER_POST; i++) {
      const n = post * PER_POST + i;
      alerts.push({ workload: n % WORKLOADS, pod: n });
    }
    bodies.push(webhookBody(alerts, startsAt));
  }
  // Deliveries are held while the webhooks post, so the Redis count is the ingest's own, not the jobs'.
  stack.qstash.pause();
  const before = stack.redisStats();
  // A report is a top-level message; its AI part, when the model was over budget, comes later in its thread.
  // Only the storm's own workloads count: jobs of the benches before it may still be finishing on this stack.
  const isPost = (m: { path: string; body: unknown }) =>
    m.path.endsWith('/chat.postMessage') &&
    !(m.body as { thread_ts?: string }).thread_ts &&
    ofThisStorm(JSON.stringify(m.body));
  const slackBefore = (await recordedAt(stack.info.slack)).filter(isPost).length;
  const queuedBefore = stack.qstash.messages().length;
  const start = performance.now();
  // Alertmanager sends one group at a time per receiver; posts go one after another as a storm would.
  const times: number[] = [];
  const statuses = new Map<number, number>();
  for (const body of bodies) {
    const { status, ms } = await postWebhook(stack, body);
    times.push(ms);
    statuses.set(status, (statuses.get(status) ?? 0) + 1);
  }
  const ingestMs = performance.now() - start;
  const ingestRedis = stack.redisStats();
  stack.qstash.resume();
  let slack = 0;
  await until(
    `${WORKLOADS} Slack messages`,
    async () => {
      slack = (await recordedAt(stack.info.slack)).filter(isPost).length - slackBefore;
      return slack >= WORKLOADS;
    },
    120_000,
    200,
  );
  await sleep(1000); // a late duplicate would show here
  slack = (await recordedAt(stack.info.slack)).filter(isPost).length - slackBefore;
  const queued = stack.qstash.messages().slice(queuedBefore);
  const kinds = new Map<string, number>();
  // The storm's jobs, and what they published in turn (an AI follow-up names its report, `<job id>-…`).
  const jobIds = queued
    .filter(
      (m) => (m.body as { kind?: string }).kind === 'diagnose-alert' && ofThisStorm(JSON.stringify(m.body)),
    )
    .map((m) => (m.body as { id: string }).id);
  const ours = queued.filter((m) => {
    const text = JSON.stringify(m.body);
    return ofThisStorm(text) || jobIds.some((id) => text.includes(id));
  });
  for (const message of ours) {
    const kind = (message.body as { kind?: string }).kind ?? '?';
    kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
  }
  const published = kinds.get('diagnose-alert') ?? 0;
  const alerts = POSTS * PER_POST;
  const ingestCommands = ingestRedis.commands - before.commands;
  const ingestRequests = ingestRedis.requests - before.requests;
  console.error(
    `storm: ${POSTS} posts × ${PER_POST} alerts in ${ingestMs.toFixed(0)} ms (${(ingestMs / POSTS).toFixed(1)} ms a post, p50 ${percentile(times, 50).toFixed(1)} p99 ${percentile(times, 99).toFixed(1)}); statuses ${JSON.stringify(Object.fromEntries(statuses))}; ingest Redis ${ingestCommands} commands in ${ingestRequests} requests; QStash publishes by kind ${JSON.stringify(Object.fromEntries(kinds))}; Slack ${slack} messages`,
  );
  const note = `${alerts} alerts, ${POSTS} posts, ${WORKLOADS} workloads`;
  return [
    row('storm: ingest wall time', Math.round(ingestMs), 'ms', { note: `${note}, posted one after another` }),
    row('storm: webhook post p50', round1(percentile(times, 50)), 'ms', { note }),
    row('storm: diagnose jobs published (QStash)', published, 'jobs', {
      target: WORKLOADS,
      compare: '=',
      note,
    }),
    row(
      'storm: QStash publishes, every kind',
      [...kinds.values()].reduce((a, b) => a + b, 0),
      'publishes',
      {
        note: Object.entries(Object.fromEntries(kinds))
          .map(([kind, n]) => `${n} ${kind}`)
          .join(', '),
      },
    ),
    row('storm: chat messages', slack, 'messages', { target: WORKLOADS, compare: '=', note }),
    row('storm: Redis commands per alert (ingest)', round2(ingestCommands / alerts), 'commands', {
      target: 2,
      note: `${ingestCommands} commands in ${ingestRequests} round trips`,
    }),
    row('storm: Redis round trips per post (ingest)', round2(ingestRequests / POSTS), 'requests', { note }),
  ];
}

/** Names one of the storm's workloads (`storm-0` … `storm-39`; other benches use 1000 and up). */
const ofThisStorm = (text: string) =>
  [...text.matchAll(/storm-(\d+)\b/g)].some((match) => Number(match[1]) < WORKLOADS);

const round1 = (n: number) => Math.round(n * 10) / 10;
const round2 = (n: number) => Math.round(n * 100) / 100;

export async function run(): Promise<BenchRow[]> {
  const stack = await startStack();
  try {
    return await storm(stack);
  } finally {
    await stack.stop();
  }
}

if (process.argv[1]?.endsWith('storm.ts')) console.log(JSON.stringify(await run(), null, 1));
