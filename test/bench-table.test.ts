// The bench's printers: the table has one line per row with its ratio and verdict, the JSON is the rows, and the
// README block replaces exactly what lies between its markers.
import { expect, it } from 'vitest';
import {
  jsonRows,
  markdownTable,
  README_END,
  README_START,
  readmeBlock,
  withReadmeBlock,
} from './bench/print.ts';
import { row } from './bench/table.ts';

const rows = [
  row('ingest handler p99', 42, 'ms', { target: 100, note: '200 posts' }),
  row('storm: chat messages', 42, 'messages', { target: 40, compare: '=' }),
  row('faults found', 25, 'faults', { target: 25, compare: '>=' }),
  row('scan | time per pod', 38, 'µs/pod'),
];

it('prints one table line per row: value, unit, target, ratio and whether it is met', () => {
  const lines = markdownTable(rows).split('\n');
  expect(lines[0]).toBe('| name | value | unit | target | ratio | ok |');
  expect(lines).toHaveLength(2 + rows.length);
  expect(lines[2]).toBe('| ingest handler p99 | 42 | ms | ≤ 100 | 0.42 | yes |');
  expect(lines[3]).toBe('| storm: chat messages | 42 | messages | = 40 | 1.05 | **NO** |');
  expect(lines[4]).toBe('| faults found | 25 | faults | ≥ 25 | 1.00 | yes |');
  // A pipe in a name must not split the cell.
  expect(lines[5]).toBe('| scan \\| time per pod | 38 | µs/pod |  |  |  |');
});

it('prints the rows as one JSON array of {name, value, unit, target, ok}', () => {
  const parsed = JSON.parse(jsonRows(rows));
  expect(parsed).toHaveLength(rows.length);
  expect(parsed[0]).toMatchObject({
    name: 'ingest handler p99',
    value: 42,
    unit: 'ms',
    target: 100,
    ok: true,
  });
  expect(parsed[1]).toMatchObject({ ok: false });
  expect(parsed[3]).not.toHaveProperty('ok');
});

it('replaces only the text between the README markers, and refuses a README without them', () => {
  const readme = `# Title\n\n## Measured\n${README_START}\nold figures\n${README_END}\n\n## Next\n`;
  const block = readmeBlock(rows, new Date('2026-12-02T01:00:00Z'), 'a 2-core machine');
  const written = withReadmeBlock(readme, block);
  expect(written).not.toContain('old figures');
  expect(written).toContain('one `npm run bench` run on a 2-core machine, 2026-12-02');
  expect(written).toContain('- ingest handler p99: 200 posts');
  expect(written.startsWith('# Title\n\n## Measured\n')).toBe(true);
  expect(written.endsWith(`${README_END}\n\n## Next\n`)).toBe(true);
  expect(withReadmeBlock(written, block)).toBe(written);
  expect(() => withReadmeBlock('# no markers\n', block)).toThrow(/markers/);
});
