// The Lua scripts the embedded store runs natively: @upstash/ratelimit's single-region `limit` scripts, found by
// the SHA1 of their text (EVALSHA) and ported line by line. Any other script is refused (see embedded-redis.ts).
import type { RedisReply } from './redis.ts';

type Args = readonly string[];

/** A Lua script the store runs natively: `call` is `redis.call`, the reply is what the script returns. */
export type Script = (call: (...args: string[]) => RedisReply, keys: Args, argv: Args) => RedisReply;

// @upstash/ratelimit's single-region `limit` scripts (fixed and sliding window), by the SHA1 of their text, ported
// line by line (Lua numbers become integer replies by truncation, as redis converts them).
export const RATELIMIT_SCRIPTS = new Map<string, Script>([
  [
    // fixedWindowLimitScript
    'b2efc02798c8e9b471a10f9b1d5745db89923ff3',
    (call, keys, argv) => {
      const limit = effectiveLimit(call, keys[1], Number(argv[0]));
      const incrementBy = argv[2]!;
      const used = call('INCRBY', keys[0]!, incrementBy) as number;
      if (used === Number(incrementBy)) call('PEXPIRE', keys[0]!, argv[1]!);
      return [used, Math.trunc(limit)];
    },
  ],
  [
    // slidingWindowLimitScript
    '74740bb3d7792848093cdef586b6b6037c455fd6',
    (call, keys, argv) => {
      const limit = effectiveLimit(call, keys[2], Number(argv[0]));
      const now = Number(argv[1]);
      const window = Number(argv[2]);
      const incrementBy = Number(argv[3]);
      const current = Number(bulkText(call('GET', keys[0]!)) ?? 0);
      const previousAll = Number(bulkText(call('GET', keys[1]!)) ?? 0);
      const previous = Math.floor((1 - (now % window) / window) * previousAll);
      if (incrementBy > 0 && previous + current >= limit) return [-1, Math.trunc(limit)];
      const next = call('INCRBY', keys[0]!, String(incrementBy)) as number;
      if (next === incrementBy) call('PEXPIRE', keys[0]!, String(window * 2 + 1000));
      return [Math.trunc(limit - (next + previous)), Math.trunc(limit)];
    },
  ],
]);

const bulkText = (reply: RedisReply): string | undefined =>
  Buffer.isBuffer(reply) ? reply.toString('utf8') : undefined;

function effectiveLimit(call: (...args: string[]) => RedisReply, key: string | undefined, tokens: number) {
  if (!key) return tokens;
  const dynamic = bulkText(call('GET', key));
  return dynamic === undefined ? tokens : Number(dynamic);
}
