// One contract, two Kv adapters: every store behaves the same over MemoryKv and over RedisKv (the real
// redis-server behind the Upstash REST bridge), TTLs and NX included.
import { Redis } from '@upstash/redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RedisServer, startRedisServer } from '../../infra/stack/redis.ts';
import { startUpstashBridge, type UpstashBridge } from '../../infra/stack/upstash.ts';
import type { Report } from '../../lib/report/index.ts';
import {
  type Kv,
  kvRun,
  MAX_JOINED_ALERTS,
  MemoryKv,
  type PendingApproval,
  RedisKv,
  stores,
} from '../../lib/store/index.ts';

let server: RedisServer;
let bridge: UpstashBridge;
beforeAll(async () => {
  server = await startRedisServer();
  bridge = await startUpstashBridge({ port: server.port, token: 'contract-token' });
});
afterAll(async () => {
  await bridge?.close();
  await server?.close();
});

interface Adapter {
  kv: Kv;
  /** Lets `ms` pass for TTLs: the memory clock moves, Redis is waited for. */
  pass(ms: number): Promise<void>;
}

const adapters: Record<string, () => Adapter> = {
  memory() {
    let now = Date.parse('2026-11-23T08:00:00Z');
    return {
      kv: new MemoryKv({ now: () => now }),
      pass: async (ms) => {
        now += ms;
      },
    };
  },
  redis() {
    const redis = new Redis({ url: bridge.url, token: 'contract-token', enableTelemetry: false });
    return { kv: new RedisKv(redis), pass: (ms) => new Promise((done) => setTimeout(done, ms)) };
  },
};

let run = 0;
/** A prefix of its own per test, so the Redis cases never see each other's keys. */
const fresh = (make: () => Adapter) => {
  const adapter = make();
  const prefix = `t${++run}-${Math.random().toString(36).slice(2, 8)}`;
  return { ...adapter, prefix, ...stores(adapter.kv, prefix) };
};

const report = (id: string): Report => ({
  id,
  source: 'alertmanager',
  cluster: 'demo',
  scope: { kind: 'alert', namespace: 'shop', object: { kind: 'Pod', namespace: 'shop', name: 'payment-1' } },
  startedAt: '2026-11-23T08:00:00Z',
  findings: [],
  summary: 'payment crash-loops: ペイメント 💳',
  proposals: [],
});

const approval = (id: string): PendingApproval => ({
  id,
  action: 'restart',
  target: { kind: 'Deployment', namespace: 'shop', name: 'payment' },
  cluster: 'demo',
  description: 'Restart Deployment shop/payment',
  reason: 'asked in the chat',
  requestedBy: 'slack:U123',
  replyTo: [{ channel: 'slack', to: 'C1', thread: '1.2' }],
  approvers: ['slack:U123'],
  createdAt: '2026-11-23T08:00:00Z',
  expiresAt: '2026-11-23T08:10:00Z',
});

