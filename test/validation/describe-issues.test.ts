// The one formatter every boundary uses: paths as a person reads JSON, a prefix, the whole value, a bound.
import { expect, it } from 'vitest';
import { z } from 'zod';
import { describeIssues } from '../../lib/validation/index.ts';

const Body = z.object({ alerts: z.array(z.object({ startsAt: z.iso.datetime(), name: z.string() })) });

it('names array items by index and nested fields by dot', () => {
  const error = Body.safeParse({
    alerts: [{ startsAt: '2026-01-01T00:00:00Z', name: 'a' }, { startsAt: 'x' }],
  }).error!;
  expect(describeIssues(error)).toMatch(/^alerts\[1\]\.startsAt: .*; alerts\[1\]\.name: /);
});

it('prefixes paths, names the whole value, says `missing` for absent fields, and stops at max', () => {
  const Cluster = z.object({ proxyUrl: z.url(), key: z.string() });
  const error = z.record(z.string(), Cluster).safeParse({ prod: { proxyUrl: 'nope' } }).error!;
  expect(describeIssues(error, { prefix: 'CLUSTERS', missing: 'required' })).toBe(
    'CLUSTERS.prod.proxyUrl: Invalid URL; CLUSTERS.prod.key: required',
  );
  expect(describeIssues(error, { max: 1 }).split('; ')).toHaveLength(1);
  expect(describeIssues(z.string().safeParse(1).error!, { whole: '(top level)' })).toMatch(
    /^\(top level\): /,
  );
  expect(describeIssues(z.string().safeParse(1).error!)).toMatch(/^\(body\): /);
});
