// Accuracy over every scenario fixture: expected findings found, root causes right, false criticals, the reads a
// diagnosis costs and the words of the message a person reads (over a phone screen, ~120 words, is a defect).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  diagnoseScenario,
  type ExpectedFinding,
  matches,
  messageMisses,
  messageWords,
} from '../diagnosis/expectations.ts';
import { type BenchRow, row } from './table.ts';

const dir = join(import.meta.dirname, '../fixtures/scenarios');
/** Words that fit one phone screen of a chat message. */
export const PHONE_WORDS = 120;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

export async function run(): Promise<BenchRow[]> {
  const files = readdirSync(dir)
    .filter((file) => file.endsWith('.yaml'))
    .sort();
  let expected = 0;
  let found = 0;
  let causes = 0;
  let causesRight = 0;
  let falseCriticals = 0;
  const requests: number[] = [];
  const bytes: number[] = [];
  const words: number[] = [];
  const long: string[] = [];
  console.error('scenario | found | root cause | false crit | requests | bytes | words');
  for (const file of files) {
    const { expectation, report } = await diagnoseScenario(readFileSync(join(dir, file), 'utf8'));
    const wanted: ExpectedFinding[] = expectation.findings ?? [];
    const hits = wanted.filter((e) => report.findings.some((f) => matches(f, e))).length;
    const withCause = [...wanted, ...(expectation.first ? [expectation.first] : [])].filter(
      (e) => e.rootCause,
    );
    const causeHits = withCause.filter((e) => report.findings.some((f) => matches(f, e))).length;
    const messageCause = expectation.message?.rootCause ? 1 : 0;
    const messageRight =
      messageCause && messageMisses(report, { rootCause: expectation.message!.rootCause! }).length === 0
        ? 1
        : 0;
    const critical = wanted.filter((e) => (e.severity ?? 'critical') === 'critical');
    const falseCrit = report.findings.filter(
      (f) => f.severity === 'critical' && !critical.some((e) => matches(f, e)),
    ).length;
    const count = messageWords(report);
    expected += wanted.length;
    found += hits;
    causes += withCause.length + messageCause;
    causesRight += causeHits + messageRight;
    falseCriticals += falseCrit;
    requests.push(report.meta?.apiRequests ?? 0);
    bytes.push(report.meta?.bytesRead ?? 0);
    words.push(count);
    if (count > PHONE_WORDS) long.push(file);
    console.error(
      `${file} | ${hits}/${wanted.length} | ${causeHits + messageRight}/${withCause.length + messageCause} | ${falseCrit} | ${report.meta?.apiRequests} | ${report.meta?.bytesRead} | ${count}`,
    );
  }
  if (long.length) console.error(`messages over ${PHONE_WORDS} words: ${long.join(', ')}`);
  const note = `${files.length} scenarios`;
  return [
    row('accuracy: expected findings found', found / Math.max(1, expected), 'ratio', {
      target: 1,
      compare: '>=',
      note: `${found}/${expected}, ${note}`,
    }),
    row('accuracy: root causes right', causesRight / Math.max(1, causes), 'ratio', {
      target: 1,
      compare: '>=',
      note: `${causesRight}/${causes}`,
    }),
    row('accuracy: false critical findings', falseCriticals, 'count', { target: 0, note }),
    row('accuracy: API requests per diagnosis (median)', median(requests), 'requests', { note }),
    row('accuracy: bytes read per diagnosis (median)', median(bytes), 'bytes', { note }),
    row('message words (median)', median(words), 'words', {
      target: PHONE_WORDS,
      note: 'Slack text as the demo prints it',
    }),
    row('message words (max)', Math.max(...words), 'words', {
      target: PHONE_WORDS,
      note: long.length ? `over: ${long.join(', ')}` : 'every message fits a phone screen',
    }),
  ];
}

if (process.argv[1]?.endsWith('accuracy.ts')) console.log(JSON.stringify(await run(), null, 1));
