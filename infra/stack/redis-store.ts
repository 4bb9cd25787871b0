// Chooses the key-value store behind the stack's Upstash REST bridge: the real redis-server when it is installed,
// else the embedded store (said in one line), or whichever STACK_REDIS forces.
import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { EmbeddedRedis } from './embedded-redis.ts';
import { type RedisServer, startRedisServer } from './redis.ts';
import { startUpstashBridge, type UpstashBridge } from './upstash.ts';

/** STACK_REDIS: `server` (redis-server, fail if missing), `embedded`, or `auto` (default: server if installed). */
export const STACK_REDIS_CHOICES = ['auto', 'server', 'embedded'] as const;
export type StackRedisChoice = (typeof STACK_REDIS_CHOICES)[number];

/** The one line said when the embedded store is used: what it is, that it is not Redis, how to get the real one. */
export const embeddedNotice = (why: 'missing' | 'forced') =>
  `kube-responder: ${why === 'forced' ? 'STACK_REDIS=embedded' : 'redis-server is not installed'}, so the stack keeps its data in an embedded in-memory store behind the same Upstash REST API — not Redis; for the real one: sudo apt-get install redis-server (or set REDIS_SERVER_BIN)`;

export interface RedisStore {
  bridge: UpstashBridge;
  kind: 'redis-server' | 'embedded';
  /** The redis-server process, so the stack can say so when it dies; absent for the embedded store. */
  server?: Pick<RedisServer, 'pid' | 'exited'>;
  close(): Promise<void>;
}

export interface RedisStoreOptions {
  /** The REST token the bridge requires. */
  token: string;
  /** Default: `process.env`, read for STACK_REDIS, REDIS_SERVER_BIN and PATH. */
  env?: Record<string, string | undefined>;
  /** Where the one line about the embedded store goes (default stderr, as stdout may carry the JSON line). */
  notice?: (line: string) => void;
}

/** The redis-server binary to run: REDIS_SERVER_BIN, else `redis-server` on PATH; undefined when neither exists. */
export async function findRedisServer(env: Record<string, string | undefined>): Promise<string | undefined> {
  const executable = (path: string) =>
    access(path, constants.X_OK).then(
      () => true,
      () => false,
    );
  if (env.REDIS_SERVER_BIN) return env.REDIS_SERVER_BIN;
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    const candidate = join(dir, 'redis-server');
    if (await executable(candidate)) return candidate;
  }
  return undefined;
}

export async function startRedisStore(options: RedisStoreOptions): Promise<RedisStore> {
  const env = options.env ?? process.env;
  const choice = (env.STACK_REDIS || 'auto') as StackRedisChoice;
  if (!STACK_REDIS_CHOICES.includes(choice))
    throw new Error(`STACK_REDIS=${choice} is not one of ${STACK_REDIS_CHOICES.join(', ')}`);
  const binary = choice === 'embedded' ? undefined : await findRedisServer(env);
  if (binary === undefined && choice === 'server')
    throw new Error(
      'STACK_REDIS=server but redis-server is not installed (Debian/Ubuntu: sudo apt-get install redis-server, or set REDIS_SERVER_BIN)',
    );
  if (binary === undefined) {
    (options.notice ?? ((line) => process.stderr.write(`${line}\n`)))(
      embeddedNotice(choice === 'embedded' ? 'forced' : 'missing'),
    );
    const bridge = await startUpstashBridge({ store: new EmbeddedRedis(), token: options.token });
    return { bridge, kind: 'embedded', close: () => bridge.close() };
  }
  const server = await startRedisServer({ binary });
  try {
    const bridge = await startUpstashBridge({ port: server.port, token: options.token });
    return {
      bridge,
      kind: 'redis-server',
      server,
      async close() {
        await bridge.close();
        await server.close();
      },
    };
  } catch (error) {
    await server.close();
    throw error;
  }
}
