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
  /** Said instead of zod's message for a field that is missing (e.g. `required`, for a model to act on). */
  missing?: string;
}

/** `path: message` for the first few issues, joined with `; `. */
export function describeIssues(error: z.ZodError, options: DescribeOptions = {}): string {
  return error.issues
    .slice(0, options.max ?? 5)
    .map((issue) => {
      const where = fieldPath(issue.path, options.prefix) || (options.whole ?? '(body)');
      const missing = options.missing && issue.code === 'invalid_type' && issue.input === undefined;
      return `${where}: ${missing ? options.missing : issue.message}`;
    })
    .join('; ');
}

/**
 * A setting that holds JSON (`CLUSTERS`, `ROUTES`, `HEALTH_REPORTS`), parsed and validated in one step: the error
 * (made by `fail`) names the setting and the bad field (`ROUTES[2].to[0]: …`), never a value.
 */
export function parseJsonSetting<S extends z.ZodType>(
  name: string,
  json: string,
  schema: S,
  fail: (message: string) => Error,
): z.infer<S> {
  let document: unknown;
  try {
    document = JSON.parse(json);
  } catch {
    throw fail(`${name} is not valid JSON`);
  }
  const parsed = schema.safeParse(document);
  if (!parsed.success) throw fail(describeIssues(parsed.error, { prefix: name, whole: name, max: Infinity }));
  return parsed.data;
}
