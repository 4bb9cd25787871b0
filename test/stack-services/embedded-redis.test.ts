// The embedded store behind the Upstash REST bridge: @upstash/redis, @upstash/ratelimit and the stores get the
// same answers as from redis-server, command for command.
import { Ratelimit } from '@upstash/ratelimit';
import { Redis } from '@upstash/redis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { EmbeddedRedis } from '../../infra/stack/embedded-redis.ts';
import { type RedisServer, startRedisServer } from '../../infra/stack/redis.ts';
import { startUpstashBridge, type UpstashBridge } from '../../infra/stack/upstash.ts';
import { upstashTurnLimiter } from '../../lib/conversation/ratelimit.ts';
import { type KvCommand, MemoryKv, RedisKv } from '../../lib/store/index.ts';

const token = 'embedded-token';
let clock = Date.now();
let embedded: UpstashBridge;
let server: RedisServer;
let real: UpstashBridge;
let redis: Redis;

beforeAll(async () => {
  embedded = await startUpstashBridge({ store: new EmbeddedRedis({ now: () => clock }), token });
  server = await startRedisServer();
  real = await startUpstashBridge({ port: server.port, token });
  redis = new Redis({ url: embedded.url, token, enableTelemetry: false });
});
afterAll(async () => {
  await embedded?.close();
  await real?.close();
  await server?.close();
});

