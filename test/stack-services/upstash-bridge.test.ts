// @upstash/redis, unchanged, against redis-server behind the Upstash REST bridge: what a Worker would read back.
import { createHash } from 'node:crypto';
import { Ratelimit } from '@upstash/ratelimit';
import { Redis } from '@upstash/redis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type RedisServer, startRedisServer } from '../../infra/stack/redis.ts';
import { startUpstashBridge, type UpstashBridge } from '../../infra/stack/upstash.ts';

const token = 'canary-upstash-token-9f2c';
let server: RedisServer;
let bridge: UpstashBridge;
let redis: Redis;

beforeAll(async () => {
  server = await startRedisServer();
  bridge = await startUpstashBridge({ port: server.port, token });
  redis = new Redis({ url: bridge.url, token, enableTelemetry: false });
});
afterAll(async () => {
  await bridge?.close();
  await server?.close();
});

it('serves the basic commands the way the SDK expects', async () => {
  expect(await redis.set('greeting', 'hello')).toBe('OK');
  expect(await redis.get('greeting')).toBe('hello');
  expect(await redis.get('missing')).toBeNull();
  expect(await redis.incr('counter')).toBe(1);
  expect(await redis.incrby('counter', 41)).toBe(42);
  expect(await redis.expire('counter', 60)).toBe(1);
  const ttl = await redis.ttl('counter');
  expect(ttl).toBeGreaterThan(0);
  expect(ttl).toBeLessThanOrEqual(60);
  expect(await redis.set('once', 'x', { nx: true, ex: 30 })).toBe('OK');
  expect(await redis.set('once', 'y', { nx: true, ex: 30 })).toBeNull();
  expect(await redis.del('greeting', 'once')).toBe(2);
  expect(await redis.exists('greeting')).toBe(0);
});

it('round-trips JSON values, unicode and hashes', async () => {
  const incident = {
    key: 'demo/shop/Workload/payment',
    count: 3,
    labels: { team: 'ペイメント 💳' },
    open: true,
  };
  await redis.set('incident', incident);
  expect(await redis.get('incident')).toEqual(incident);
  await redis.set('unicode', 'Grüße, 世界 — ✓');
  expect(await redis.get('unicode')).toBe('Grüße, 世界 — ✓');
  expect(await redis.hset('approval:1', { actor: 'U123', action: 'restart', n: 2 })).toBe(3);
  expect(await redis.hgetall('approval:1')).toEqual({ actor: 'U123', action: 'restart', n: 2 });
  expect(await redis.hget('approval:1', 'action')).toBe('restart');
});

it('serves sorted sets and Lua scripts', async () => {
  expect(
    await redis.zadd(
      'storm',
      { score: 3, member: 'c' },
      { score: 1, member: 'a' },
      { score: 2, member: 'b' },
    ),
  ).toBe(3);
  expect(await redis.zrange('storm', 0, -1)).toEqual(['a', 'b', 'c']);
  expect(await redis.zrange('storm', 0, 0, { withScores: true })).toEqual(['a', 1]);
  const result = await redis.eval(
    "redis.call('SET', KEYS[1], ARGV[1]); return {redis.call('GET', KEYS[1]), redis.call('INCR', KEYS[2]), 'ok'}",
    ['lua:value', 'lua:count'],
    ['from-lua'],
  );
  expect(result).toEqual(['from-lua', 1, 'ok']);
});

it('runs pipelines, transactions and auto-pipelining', async () => {
  const pipeline = redis.pipeline();
  pipeline.set('p:1', 'one');
  pipeline.incr('p:n');
  pipeline.get('p:1');
  expect(await pipeline.exec()).toEqual(['OK', 1, 'one']);

  const tx = redis.multi();
  tx.set('t:1', { a: 1 });
  tx.incr('t:n');
  tx.get('t:1');
  expect(await tx.exec()).toEqual(['OK', 1, { a: 1 }]);

  const auto = new Redis({ url: bridge.url, token, enableTelemetry: false, enableAutoPipelining: true });
  const [a, b, c] = await Promise.all([auto.set('auto:1', 'x'), auto.incr('auto:n'), auto.get('auto:1')]);
  expect([a, b, c]).toEqual(['OK', 1, 'x']);
});

