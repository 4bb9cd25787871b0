// What "what changed?" costs: every scenario's alert or namespace diagnosis with change evidence off (before)
// and on (after): the most API requests and bytes one diagnosis reads, and how many scenarios paid more.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { diagnoseScenario } from '../diagnosis/expectations.ts';
import { type BenchRow, row } from './table.ts';

const dir = join(import.meta.dirname, '../fixtures/scenarios');
/** The alert budget the change pass must stay within (one diagnosis, one alert). */
const MAX_ALERT_REQUESTS = 12;

async function measure(text: string, whatChanged: boolean) {
  const { fixture, report } = await diagnoseScenario(text, { cluster: 'bench', whatChanged });
  return {
    alert: !!fixture.fixture.alert,
    requests: report.meta?.apiRequests ?? 0,
    bytes: report.meta?.bytesRead ?? 0,
  };
}

export async function run(): Promise<BenchRow[]> {
  const files = readdirSync(dir)
    .filter((file) => file.endsWith('.yaml'))
    .sort();
  const results = [];
  for (const file of files) {
    const text = readFileSync(join(dir, file), 'utf8');
    const [before, after] = [await measure(text, false), await measure(text, true)];
    results.push({ file, before, after });
    if (after.requests !== before.requests)
      console.error(
        `${file}: ${before.requests} → ${after.requests} requests, ${before.bytes} → ${after.bytes} bytes`,
      );
  }
  const alerts = results.filter((result) => result.after.alert);
  const max = (values: number[]) => Math.max(0, ...values);
  const note = `${alerts.length} alert scenarios of ${results.length}`;
  return [
    row(
      'alert diagnosis max requests, before change evidence',
      max(alerts.map((r) => r.before.requests)),
      'requests',
      { note },
    ),
    row(
      'alert diagnosis max requests, with change evidence',
      max(alerts.map((r) => r.after.requests)),
      'requests',
      {
        target: MAX_ALERT_REQUESTS,
        note,
      },
    ),
    row(
      'alert diagnosis max bytes, before change evidence',
      max(alerts.map((r) => r.before.bytes)),
      'bytes',
      { note },
    ),
    row('alert diagnosis max bytes, with change evidence', max(alerts.map((r) => r.after.bytes)), 'bytes', {
      note,
    }),
    row(
      'scenarios that read more for change evidence',
      results.filter((r) => r.after.requests > r.before.requests).length,
      'count',
      { note: `of ${results.length} (the rest had no workload in trouble, or already held the lists)` },
    ),
  ];
}