describe.concurrent.each(Object.keys(adapters))('over %s', (name) => {
  const make = () => fresh(adapters[name] as () => Adapter);

  it('keeps text as written, honours NX and expires keys at their TTL', async () => {
    const { kv, prefix, pass } = make();
    const key = `${prefix}:value`;
    // Values that look like JSON stay the text they were.
    for (const value of ['12345', '{"a":1}', 'true', 'am-5f0c8a7d3b2e1f94-1795427250']) {
      await kvRun(kv, ['set', key, value, { ex: 60 }]);
      expect(await kvRun(kv, ['get', key])).toBe(value);
    }
    expect(await kvRun(kv, ['set', `${prefix}:once`, 'a', { ex: 1, nx: true }])).toBe(true);
    expect(await kvRun(kv, ['set', `${prefix}:once`, 'b', { ex: 1, nx: true }])).toBe(false);
    expect(await kvRun(kv, ['get', `${prefix}:once`])).toBe('a');
    await pass(1100);
    expect(await kvRun(kv, ['get', `${prefix}:once`])).toBeNull();
    expect(await kvRun(kv, ['set', `${prefix}:once`, 'c', { ex: 60, nx: true }])).toBe(true);
    expect(await kvRun(kv, ['getdel', `${prefix}:once`])).toBe('c');
    expect(await kvRun(kv, ['getdel', `${prefix}:once`])).toBeNull();
    expect(await kvRun(kv, ['del', key])).toBe(1);
    expect(await kvRun(kv, ['del', key])).toBe(0);
  });

  it('pushes, trims, ranges and expires lists in one batch', async () => {
    const { kv, prefix, pass } = make();
    const list = `${prefix}:list`;
    const replies = await kv.batch([
      ['rpush', list, 'a', 'b', 'c', 'd'],
      ['ltrim', list, -3, -1],
      ['expire', list, 1],
      ['lrange', list, 0, -1],
      ['llen', list],
    ]);
    expect(replies).toEqual([4, undefined, true, ['b', 'c', 'd'], 3]);
    expect(await kvRun(kv, ['expire', `${prefix}:missing`, 5])).toBe(false);
    await pass(1100);
    expect(await kvRun(kv, ['lrange', list, 0, -1])).toEqual([]);
    expect(await kvRun(kv, ['llen', list])).toBe(0);
  });

  it('ledger: one worker per job, a finished job is done for good, a released one is free again', async () => {
    const { ledger, pass } = make();
    expect(await ledger.claim('job-1', 1)).toBe('claimed');
    expect(await ledger.claim('job-1', 1)).toBe('running');
    await ledger.release('job-1');
    expect(await ledger.claim('job-1', 1)).toBe('claimed');
    // A worker that died holding the lock: the lock expires and another delivery takes the job.
    await pass(1100);
    expect(await ledger.claim('job-1', 60)).toBe('claimed');
    await ledger.finish('job-1');
    expect(await ledger.claim('job-1', 60)).toBe('done');
    expect(await ledger.claim('job-1', 60)).toBe('done');
  });

  it('ledger: marks each chat target delivered, per job', async () => {
    const { ledger } = make();
    expect(await ledger.wasDelivered('job-1', 'slack:C1')).toBe(false);
    await ledger.markDelivered('job-1', 'slack:C1');
    expect(await ledger.wasDelivered('job-1', 'slack:C1')).toBe(true);
    expect(await ledger.wasDelivered('job-1', 'slack:C2')).toBe(false);
    expect(await ledger.wasDelivered('job-2', 'slack:C1')).toBe(false);
  });

  it('incidents: the first job opens one for its window, others join a bounded list', async () => {
    const { incidents, pass } = make();
    const key = 'demo/shop/Workload/payment';
    expect(await incidents.claim(key, 'job-1', 1)).toEqual({ claimed: true });
    // A redelivery of the job that opened it still counts as the opener.
    expect(await incidents.claim(key, 'job-1', 1)).toEqual({ claimed: true });
    expect(
      await incidents.claimAll(
        [
          { key, jobId: 'job-2' },
          { key: 'other', jobId: 'job-3' },
        ],
        1,
      ),
    ).toEqual([{ claimed: false, jobId: 'job-1' }, { claimed: true }]);
    const alerts = Array.from({ length: MAX_JOINED_ALERTS + 5 }, (_, i) => ({
      key,
      alert: `KubePodCrashLooping ${i}`,
    }));
    await incidents.join(alerts, 1);
    const joined = await incidents.joined(key);
    expect(joined).toHaveLength(MAX_JOINED_ALERTS);
    expect(joined[0]).toBe('KubePodCrashLooping 5');
    expect(joined.at(-1)).toBe(`KubePodCrashLooping ${MAX_JOINED_ALERTS + 4}`);
    // The window ends: the incident and its joined alerts are gone, the next alert opens a new one.
    await pass(1100);
    expect(await incidents.joined(key)).toEqual([]);
    expect(await incidents.claim(key, 'job-4', 60)).toEqual({ claimed: true });
  });

  it('incidents: only the holder releases its claim', async () => {
    const { incidents } = make();
    await incidents.claim('k', 'job-1', 60);
    await incidents.release('k', 'job-2');
    expect(await incidents.claim('k', 'job-2', 60)).toEqual({ claimed: false, jobId: 'job-1' });
    await incidents.release('k', 'job-1');
    expect(await incidents.claim('k', 'job-2', 60)).toEqual({ claimed: true });
  });

  it('reports: round trip until they expire', async () => {
    const { reports, pass } = make();
    await reports.save(report('r-1'), 1);
    expect(await reports.get('r-1')).toEqual(report('r-1'));
    expect(await reports.get('r-2')).toBeUndefined();
    await pass(1100);
    expect(await reports.get('r-1')).toBeUndefined();
  });

  it('conversations: get and set with expiry, the summary kept; one stored before summaries still reads', async () => {
    const { conversations, kv, prefix, pass } = make();
    const turns = Array.from({ length: 23 }, (_, i) => ({
      role: i % 2 === 0 ? ('user' as const) : ('assistant' as const),
      text: `turn ${i}`,
      at: '2026-11-23T08:00:00Z',
      turn: `line-${Math.floor(i / 2)}`,
    }));
    const summary = ['user: /pods shop', 'bot: 6 pods in shop; 4 not running/ready or restarting'];
    await conversations.set({ id: 'slack:C1:1700000000.000100', reportId: 'r-1', turns, summary }, 1);
    const stored = await conversations.get('slack:C1:1700000000.000100');
    expect(stored?.reportId).toBe('r-1');
    expect(stored?.turns).toEqual(turns);
    expect(stored?.summary).toEqual(summary);
    await pass(1100);
    expect(await conversations.get('slack:C1:1700000000.000100')).toBeUndefined();

    const before = {
      id: 'line:user:U1',
      turns: [{ role: 'user', text: '/pods', at: '2026-11-23T08:00:00Z' }],
    };
    await kvRun(kv, ['set', `${prefix}:conversation:line:user:U1`, JSON.stringify(before), { ex: 60 }]);
    expect(await conversations.get('line:user:U1')).toEqual(before);
  });

  it('approvals: created once, taken once, gone when they expire', async () => {
    const { approvals, pass } = make();
    expect(await approvals.create(approval('a-1'), 60)).toBe(true);
    expect(await approvals.create({ ...approval('a-1'), action: 'scale' }, 60)).toBe(false);
    expect(await approvals.get('a-1')).toEqual(approval('a-1'));
    // Two presses at once: exactly one gets the approval.
    const taken = await Promise.all([approvals.take('a-1'), approvals.take('a-1')]);
    expect(taken.filter(Boolean)).toEqual([approval('a-1')]);
    expect(await approvals.take('a-1')).toBeUndefined();
    expect(await approvals.get('a-1')).toBeUndefined();
    await approvals.create(approval('a-2'), 1);
    await pass(1100);
    expect(await approvals.take('a-2')).toBeUndefined();
  });
});