const post = async (bridge: UpstashBridge, path: string, body: unknown) => {
  const response = await fetch(`${bridge.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    body: (await response.json()) as { result?: unknown; error?: string }[] & { error?: string },
  };
};

it('answers a pipeline of every command it serves exactly as redis-server does', async () => {
  const commands = [
    ['PING'],
    ['SET', 'p:s', 'one'],
    ['SET', 'p:s', 'two', 'NX'],
    ['SET', 'p:s', 'two', 'XX', 'GET'],
    ['SET', 'p:missing', 'x', 'XX'],
    ['SET', 'p:s', 'x', 'EX', '0'],
    ['SET', 'p:s', 'x', 'NX', 'XX'],
    ['GET', 'p:s'],
    ['GETDEL', 'p:s'],
    ['GETDEL', 'p:s'],
    ['SET', 'p:ttl', 'v', 'EX', '60'],
    ['TTL', 'p:ttl'],
    ['TTL', 'p:s'],
    ['SET', 'p:forever', 'v'],
    ['TTL', 'p:forever'],
    ['EXPIRE', 'p:forever', '30', 'XX'],
    ['EXPIRE', 'p:forever', '30', 'NX'],
    ['PERSIST', 'p:forever'],
    ['EXPIRE', 'p:nothing', '30'],
    ['INCR', 'p:n'],
    ['INCRBY', 'p:n', '41'],
    ['DECRBY', 'p:n', '2'],
    ['INCR', 'p:forever'],
    ['INCRBY', 'p:n', 'x'],
    ['RPUSH', 'p:list', 'a', 'b', 'c', 'd'],
    ['LPUSH', 'p:list', 'z', 'y'],
    ['LRANGE', 'p:list', '0', '-1'],
    ['LRANGE', 'p:list', '-2', '100'],
    ['LTRIM', 'p:list', '1', '-2'],
    ['LLEN', 'p:list'],
    ['LRANGE', 'p:list', '0', '-1'],
    ['LTRIM', 'p:list', '5', '1'],
    ['EXISTS', 'p:list', 'p:n', 'p:none'],
    ['GET', 'p:n'],
    ['LLEN', 'p:n'],
    ['TYPE', 'p:n'],
    ['TYPE', 'p:none'],
    ['RPUSH', 'p:l2', 'x'],
    ['TYPE', 'p:l2'],
    ['KEYS', 'p:[ln]*'],
    ['HSET', 'p:h', 'a', '1', 'b', '2'],
    ['HDEL', 'p:h', 'a', 'zz'],
    ['HLEN', 'p:h'],
    ['HLEN', 'p:none'],
    ['MGET', 'p:forever', 'p:none', 'p:list', 'p:h'],
    ['DEL', 'p:n', 'p:l2', 'p:none'],
    ['GET'],
    ['EVALSHA', '0000000000000000000000000000000000000000', '0'],
  ];
  const [fromEmbedded, fromRedis] = await Promise.all([
    post(embedded, '/pipeline', commands),
    post(real, '/pipeline', commands),
  ]);
  const sortKeys = (body: { result?: unknown }[]) =>
    body.map((entry) => (Array.isArray(entry.result) ? { result: [...entry.result].sort() } : entry));
  expect(fromEmbedded.status).toBe(fromRedis.status);
  expect(sortKeys(fromEmbedded.body)).toEqual(sortKeys(fromRedis.body));
});

it('runs MULTI/EXEC atomically and aborts it on a command refused while queueing, like redis-server', async () => {
  const ok = [
    ['SET', 't:1', 'a'],
    ['INCR', 't:1'],
    ['GET', 't:1'],
  ];
  const aborted = [['SET', 't:never', 'set'], ['GET']];
  for (const body of [ok, aborted]) {
    const [fromEmbedded, fromRedis] = await Promise.all([
      post(embedded, '/multi-exec', body),
      post(real, '/multi-exec', body),
    ]);
    expect(fromEmbedded).toEqual(fromRedis);
  }
  expect(
    (await post(embedded, '/multi-exec', [['SET', 't:never', 'x'], ['NOSUCHCOMMAND']])).body.error,
  ).toMatch(/unknown command 'NOSUCHCOMMAND'.*install redis-server/);
  expect(await redis.get('t:never')).toBeNull();

  const tx = redis.multi();
  tx.set('t:json', { a: 1 });
  tx.incr('t:n');
  tx.get('t:json');
  expect(await tx.exec()).toEqual(['OK', 1, { a: 1 }]);
  const auto = new Redis({ url: embedded.url, token, enableTelemetry: false, enableAutoPipelining: true });
  expect(await Promise.all([auto.set('auto:1', 'x'), auto.incr('auto:n'), auto.get('auto:1')])).toEqual([
    'OK',
    1,
    'x',
  ]);
});

it('expires keys on its clock: EX, PX, EXPIRE, and a list keeps its TTL as it grows', async () => {
  await redis.set('ttl:ex', 'v', { ex: 10 });
  await redis.set('ttl:px', 'v', { px: 1500 });
  await redis.rpush('ttl:list', 'a');
  expect(await redis.expire('ttl:list', 5)).toBe(1);
  await redis.rpush('ttl:list', 'b');
  expect(await redis.pttl('ttl:px')).toBe(1500);
  clock += 2000;
  expect(await redis.get('ttl:px')).toBeNull();
  expect(await redis.get('ttl:ex')).toBe('v');
  expect(await redis.ttl('ttl:ex')).toBe(8);
  expect(await redis.lrange('ttl:list', 0, -1)).toEqual(['a', 'b']);
  clock += 4000;
  expect(await redis.llen('ttl:list')).toBe(0);
  expect(await redis.exists('ttl:ex')).toBe(1);
  clock += 5000;
  expect(await redis.exists('ttl:ex')).toBe(0);
  expect(await redis.set('ttl:ex', 'again', { nx: true, ex: 10 })).toBe('OK');
});

it('gives the stores the same replies as the in-memory Kv', async () => {
  const batch: KvCommand[] = [
    ['set', 'kv:a', '{"x":1}', { ex: 60 }],
    ['set', 'kv:a', 'other', { ex: 60, nx: true }],
    ['get', 'kv:a'],
    ['rpush', 'kv:l', '1', '2', '3'],
    ['ltrim', 'kv:l', -2, -1],
    ['lrange', 'kv:l', 0, -1],
    ['llen', 'kv:l'],
    ['mget', 'kv:a', 'kv:l', 'kv:none'],
    ['hset', 'kv:h', { f: '1', g: '2' }],
    ['hdel', 'kv:h', 'f', 'x'],
    ['hlen', 'kv:h'],
    ['hlen', 'kv:none'],
    ['expire', 'kv:l', 30],
    ['expire', 'kv:none', 30],
    ['getdel', 'kv:a'],
    ['get', 'kv:a'],
    ['del', 'kv:l'],
    ['del', 'kv:l'],
  ];
  expect(await new RedisKv(redis).batch(batch)).toEqual(await new MemoryKv().batch(batch));
});

it('runs @upstash/ratelimit: fixed and sliding windows, EVALSHA first and EVAL on NOSCRIPT', async () => {
  for (const [name, limiter] of [
    ['fixed', Ratelimit.fixedWindow(2, '60 s')],
    ['sliding', Ratelimit.slidingWindow(2, '60 s')],
  ] as const) {
    const limit = new Ratelimit({ redis, limiter, prefix: `rl:${name}`, enableProtection: false });
    const results = [];
    for (let i = 0; i < 3; i++) results.push((await limit.limit('U-approver')).success);
    expect(results, name).toEqual([true, true, false]);
    expect((await limit.limit('U-other')).success, name).toBe(true);
    const remaining = await limit.limit('U-third');
    expect([remaining.success, remaining.remaining, remaining.limit], name).toEqual([true, 1, 2]);
  }
  // The chat budget built on it counts a turn once, however often its delivery is retried.
  const turns = upstashTurnLimiter({ redis, perMinute: 1, prefix: 'rl:chat' });
  expect(await turns.take('slack:U1', 'turn-1')).toEqual({ ok: true });
  expect(await turns.take('slack:U1', 'turn-1')).toEqual({ ok: true });
  expect(await turns.take('slack:U1', 'turn-2')).toMatchObject({ ok: false, limit: 1 });
});

it('refuses a script it does not know, naming the way to a real redis-server', async () => {
  await expect(redis.eval("return redis.call('GET', KEYS[1])", ['k'], [])).rejects.toThrow(
    /embedded store runs only @upstash\/ratelimit's .* install redis-server/,
  );
});
