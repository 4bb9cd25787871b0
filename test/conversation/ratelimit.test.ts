// The per-person turn limit on @upstash/ratelimit, against redis-server behind the Upstash REST bridge: past the
// budget a turn is answered kindly, reads nothing and leaves the memory as it was; a retried turn counts once.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from '@upstash/redis';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createFixtureHandler, loadFixture } from '../../infra/sim/index.ts';
import { type RedisServer, startRedisServer } from '../../infra/stack/redis.ts';
import { startUpstashBridge, type UpstashBridge } from '../../infra/stack/upstash.ts';
import { RestClusterReader } from '../../lib/cluster/index.ts';
import { upstashTurnLimiter } from '../../lib/conversation/index.ts';
import { converse, type JobDeps, type Turn } from '../../lib/jobs/index.ts';
import { MemoryKv, stores } from '../../lib/store/index.ts';

const token = 'chat-ratelimit-token-31cc';
let server: RedisServer;
let bridge: UpstashBridge;

beforeAll(async () => {
  server = await startRedisServer();
  bridge = await startUpstashBridge({ port: server.port, token });
});
afterAll(async () => {
  await bridge?.close();
  await server?.close();
});

const limiter = (perMinute: number) =>
  upstashTurnLimiter({
    redis: new Redis({ url: bridge.url, token, enableTelemetry: false }),
    perMinute,
    prefix: `t${Date.now()}-${Math.random().toString(36).slice(2, 8)}`,
  });

test('three turns a minute: the fourth is refused with when to try again; another person is not', async () => {
  const turns = limiter(3);
  for (const id of ['a1', 'a2', 'a3']) expect(await turns.take('line:Ualice', id)).toEqual({ ok: true });
  const refused = await turns.take('line:Ualice', 'a4');
  expect(refused).toMatchObject({ ok: false, limit: 3 });
  if (refused.ok) throw new Error('unreachable');
  expect(refused.retryAfterSeconds).toBeGreaterThan(0);
  expect(refused.retryAfterSeconds).toBeLessThanOrEqual(60);
  expect(await turns.take('slack:U0BOB', 'b1')).toEqual({ ok: true });
});

test('a retried turn (the same job id) is counted once', async () => {
  const turns = limiter(2);
  expect(await turns.take('line:Ualice', 'line-01JX')).toEqual({ ok: true });
  expect(await turns.take('line:Ualice', 'line-01JX')).toEqual({ ok: true });
  expect(await turns.take('line:Ualice', 'line-01JX')).toEqual({ ok: true });
  expect(await turns.take('line:Ualice', 'line-01JY')).toEqual({ ok: true });
  expect(await turns.take('line:Ualice', 'line-01JZ')).toMatchObject({ ok: false });
});

test('over the limit, converse answers kindly without reading the cluster or extending the memory', async () => {
  const store = stores(new MemoryKv());
  const handler = createFixtureHandler(
    loadFixture(readFileSync(join(import.meta.dirname, '../fixtures/demo/crashloop.yaml'), 'utf8')),
  );
  const reads: string[] = [];
  const deps: JobDeps = {
    ledger: store.ledger,
    reports: store.reports,
    conversations: store.conversations,
    turnLimiter: limiter(1),
    readerFor: () =>
      new RestClusterReader({
        baseUrl: 'http://fixture.invalid',
        fetch: async (request) => {
          reads.push(new URL(request.url).pathname);
          return handler(request);
        },
      }),
    deliver: async () => undefined,
  };
  const turn = (id: string, text: string): Turn => ({
    id,
    conversation: 'api:script-1',
    user: { channel: 'api', id: 'script-1' },
    text,
    cluster: 'demo',
  });
  expect((await converse(turn('api-1', '/pods shop'), deps)).text).toMatch(/^6 pods in shop/);
  const readsBefore = reads.length;
  expect(readsBefore).toBeGreaterThan(0);
  const before = await store.conversations.get('api:script-1');
  const answer = await converse(turn('api-2', '/pods shop'), deps);
  expect(answer.command).toBe('rate-limited');
  expect(answer.text).toMatch(
    /^You have sent 1 message in the last minute; I'll answer again in about \d+ s\.$/,
  );
  expect(answer.retryAfterSeconds).toBeGreaterThan(0);
  expect(reads).toHaveLength(readsBefore);
  expect(await store.conversations.get('api:script-1')).toEqual(before);
});
