// The benchmark's one table: every module returns rows `{name, value, unit, target, ok}`; `run.ts` prints them
// (markdown, or one JSON array with `-- --json`) and the README's Measured section is generated from the same rows.

export interface BenchRow {
  /** What was measured, e.g. `ingest handler p99 (50-alert posts, wrangler dev)`. */
  name: string;
  value: number;
  /** `ms`, `requests`, `bytes`, `tokens`, `alerts`, `ratio`, `%`, `count`, `words`, `µs/pod`, … */
  unit: string;
  /** The target, in the same unit, when there is one (`ok` says whether `value` meets it). */
  target?: number;
  /** How the value compares to the target: `<=` (at most, the default) or `>=` (at least) or `=`. */
  compare?: '<=' | '>=' | '=';
  ok?: boolean;
  /** One short line of context (how it was measured, the run's size). */
  note?: string;
}

/** A row with `ok` derived from the target. */
export function row(
  name: string,
  value: number,
  unit: string,
  options: { target?: number; compare?: BenchRow['compare']; note?: string } = {},
): BenchRow {
  const compare = options.compare ?? '<=';
  const ok =
    options.target === undefined
      ? undefined
      : compare === '<='
        ? value <= options.target
        : compare === '>='
          ? value >= options.target
          : value === options.target;
  return {
    name,
    value,
    unit,
    ...(options.target !== undefined ? { target: options.target, compare } : {}),
    ...(ok !== undefined ? { ok } : {}),
    ...(options.note ? { note: options.note } : {}),
  };
}

/** A bench module: prints what detail it likes to stderr while it runs, and returns its rows. */
export interface BenchModule {
  run(): Promise<BenchRow[]>;
}
