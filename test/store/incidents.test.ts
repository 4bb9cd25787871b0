// The incident store's state: one MGET looks at every incident's claim and thread, one batch records a webhook's
// alerts (a claim only when asked); the firing set outlives the claim's window, and closing ends the claim but keeps
// the thread.
import { expect, it } from 'vitest';
import { incidentStore, MemoryKv } from '../../lib/store/index.ts';

it('claims, records firing alerts by fingerprint, and keeps the thread past the window', async () => {
  let now = Date.parse('2026-11-23T08:00:00Z');
  const incidents = incidentStore(new MemoryKv({ now: () => now }));
  const key = 'prod/shop/Workload/payment';
  const record = async (jobId: string, firing: string[], resolved: string[] = []) => {
    const [look] = await incidents.look([key]);
    const [recorded] = await incidents.record(
      [
        {
          key,
          jobId,
          // Asked for only when nobody holds the incident and something fires (as ingest does).
          claim: !look?.holder && firing.length > 0,
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
    return { look, recorded };
  };

  const first = await record('job-1', ['a1', 'a2']);
  expect(first.look).toEqual({ holder: null });
  expect(first.recorded).toMatchObject({ claim: { claimed: true }, hadFiring: false, emptied: false });
  const second = await record('job-2', ['a3']);
  expect(second.look?.holder).toBe('job-1');
  expect(second.recorded?.claim).toBeUndefined();
  expect(await incidents.firing(key)).toEqual({
    a1: { name: 'KubePodCrashLooping', severity: 'warning' },
    a2: { name: 'KubePodCrashLooping', severity: 'warning' },
    a3: { name: 'KubePodCrashLooping', severity: 'warning' },
  });

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
  const later = await record('job-3', [], ['a1', 'a2']);
  expect(later.look?.holder).toBeNull();
  expect(later.look?.thread?.reportId).toBe('r1');
  expect(later.recorded).toMatchObject({ emptied: false });
  expect(Object.keys(await incidents.firing(key))).toEqual(['a3']);
  // The last firing alert resolves: the incident is emptied.
  expect((await record('job-3', [], ['a3'])).recorded).toMatchObject({ emptied: true });

  await incidents.close(key);
  const reopen = await record('job-4', ['a1']);
  expect(reopen.recorded?.claim).toEqual({ claimed: true });
  now += 86_401_000;
  expect(await incidents.thread(key)).toBeUndefined();
  expect(await incidents.firing(key)).toEqual({});
});
