// The firing set's values are JSON, so Upstash's SDK (which JSON.parses every hash value it reads) parses them
// instead of throwing thousands of times a webhook; values recorded before, `name<TAB>severity`, still read.
import { expect, it } from 'vitest';
import { incidentStore, kvRun, MemoryKv } from '../../lib/store/index.ts';

it('records firing alerts as JSON and still reads the older tab-separated values', async () => {
  const kv = new MemoryKv();
  const incidents = incidentStore(kv);
  const key = 'prod/shop/Workload/payment';
  await incidents.record(
    [
      {
        key,
        jobId: 'am-1',
        claim: true,
        firing: [{ fingerprint: 'a1', name: 'KubePodCrashLooping', severity: 'warning' }],
        resolved: [],
      },
    ],
    900,
    86_400,
  );
  const raw = await kvRun(kv, ['hgetall', `kr:incident:${key}:firing`]);
  expect(JSON.parse(raw.a1 as string)).toEqual(['KubePodCrashLooping', 'warning']);
  // An incident recorded by the previous version, mid-flight during an upgrade.
  await kvRun(kv, [
    'hset',
    `kr:incident:${key}:firing`,
    { b1: 'KubePodNotReady\tcritical', c1: 'KubeJobFailed\t' },
  ]);
  expect(await incidents.firing(key)).toEqual({
    a1: { name: 'KubePodCrashLooping', severity: 'warning' },
    b1: { name: 'KubePodNotReady', severity: 'critical' },
    c1: { name: 'KubeJobFailed' },
  });
});
