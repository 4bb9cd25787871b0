// Health-report benchmark: the scan-and-digest job (whole-cluster diagnosis, the figures' five lists, the diff
// with the last digest, the Slack and LINE messages) on the bench's generated 5,000-pod cluster.
import { createFixtureHandler } from '../../infra/sim/index.ts';
import { toLine, toSlack } from '../../lib/chat/index.ts';
import { RestClusterReader } from '../../lib/cluster/index.ts';
import { type HealthReportJob, runHealthReportJob } from '../../lib/jobs/index.ts';
import { MemoryKv, stores } from '../../lib/store/index.ts';
import { generateCluster } from '../fixtures/generator/index.ts';
import { serve } from './diagnosis.ts';
import { type BenchRow, row } from './table.ts';

const RUNS = 7;

export async function run(): Promise<BenchRow[]> {
  console.error(
    '\n## Health report (scan-and-digest job, generated 5,000-pod cluster, 25 injected faults)\n',
  );
  const cluster = serve(generateCluster({ pods: 5_000, namespaces: 50, faults: 25, seed: 7 }));
  const store = stores(new MemoryKv());
  const times: number[] = [];
  let lines = '';
  for (let i = 0; i < RUNS; i++) {
    const date = `2026-11-${String(10 + i).padStart(2, '0')}`;
    const job: HealthReportJob = {
      v: 1,
      kind: 'health-report',
      id: `report:bench:${date}T0900`,
      createdAt: `${date}T01:00:00Z`,
      cluster: 'bench',
      replyTo: [
        { channel: 'slack', to: 'C-BENCH' },
        { channel: 'line', to: 'U-BENCH' },
      ],
      slot: { date, time: '0900', timezone: 'Asia/Taipei' },
      quiet: false,
    };
    const start = performance.now();
    await runHealthReportJob(job, {
      ...store,
      readerFor: () =>
        new RestClusterReader({ baseUrl: 'http://fixture.invalid', fetch: createFixtureHandler(cluster) }),
      deliver: async () => undefined,
      async say(target, message) {
        // Serialized as each chat would send it, so the figure includes the messages.
        const size = JSON.stringify(target.channel === 'slack' ? toSlack(message) : toLine(message)).length;
        if (message.type === 'digest' && target.channel === 'slack')
          lines = `${message.newProblems.items.length + message.newProblems.more} new, ${message.ongoing.items.length + message.ongoing.more} ongoing, Slack message ${size} chars`;
        return undefined;
      },
    });
    times.push(performance.now() - start);
  }
  const sorted = [...times].sort((a, b) => a - b);
  const p50 = sorted[Math.floor(sorted.length / 2)] ?? 0;
  console.error('| runs | p50 ms | min ms | max ms | last digest |');
  console.error('| ---: | ---: | ---: | ---: | --- |');
  console.error(
    `| ${RUNS} | ${p50.toFixed(0)} | ${(sorted[0] ?? 0).toFixed(0)} | ${(sorted.at(-1) ?? 0).toFixed(0)} | ${lines} |`,
  );
  return [
    row('health report: scan-and-digest job p50', Math.round(p50), 'ms', {
      note: `${RUNS} runs, generated 5,000-pod cluster`,
    }),
  ];
}
