// The shared model-call budget on @upstash/ratelimit, against redis-server behind the Upstash REST bridge: past
// the per-minute budget an investigation sends no model request and falls back with when to follow up.
import { Redis } from '@upstash/redis';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { GeminiFake } from '../../infra/stack/gemini.ts';
import { type RedisServer, startRedisServer } from '../../infra/stack/redis.ts';
import { startUpstashBridge, type UpstashBridge } from '../../infra/stack/upstash.ts';
import { investigate, investigationFlowControl, upstashModelCallLimiter } from '../../lib/agent/index.ts';
import { crashLoopIncident, startModel } from './support.ts';

const token = 'agent-ratelimit-token-77aa';
let server: RedisServer;
let bridge: UpstashBridge;
let model: Awaited<ReturnType<typeof startModel>>;
let fake: GeminiFake;

beforeAll(async () => {
  server = await startRedisServer();
  bridge = await startUpstashBridge({ port: server.port, token });
  model = await startModel();
  fake = model.fake;
});
afterAll(async () => {
  await fake?.close();
  await bridge?.close();
  await server?.close();
});

test('two model calls a minute: the third investigation falls back without calling the model', async () => {
  const redis = new Redis({ url: bridge.url, token, enableTelemetry: false });
  const limiter = upstashModelCallLimiter({ redis, perMinute: 2, perDay: 100, prefix: `t${Date.now()}` });
  const { cluster, report } = await crashLoopIncident();
  fake.clearRequests();

  const first = await investigate({ llm: model.llm, reader: cluster.reader, report, limiter });
  const second = await investigate({ llm: model.llm, reader: cluster.reader, report, limiter });
  const third = await investigate({ llm: model.llm, reader: cluster.reader, report, limiter });

  expect(first.ai).toBeDefined();
  expect(second.ai).toBeDefined();
  expect(third.ai).toBeUndefined();
  expect(third.fallback).toBe('rate-limited (model calls per minute)');
  expect(third.retryAfterMs).toBeGreaterThan(0);
  expect(third.retryAfterMs).toBeLessThanOrEqual(60_000);
  expect(fake.requests()).toHaveLength(2);
});

test('the per-day budget is separate and also holds', async () => {
  const redis = new Redis({ url: bridge.url, token, enableTelemetry: false });
  const limiter = upstashModelCallLimiter({ redis, perMinute: 100, perDay: 1, prefix: `d${Date.now()}` });
  expect(await limiter.take()).toEqual({ ok: true });
  expect(await limiter.take()).toMatchObject({ ok: false, reason: 'model calls per day' });
});

test('flow control caps concurrent investigations under one key', () => {
  expect(investigationFlowControl(3)).toEqual({ key: 'kube-responder-llm', parallelism: 3 });
});