it('reports command errors like Upstash: 400 for one command, per-entry in a pipeline', async () => {
  await redis.set('text', 'not a number');
  await expect(redis.incr('text')).rejects.toThrow(/ERR value is not an integer/);

  const raw = await fetch(`${bridge.url}/pipeline`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: JSON.stringify([
      ['SET', 'k', 'v'],
      ['INCR', 'text'],
      ['GET', 'k'],
    ]),
  });
  expect(raw.status).toBe(200);
  expect(await raw.json()).toEqual([
    { result: 'OK' },
    { error: 'ERR value is not an integer or out of range' },
    { result: 'v' },
  ]);

  const aborted = await fetch(`${bridge.url}/multi-exec`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: JSON.stringify([['SET', 'never', 'set'], ['NOSUCHCOMMAND']]),
  });
  expect(aborted.status).toBe(400);
  expect(((await aborted.json()) as { error: string }).error).toMatch(/unknown command/);
  expect(await redis.get('never')).toBeNull();
});

it('answers 401 without the right token, and never echoes the token', async () => {
  for (const header of [
    {},
    { authorization: 'Bearer wrong' },
    { authorization: `Bearer ${token}x` },
  ] as Record<string, string>[]) {
    const response = await fetch(bridge.url, { method: 'POST', headers: header, body: '["PING"]' });
    expect(response.status).toBe(401);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({ error: 'Unauthorized' });
    expect(text).not.toContain('canary');
  }
  const wrong = new Redis({ url: bridge.url, token: 'wrong', enableTelemetry: false });
  await expect(wrong.get('k')).rejects.toThrow(/Unauthorized/);
});

it('answers plain JSON without the base64 header, and base64 with it', async () => {
  await redis.set('enc', 'héllo');
  const post = (headers: Record<string, string>) =>
    fetch(bridge.url, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, ...headers },
      body: '["GET","enc"]',
    }).then((r) => r.json());
  expect(await post({})).toEqual({ result: 'héllo' });
  expect(await post({ 'upstash-encoding': 'base64' })).toEqual({
    result: Buffer.from('héllo').toString('base64'),
  });
  const pathCommand = await fetch(`${bridge.url}/get/enc`, { headers: { authorization: `Bearer ${token}` } });
  expect(await pathCommand.json()).toEqual({ result: 'héllo' });
});

it('refuses commands that would break the bridge', async () => {
  const response = await fetch(bridge.url, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: '["SHUTDOWN"]',
  });
  expect(response.status).toBe(400);
  expect(((await response.json()) as { error: string }).error).toMatch(/not available/);
  expect(await redis.ping()).toBe('PONG');
});

it('serves @upstash/ratelimit (EVALSHA, NOSCRIPT fallback to EVAL)', async () => {
  const limiter = new Ratelimit({ redis, limiter: Ratelimit.fixedWindow(2, '60 s'), prefix: 'rl-test' });
  const results = [];
  for (let i = 0; i < 3; i++) results.push((await limiter.limit('U-approver')).success);
  expect(results).toEqual([true, true, false]);
  expect((await limiter.limit('U-someone-else')).success).toBe(true);

  // SCRIPT LOAD answers the SHA of the script as sent, and EVALSHA with it runs, as on Upstash.
  const script = "#!lua flags=allow-key-locking\nreturn redis.call('INCR', KEYS[1])";
  const sha = await redis.scriptLoad(script);
  expect(sha).toBe(createHash('sha1').update(script).digest('hex'));
  expect(await redis.evalsha(sha, ['lua:locked'], [])).toBe(1);
  expect(await redis.scriptExists(sha)).toEqual([1]);
});
