// Redaction cost: every log line and object the proxy returns goes through redactText, so it must stay linear.
// Prints the time to redact 1 MB of log text and the worst of the adversarial inputs the tests feed it.
import { redactText } from '../../lib/security/index.ts';
import { ADVERSARIAL_INPUTS } from '../security/adversarial.ts';
import { type BenchRow, row } from './table.ts';

const LOG_LINES = [
  '2026-11-23T08:00:01Z INFO  payment starting, connecting to mysql:3306 as payment',
  '2026-11-23T08:00:02Z ERROR Error: connect ECONNREFUSED 10.96.112.40:3306',
  '2026-11-23T08:00:02Z WARN  retrying in 5s (attempt 3 of 5) password=hunter2-not-real',
  'at Object.<anonymous> (/app/node_modules/mysql2/lib/connection.js:123:45)',
  'GET /api/orders?limit=50&token=abcdef123456 200 12ms',
];

function time(work: () => void): number {
  const started = performance.now();
  work();
  return performance.now() - started;
}

export async function run(): Promise<BenchRow[]> {
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; size < 1_000_000; i++) {
    const line = LOG_LINES[i % LOG_LINES.length] as string;
    lines.push(line);
    size += line.length + 1;
  }
  const log = lines.join('\n');
  redactText(log); // warm up
  const logMs = Math.min(...[0, 1, 2].map(() => time(() => redactText(log))));
  const worst = Math.max(...ADVERSARIAL_INPUTS.map((input) => time(() => redactText(input))));
  console.error('\n## Redaction\n');
  console.error(`redactText on 1 MB of log text: ${logMs.toFixed(0)} ms (best of 3)`);
  console.error(`worst of ${ADVERSARIAL_INPUTS.length} adversarial 100 kB inputs: ${worst.toFixed(0)} ms`);
  return [
    row('redaction: 1 MB of log text', Math.round(logMs), 'ms', { note: 'best of 3' }),
    row('redaction: worst adversarial 100 kB input', Math.round(worst), 'ms', {
      note: `${ADVERSARIAL_INPUTS.length} inputs`,
    }),
  ];
}
