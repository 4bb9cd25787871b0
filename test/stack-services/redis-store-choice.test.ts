// Which store the stack runs: redis-server when installed, the embedded one (said in one line) when not, and
// STACK_REDIS forcing either.
import { Redis } from '@upstash/redis';
import { expect, it } from 'vitest';
import { findRedisServer, startRedisStore } from '../../infra/stack/redis-store.ts';

const token = 'choice-token';

it('runs redis-server when it is on PATH, and says nothing', async () => {
  const notices: string[] = [];
  const store = await startRedisStore({
    token,
    env: { PATH: process.env.PATH },
    notice: (l) => notices.push(l),
  });
  try {
    expect(store.kind).toBe('redis-server');
    expect(notices).toEqual([]);
    expect(await new Redis({ url: store.bridge.url, token, enableTelemetry: false }).ping()).toBe('PONG');
  } finally {
    await store.close();
  }
});

it('falls back to the embedded store when redis-server is not installed, in one line saying how to get it', async () => {
  const env = { PATH: '/nonexistent-dir' };
  expect(await findRedisServer(env)).toBeUndefined();
  const notices: string[] = [];
  const store = await startRedisStore({ token, env, notice: (l) => notices.push(l) });
  try {
    expect(store.kind).toBe('embedded');
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(
      /redis-server is not installed.*embedded in-memory store.*not Redis.*sudo apt-get install redis-server.*REDIS_SERVER_BIN/,
    );
    const redis = new Redis({ url: store.bridge.url, token, enableTelemetry: false });
    expect(await redis.set('k', 'v', { ex: 60 })).toBe('OK');
    expect(await redis.get('k')).toBe('v');
  } finally {
    await store.close();
  }
});

it('obeys STACK_REDIS and REDIS_SERVER_BIN', async () => {
  const notices: string[] = [];
  const forced = await startRedisStore({
    token,
    env: { PATH: process.env.PATH, STACK_REDIS: 'embedded' },
    notice: (l) => notices.push(l),
  });
  expect(forced.kind).toBe('embedded');
  expect(notices[0]).toMatch(/^kube-responder: STACK_REDIS=embedded, so /);
  await forced.close();

  await expect(
    startRedisStore({ token, env: { PATH: '/nonexistent-dir', STACK_REDIS: 'server' } }),
  ).rejects.toThrow(/STACK_REDIS=server but redis-server is not installed.*apt-get install redis-server/);
  await expect(startRedisStore({ token, env: { STACK_REDIS: 'valkey' } })).rejects.toThrow(
    /STACK_REDIS=valkey is not one of auto, server, embedded/,
  );
  const binary = await findRedisServer({ PATH: process.env.PATH });
  expect(await findRedisServer({ PATH: '/nonexistent-dir', REDIS_SERVER_BIN: binary })).toBe(binary);
});
