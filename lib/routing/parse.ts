// ROUTES as configured (a JSON string), validated into rules; the error names the bad field (`ROUTES[2].to[0]: …`).
import { ConfigError } from '../config/index.ts';
import { describeIssues } from '../validation/index.ts';
import { Routes } from './schema.ts';

export function parseRoutes(json: string): Routes {
  let document: unknown;
  try {
    document = JSON.parse(json);
  } catch {
    throw new ConfigError('invalid configuration: ROUTES is not valid JSON');
  }
  const parsed = Routes.safeParse(document);
  if (!parsed.success)
    throw new ConfigError(
      `invalid configuration: ${describeIssues(parsed.error, { prefix: 'ROUTES', whole: 'ROUTES', max: Infinity })}`,
    );
  return parsed.data;
}
