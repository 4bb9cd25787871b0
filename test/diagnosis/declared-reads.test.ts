// The loader reads what the analyzers declare: an analyzer added to the registry brings its own lists (up front
// for its kind and in scans, as a follow-up when the snapshot points at it) without a change to the loader.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFixtureHandler, loadFixture } from '../../infra/sim/index.ts';
import { type Analyzer, analyzers } from '../../lib/analyzers/index.ts';
import { RestClusterReader } from '../../lib/cluster/index.ts';
import { diagnose } from '../../lib/diagnosis/index.ts';
import type { Scope } from '../../lib/report/index.ts';

const fixture = readFileSync(
  join(import.meta.dirname, '../fixtures/scenarios/crashloop-selector-mismatch.yaml'),
  'utf8',
);

async function pathsRead(scope: Scope, registry: readonly Analyzer[]) {
  const handler = createFixtureHandler(loadFixture(fixture));
  const paths: string[] = [];
  const reader = new RestClusterReader({
    baseUrl: 'http://fixture.invalid',
    fetch: (request) => {
      paths.push(new URL(request.url).pathname);
      return handler(request);
    },
  });
  await diagnose({ reader, cluster: 'c', source: 'cli', scope, analyzers: registry });
  return paths;
}

const disruptionBudgets: Analyzer = {
  name: 'pdb-test',
  reads: { PodDisruptionBudget: ['podDisruptionBudgets'] },
  // A crash-looping pod makes it want the LimitRanges (a follow-up).
  followUps: (context) =>
    context
      .list('pods')
      .some((pod) =>
        (pod.status?.containerStatuses ?? []).some(
          (status: { state?: { waiting?: { reason?: string } } }) =>
            status.state?.waiting?.reason === 'CrashLoopBackOff',
        ),
      )
      ? ['limitRanges']
      : [],
  analyze: () => [],
};

const pdbAlert: Scope = {
  kind: 'alert',
  namespace: 'shop',
  object: { kind: 'PodDisruptionBudget', namespace: 'shop', name: 'payment' },
};
const lists = (paths: string[], plural: string) => paths.filter((path) => path.endsWith(`/${plural}`));

describe('reads declared by the analyzers', () => {
  it('an alert on a kind reads what the analyzers about that kind declare, beside the pods’ lists', async () => {
    const without = await pathsRead(pdbAlert, analyzers);
    const withIt = await pathsRead(pdbAlert, [...analyzers, disruptionBudgets]);
    expect(lists(without, 'poddisruptionbudgets')).toEqual([]);
    expect(lists(withIt, 'poddisruptionbudgets')).toEqual([
      '/apis/policy/v1/namespaces/shop/poddisruptionbudgets',
    ]);
    expect(lists(withIt, 'pods')).toEqual(lists(without, 'pods'));
  });

  it('a namespace scan reads every declared list; a follow-up is read once the snapshot points at it', async () => {
    const scan: Scope = { kind: 'namespace', namespace: 'shop' };
    const without = await pathsRead(scan, analyzers);
    const withIt = await pathsRead(scan, [...analyzers, disruptionBudgets]);
    expect(lists(without, 'poddisruptionbudgets')).toHaveLength(0);
    expect(lists(without, 'limitranges')).toHaveLength(0);
    expect(lists(withIt, 'poddisruptionbudgets')).toHaveLength(1);
    expect(lists(withIt, 'limitranges')).toEqual(['/api/v1/namespaces/shop/limitranges']);
  });

  it('an analyzer left out of the registry costs no read', async () => {
    const onlyPods = analyzers.filter((analyzer) => analyzer.reads.Pod);
    const paths = await pathsRead({ kind: 'namespace', namespace: 'shop' }, onlyPods);
    expect(lists(paths, 'ingresses')).toEqual([]);
    expect(lists(paths, 'pods')).toHaveLength(1);
  });
});
