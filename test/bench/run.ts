// `npm run bench`: every bench module in one run, printed as one table (`-- --json`: one JSON array of rows on
// stdout; `-- --readme`: also writes README.md's Measured block). Detail goes to stderr. Not a timed test.
// `-- --only=stack,agent` runs the named modules only.
import { readFile, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { jsonRows, markdownTable, readmeBlock, withReadmeBlock } from './print.ts';
import type { BenchModule, BenchRow } from './table.ts';

const modules: Record<string, () => Promise<BenchModule>> = {
  stack: () => import('./stack-bench.ts'),
  diagnosis: () => import('./diagnosis.ts'),
  agent: () => import('./agent.ts'),
  redaction: () => import('./redaction.ts'),
  chat: () => import('./chat.ts'),
  'health-report': () => import('./health-report.ts'),
  accuracy: () => import('./accuracy.ts'),
  changes: () => import('./changes.ts'),
};

const args = process.argv.slice(2);
const only = args
  .find((arg) => arg.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');
const unknown = (only ?? []).filter((name) => !(name in modules));
if (unknown.length > 0)
  throw new Error(`bench: no module ${unknown.join(', ')} (there are ${Object.keys(modules).join(', ')})`);

const rows: BenchRow[] = [];
for (const [name, load] of Object.entries(modules)) {
  if (only && !only.includes(name)) continue;
  const started = performance.now();
  rows.push(...(await (await load()).run()));
  console.error(`bench: ${name} done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

if (args.includes('--json')) console.log(jsonRows(rows));
else console.log(markdownTable(rows));

if (args.includes('--readme')) {
  const path = join(import.meta.dirname, '../../README.md');
  const machine = `a ${cpus().length}-core machine`;
  await writeFile(
    path,
    withReadmeBlock(await readFile(path, 'utf8'), readmeBlock(rows, new Date(), machine)),
  );
  console.error(`bench: README.md's Measured block rewritten (${rows.length} rows)`);
}
