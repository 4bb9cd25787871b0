// A sync that succeeds after a failure answers ✅ in the failure's thread (Slack; LINE: the next message) once, and
// clears the failure; a success with no failure on record says nothing.
import { afterAll, describe, expect, it } from 'vitest';
import { runDiagnoseArgoJob } from '../../lib/jobs/index.ts';
import { MemoryKv } from '../../lib/store/index.ts';
import { type ArgoCluster, argoDeps, argoJob, notificationOf, startArgoCluster } from './harness.ts';

const clusters: ArgoCluster[] = [];
afterAll(async () => {
  await Promise.all(clusters.map((cluster) => cluster.close()));
});
async function cluster(name: string) {
  const started = await startArgoCluster(name);
  clusters.push(started);
  return started;
}

const targets = [
  { channel: 'slack' as const, to: 'C0KRONCALL' },
  { channel: 'line' as const, to: 'Uoncall0123456789abcdef0123456789' },
];

describe('success after failure', () => {
  it('✅ in the failure thread once, then nothing', async () => {
    const failing = await cluster('invalid-manifest');
    const fixed = await cluster('recovered');
    const kv = new MemoryKv();
    const before = argoDeps(failing.readerFor, kv);
    await runDiagnoseArgoJob(argoJob(notificationOf('invalid-manifest'), targets), before.deps);
    const posted = before.delivered.map(({ target }) => target.channel);
    expect(posted).toEqual(['slack', 'line']);

    const after = argoDeps(fixed.readerFor, kv);
    const success = argoJob(notificationOf('recovered'), targets);
    expect(await runDiagnoseArgoJob(success, after.deps)).toEqual({
      status: 'recovered',
      delivered: ['slack:C0KRONCALL', 'line:Uoncall0123456789abcdef0123456789'],
    });
    expect(after.delivered).toHaveLength(0);
    // The Slack reply goes into the failure message's thread (its ts, 1700000000.000100 in argoDeps).
    // The send key is each delivery's own (job id and target); where it went is the rest.
    const where = after.said.map(({ target }) => {
      const { sendKey: _, ...rest } = target as typeof target & { sendKey?: string };
      return rest;
    });
    expect(where).toEqual([
      { channel: 'slack', to: 'C0KRONCALL', thread: '1700000000.000100' },
      { channel: 'line', to: 'Uoncall0123456789abcdef0123456789', thread: '1700000001.000100' },
    ]);
    const text = after.said[0]!.message;
    expect(text).toMatchObject({ type: 'text', text: '✅ payments synced revision abc1234 and is healthy.' });
    console.log(`--- argo recovered: the reply in the thread ---\n${(text as { text: string }).text}\n`);

    // Once: the same success again, and a later success of another revision, say nothing.
    expect(await runDiagnoseArgoJob(success, after.deps)).toEqual({ status: 'duplicate' });
    const later = { ...success, id: `${success.id}-later` };
    expect(await runDiagnoseArgoJob(later, after.deps)).toEqual({ status: 'recovered', delivered: [] });
    expect(after.said).toHaveLength(2);
  });

  it('a success with no failure on record says nothing', async () => {
    const fixed = await cluster('recovered');
    const { deps, said, delivered } = argoDeps(fixed.readerFor);
    expect(await runDiagnoseArgoJob(argoJob(notificationOf('recovered')), deps)).toEqual({
      status: 'recovered',
      delivered: [],
    });
    expect(said).toHaveLength(0);
    expect(delivered).toHaveLength(0);
  });
});
