// The Kv seam over Upstash Redis: every batch is one `/pipeline` request, however many commands it holds.
import type { Redis } from '@upstash/redis';
import type { Kv, KvCommand, KvReplies } from './kv.ts';

/** The SDK decodes JSON-looking values; the stores deal in text, so such values are encoded back. */
const asText = (value: unknown): string | null =>
  value === null || value === undefined ? null : typeof value === 'string' ? value : JSON.stringify(value);

export class RedisKv implements Kv {
  constructor(private readonly redis: Redis) {}

  async batch<const C extends readonly KvCommand[]>(commands: C): Promise<KvReplies<C>> {
    if (commands.length === 0) return [] as unknown as KvReplies<C>;
    const pipeline = this.redis.pipeline();
    for (const command of commands) {
      switch (command[0]) {
        case 'get':
          pipeline.get(command[1]);
          break;
        case 'mget': {
          const [, ...keys] = command;
          pipeline.mget(...keys);
          break;
        }
        case 'set': {
          const [, key, value, { ex, nx }] = command;
          if (nx) pipeline.set(key, value, { ex, nx: true });
          else pipeline.set(key, value, { ex });
          break;
        }
        case 'del':
          pipeline.del(command[1]);
          break;
        case 'getdel':
          pipeline.getdel(command[1]);
          break;
        case 'rpush': {
          const [, key, ...values] = command;
          pipeline.rpush(key, ...values);
          break;
        }
        case 'ltrim':
          pipeline.ltrim(command[1], command[2], command[3]);
          break;
        case 'expire':
          pipeline.expire(command[1], command[2]);
          break;
        case 'lrange':
          pipeline.lrange(command[1], command[2], command[3]);
          break;
        case 'llen':
          pipeline.llen(command[1]);
          break;
        case 'hset':
          pipeline.hset(command[1], { ...command[2] });
          break;
        case 'hdel': {
          const [, key, ...fields] = command;
          pipeline.hdel(key, ...fields);
          break;
        }
        case 'hlen':
          pipeline.hlen(command[1]);
          break;
        case 'hgetall':
          pipeline.hgetall(command[1]);
          break;
      }
    }
    const replies = await pipeline.exec<unknown[]>();
    return commands.map((command, i) => {
      const reply = replies[i];
      switch (command[0]) {
        case 'get':
        case 'getdel':
          return asText(reply);
        case 'mget':
          return ((reply ?? []) as unknown[]).map(asText);
        case 'set':
          return reply === 'OK';
        case 'expire':
          return reply === 1;
        case 'lrange':
          return (reply as unknown[]).map((item) => asText(item) ?? '');
        case 'ltrim':
          return undefined;
        case 'hgetall':
          return Object.fromEntries(
            Object.entries((reply ?? {}) as Record<string, unknown>).map(([field, value]) => [
              field,
              asText(value) ?? '',
            ]),
          );
        default:
          return reply as number;
      }
    }) as unknown as KvReplies<C>;
  }
}
