// The narrow key-value seam every store is written over: a handful of Redis commands, sent as one batch.

/** The commands the stores need, as tuples in Redis's own argument order. */
export type KvCommand =
  | readonly ['get', key: string]
  /** Several strings in one command (null where absent). */
  | readonly ['mget', ...keys: string[]]
  /** `ex` in seconds; with `nx` only when the key is absent. Answers whether it was written. */
  | readonly ['set', key: string, value: string, options: { ex: number; nx?: boolean }]
  | readonly ['del', key: string]
  /** Read and delete in one step: of two callers only one gets the value. */
  | readonly ['getdel', key: string]
  | readonly ['rpush', key: string, ...values: string[]]
  | readonly ['ltrim', key: string, start: number, stop: number]
  | readonly ['expire', key: string, seconds: number]
  | readonly ['lrange', key: string, start: number, stop: number]
  | readonly ['llen', key: string]
  /** Sets the fields of a hash; answers how many were new. */
  | readonly ['hset', key: string, fields: Readonly<Record<string, string>>]
  /** Deletes fields of a hash (the key goes with its last field); answers how many there were. */
  | readonly ['hdel', key: string, ...fields: string[]]
  /** How many fields a hash has (0 when there is none). */
  | readonly ['hlen', key: string]
  /** Every field of a hash (`{}` when there is none). */
  | readonly ['hgetall', key: string];

/** What each command answers (for a union of commands, any of their replies). */
export type KvReply<C extends KvCommand> = C extends readonly ['get' | 'getdel', ...unknown[]]
  ? string | null
  : C extends readonly ['mget', ...unknown[]]
    ? (string | null)[]
    : C extends readonly ['set' | 'expire', ...unknown[]]
      ? boolean
      : C extends readonly ['lrange', ...unknown[]]
        ? string[]
        : C extends readonly ['hgetall', ...unknown[]]
          ? Record<string, string>
          : C extends readonly ['ltrim', ...unknown[]]
            ? undefined
            : number;

export type KvReplies<C extends readonly KvCommand[]> = { -readonly [K in keyof C]: KvReply<C[K]> };

export interface Kv {
  /**
   * Runs the commands in order and answers their replies in order, in one round trip. Not a transaction:
   * another client's commands may run between two of them; each command on its own is atomic.
   */
  batch<const C extends readonly KvCommand[]>(commands: C): Promise<KvReplies<C>>;
}

/** One command, one reply. */
export async function kvRun<const C extends KvCommand>(kv: Kv, command: C): Promise<KvReply<C>> {
  const [reply] = await kv.batch([command] as const);
  return reply as KvReply<C>;
}

/** `kr:part:part`: every key the stores write starts with the deployment's prefix. */
export const kvKey = (prefix: string, ...parts: string[]) => [prefix, ...parts].join(':');

/** Redis refuses a TTL below one second; a window of 0 still opens (and ends) an incident. */
export const ttl = (seconds: number) => Math.max(1, Math.ceil(seconds));
