// The incident store's state: one batch claims and records a webhook's alerts, answering what was firing before
// it and the thread; the firing set outlives the claim's window, and closing ends the claim but keeps the thread.
import { expect, it } from 'vitest';
import { incidentStore, MemoryKv } from '../../lib/store/index.ts';

it('claims, records firing alerts by fingerprint, and keeps the thread past the window', async () => {
  let now = Date.parse('2026-11-23T08:00:00Z');
  const incidents = incidentStore(new MemoryKv({ now: () => now }));
  const key = 'prod/shop/Workload/payment';
  const sight = (jobId: string, firing: string[], resolved: string[] = []) =>
    incidents.sight(
      [
        {
          key,
          jobId,
          firing: firing.map((fingerprint) => ({
            fingerprint,
            name: 'KubePodCrashLooping',
            severity: 'warning',
          })),
          resolved,
        },
      ],
      600,
      86_400,
    );

  const [first] = await sight('job-1', ['a1', 'a2']);
  expect(first).toEqual({ claim: { claimed: true }, before: {} });
  const [second] = await sight('job-2', ['a3']);
  expect(second?.claim).toEqual({ claimed: false, jobId: 'job-1' });
  expect(Object.keys(second?.before ?? {})).toEqual(['a1', 'a2']);
  expect(second?.before.a1).toEqual({ name: 'KubePodCrashLooping', severity: 'warning' });

  await incidents.saveThread(
    key,
    {
      reportId: 'r1',
      title: 'T',
      openedAt: '2026-11-23T08:00:00Z',
      status: 'firing',
      names: ['KubePodCrashLooping'],
      refs: [],
    },
    86_400,
  );
  // Past the window the claim is gone, but what fires and the thread are still known.
  now += 601_000;
  const [later] = await sight('job-3', [], ['a1', 'a2']);
  expect(later?.claim).toBeUndefined();
  expect(Object.keys(later?.before ?? {})).toEqual(['a1', 'a2', 'a3']);
  expect(later?.thread?.reportId).toBe('r1');
  expect(Object.keys(await incidents.firing(key))).toEqual(['a3']);

  await incidents.close(key);
  const [reopen] = await sight('job-4', ['a1']);
  expect(reopen?.claim).toEqual({ claimed: true });
  now += 86_401_000;
  expect(await incidents.thread(key)).toBeUndefined();
  expect(await incidents.firing(key)).toEqual({});
});
