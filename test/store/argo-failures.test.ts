// Argo CD failures on record: a retry of the same failure adds the chats it reached, a new failure replaces the
// old one, and clear forgets it (so the ✅ goes out once).
import { describe, expect, it } from 'vitest';
import { argoFailureStore, MemoryKv } from '../../lib/store/index.ts';

describe('argo failure store', () => {
  it('adds refs of the same failure, replaces on a new one, clears', async () => {
    const kv = new MemoryKv();
    const store = argoFailureStore(kv);
    const slack = { channel: 'slack', to: 'C0KRONCALL', id: '1700000000.000100' };
    const line = { channel: 'line', to: 'Uoncall' };
    await store.record('prod-eu', 'payments', { failureKey: 'k1', refs: [slack] }, 60);
    await store.record('prod-eu', 'payments', { failureKey: 'k1', refs: [slack, line] }, 60);
    expect(await store.get('prod-eu', 'payments')).toEqual({ failureKey: 'k1', refs: [slack, line] });
    expect(await kv.batch([['get', 'kr:argo:prod-eu:payments:failure']] as const)).not.toEqual([null]);
    await store.record('prod-eu', 'payments', { failureKey: 'k2', refs: [line] }, 60);
    expect(await store.get('prod-eu', 'payments')).toEqual({ failureKey: 'k2', refs: [line] });
    expect(await store.get('prod-eu', 'checkout')).toBeUndefined();
    await store.clear('prod-eu', 'payments');
    expect(await store.get('prod-eu', 'payments')).toBeUndefined();
  });
});
