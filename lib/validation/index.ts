// How a validation failure reads to a person: one formatter for every zod schema at every boundary.
import type { z } from 'zod';

/** `alerts[1].startsAt` for ['alerts', 1, 'startsAt']: paths written the way a person reads JSON. */
export function fieldPath(path: readonly PropertyKey[], prefix = ''): string {
  return path.reduce<string>(
    (out, part) =>
      typeof part === 'number' ? `${out}[${part}]` : out ? `${out}.${String(part)}` : String(part),
    prefix,
  );
}

export interface DescribeOptions {
  /** Written before every path, e.g. `alerts[3]` or `CLUSTERS`. */
  prefix?: string;
  /** What an issue about the whole value is called (default `(body)`). */
  whole?: string;
  /** How many issues to name (default 5); the rest are left out. */
  max?: number;
}

/** `path: message` for the first few issues, joined with `; `. */
export function describeIssues(error: z.ZodError, options: DescribeOptions = {}): string {
  return error.issues
    .slice(0, options.max ?? 5)
    .map(
      (issue) => `${fieldPath(issue.path, options.prefix) || (options.whole ?? '(body)')}: ${issue.message}`,
    )
    .join('; ');
}
