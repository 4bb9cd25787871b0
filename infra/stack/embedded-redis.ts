// A small in-process stand-in for redis-server, for machines without it: the commands kube-responder's stores,
// @upstash/redis and @upstash/ratelimit send (strings, lists, TTLs, MULTI/EXEC, the limiter's two Lua scripts).
import { createHash } from 'node:crypto';
import { RATELIMIT_SCRIPTS } from './embedded-redis-scripts.ts';
import { type RedisReply, RedisReplyError, RedisStatus } from './redis.ts';
import { globToRegExp } from './redis-glob.ts';

type Value =
  | { type: 'string'; value: string }
  | { type: 'list'; value: string[] }
  | { type: 'hash'; value: Map<string, string> };
type Entry = Value & { expiresAt: number };
type Args = readonly string[];

const OK = new RedisStatus('OK');
const QUEUED = new RedisStatus('QUEUED');
const NOT_INTEGER = 'ERR value is not an integer or out of range';
const WRONGTYPE = 'WRONGTYPE Operation against a key holding the wrong kind of value';

class CommandError extends Error {}

const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');
const bulk = (value: string | null | undefined): Buffer | null =>
  value === null || value === undefined ? null : Buffer.from(value, 'utf8');

function integer(text: string | undefined): number {
  if (text === undefined || !/^-?\d+$/.test(text)) throw new CommandError(NOT_INTEGER);
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new CommandError(NOT_INTEGER);
  return value;
}

/** LRANGE/LTRIM's inclusive indexes, negative ones counted from the end. */
function range(length: number, start: number, stop: number): [number, number] {
  const from = start < 0 ? Math.max(0, length + start) : start;
  const to = stop < 0 ? length + stop : Math.min(stop, length - 1);
  return [from, to];
}

/** Minimum argument count (command name included) of every command served; anything else is unknown. */
const ARITY: Record<string, number> = {
  PING: 1,
  ECHO: 2,
  GET: 2,
  MGET: 2,
  SET: 3,
  GETDEL: 2,
  DEL: 2,
  EXISTS: 2,
  INCR: 2,
  INCRBY: 3,
  DECR: 2,
  DECRBY: 3,
  EXPIRE: 3,
  PEXPIRE: 3,
  TTL: 2,
  PTTL: 2,
  PERSIST: 2,
  TYPE: 2,
  KEYS: 2,
  SCAN: 2,
  DBSIZE: 1,
  FLUSHALL: 1,
  FLUSHDB: 1,
  RPUSH: 3,
  LPUSH: 3,
  LRANGE: 4,
  LLEN: 2,
  LTRIM: 4,
  HSET: 4,
  HDEL: 3,
  HLEN: 2,
  HGETALL: 2,
  EVAL: 3,
  EVALSHA: 3,
  SCRIPT: 2,
};

export interface EmbeddedRedisOptions {
  /** The clock TTLs are measured on, in ms (tests move it instead of waiting). */
  now?: () => number;
}

/**
 * The store, speaking redis's replies so the Upstash REST bridge serves it as it serves redis-server. Each `send`
 * runs to completion before the next (one JS thread), so every command, script and MULTI…EXEC block is atomic.
 */
export class EmbeddedRedis {
  readonly #entries = new Map<string, Entry>();
  readonly #loadedScripts = new Set<string>();
  readonly #now: () => number;

  constructor(options: EmbeddedRedisOptions = {}) {
    this.#now = options.now ?? Date.now;
  }

  /** Runs the commands in order; a MULTI…EXEC inside is queued and answered as redis does. */
  async send(commands: readonly (readonly string[])[]): Promise<RedisReply[]> {
    const replies: RedisReply[] = [];
    let queue: Args[] | undefined;
    let aborted = false;
    for (const command of commands) {
      const name = (command[0] ?? '').toUpperCase();
      if (name === 'MULTI') {
        replies.push(queue ? new RedisReplyError('ERR MULTI calls can not be nested') : OK);
        queue ??= [];
        aborted = false;
      } else if (name === 'EXEC' || name === 'DISCARD') {
        if (!queue) replies.push(new RedisReplyError(`ERR ${name} without MULTI`));
        else if (name === 'DISCARD') replies.push(OK);
        else if (aborted)
          replies.push(new RedisReplyError('EXECABORT Transaction discarded because of previous errors.'));
        else replies.push(queue.map((queued) => this.#reply(queued)));
        queue = undefined;
      } else if (queue) {
        const refused = this.#refusal(command);
        if (refused) aborted = true;
        else queue.push(command);
        replies.push(refused ?? QUEUED);
      } else replies.push(this.#reply(command));
    }
    return replies;
  }

  /** Nothing to release: the data lives as long as the process. */
  close(): void {}

  #refusal(command: Args): RedisReplyError | undefined {
    const name = (command[0] ?? '').toUpperCase();
    const arity = ARITY[name];
    if (arity === undefined)
      return new RedisReplyError(
        `ERR unknown command '${command[0]}' (the embedded store serves only what kube-responder sends; install redis-server for the rest)`,
      );
    if (command.length < arity)
      return new RedisReplyError(`ERR wrong number of arguments for '${command[0]!.toLowerCase()}' command`);
    return undefined;
  }

  #reply(command: Args): RedisReply {
    const refused = this.#refusal(command);
    if (refused) return refused;
    try {
      return this.#run(command[0]!.toUpperCase(), command.slice(1));
    } catch (error) {
      if (error instanceof CommandError) return new RedisReplyError(error.message);
      throw error;
    }
  }

  #live(key: string): Entry | undefined {
    const entry = this.#entries.get(key);
    if (entry && entry.expiresAt <= this.#now()) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry;
  }

  #string(key: string): string | null {
    const entry = this.#live(key);
    if (!entry) return null;
    if (entry.type !== 'string') throw new CommandError(WRONGTYPE);
    return entry.value;
  }

  #list(key: string): string[] {
    const entry = this.#live(key);
    if (!entry) return [];
    if (entry.type !== 'list') throw new CommandError(WRONGTYPE);
    return entry.value;
  }
  #hash(key: string): Map<string, string> {
    const entry = this.#live(key);
    if (!entry) return new Map();
    if (entry.type !== 'hash') throw new CommandError(WRONGTYPE);
    return entry.value;
  }

  /** Sets a key's expiry in ms from now; redis deletes a key whose new TTL is not positive. */
  #expire(key: string, ms: number, condition: string | undefined): number {
    const entry = this.#live(key);
    if (!entry) return 0;
    const at = this.#now() + ms;
    const has = Number.isFinite(entry.expiresAt);
    const allowed =
      condition === undefined ||
      (condition === 'NX' && !has) ||
      (condition === 'XX' && has) ||
      (condition === 'GT' && has && at > entry.expiresAt) ||
      (condition === 'LT' && (!has || at < entry.expiresAt));
    if (!allowed) return 0;
    if (ms <= 0) this.#entries.delete(key);
    else entry.expiresAt = at;
    return 1;
  }

  #incrBy(key: string, by: number): number {
    const current = this.#string(key);
    const value = (current === null ? 0 : integer(current)) + by;
    if (!Number.isSafeInteger(value)) throw new CommandError('ERR increment or decrement would overflow');
    const entry = this.#live(key);
    this.#entries.set(key, {
      type: 'string',
      value: String(value),
      expiresAt: entry?.expiresAt ?? Number.POSITIVE_INFINITY,
    });
    return value;
  }

  #set(args: Args): RedisReply {
    const [key, value] = args as [string, string];
    let expiresAt: number | undefined;
    let keepTtl = false;
    let condition: 'NX' | 'XX' | undefined;
    let get = false;
    for (let i = 2; i < args.length; i++) {
      const option = args[i]!.toUpperCase();
      if (option === 'NX' || option === 'XX') {
        if (condition && condition !== option) throw new CommandError('ERR syntax error');
        condition = option;
      } else if (option === 'GET') get = true;
      else if (option === 'KEEPTTL') keepTtl = true;
      else if (['EX', 'PX', 'EXAT', 'PXAT'].includes(option)) {
        if (expiresAt !== undefined || args[i + 1] === undefined) throw new CommandError('ERR syntax error');
        const amount = integer(args[++i]);
        if (amount <= 0) throw new CommandError("ERR invalid expire time in 'set' command");
        const ms = option.startsWith('E') ? amount * 1000 : amount;
        expiresAt = option.endsWith('AT') ? ms : this.#now() + ms;
      } else throw new CommandError('ERR syntax error');
    }
    if (keepTtl && expiresAt !== undefined) throw new CommandError('ERR syntax error');
    const old = get ? this.#string(key) : null;
    const existing = this.#live(key);
    if ((condition === 'NX' && existing) || (condition === 'XX' && !existing)) return get ? bulk(old) : null;
    this.#entries.set(key, {
      type: 'string',
      value,
      expiresAt: expiresAt ?? (keepTtl && existing ? existing.expiresAt : Number.POSITIVE_INFINITY),
    });
    return get ? bulk(old) : OK;
  }

  #eval(sha: string, script: string | undefined, args: Args): RedisReply {
    const run = RATELIMIT_SCRIPTS.get(sha);
    if (script === undefined && !this.#loadedScripts.has(sha))
      return new RedisReplyError('NOSCRIPT No matching script. Please use EVAL.');
    if (!run)
      throw new CommandError(
        `ERR the embedded store runs only @upstash/ratelimit's fixed and sliding window scripts, not script ${sha}; install redis-server to run others`,
      );
    this.#loadedScripts.add(sha);
    const keyCount = integer(args[0]);
    if (keyCount < 0 || keyCount > args.length - 1)
      throw new CommandError("ERR Number of keys can't be greater than number of args");
    const keys = args.slice(1, 1 + keyCount);
    const argv = args.slice(1 + keyCount);
    // Inside a script a failing redis.call aborts the script with that error, as in redis.
    const call = (...command: string[]): RedisReply => {
      const reply = this.#reply(command);
      if (reply instanceof RedisReplyError) throw new CommandError(reply.message);
      return reply;
    };
    return run(call, keys, argv);
  }

  #run(name: string, args: Args): RedisReply {
    const now = this.#now();
    switch (name) {
      case 'PING':
        return args[0] === undefined ? new RedisStatus('PONG') : bulk(args[0]);
      case 'ECHO':
        return bulk(args[0]);
      case 'GET':
        return bulk(this.#string(args[0]!));
      // Redis answers nil for a key that is absent or not a string.
      case 'MGET':
        return args.map((key) => bulk(this.#live(key)?.type === 'string' ? this.#string(key) : null));
      case 'SET':
        return this.#set(args);
      case 'GETDEL': {
        const value = this.#string(args[0]!);
        this.#entries.delete(args[0]!);
        return bulk(value);
      }
      case 'DEL':
        return args.filter((key) => this.#live(key) && this.#entries.delete(key)).length;
      case 'EXISTS':
        return args.filter((key) => this.#live(key)).length;
      case 'INCR':
        return this.#incrBy(args[0]!, 1);
      case 'DECR':
        return this.#incrBy(args[0]!, -1);
      case 'INCRBY':
        return this.#incrBy(args[0]!, integer(args[1]));
      case 'DECRBY':
        return this.#incrBy(args[0]!, -integer(args[1]));
      case 'EXPIRE':
        return this.#expire(args[0]!, integer(args[1]) * 1000, args[2]?.toUpperCase());
      case 'PEXPIRE':
        return this.#expire(args[0]!, integer(args[1]), args[2]?.toUpperCase());
      case 'TTL':
      case 'PTTL': {
        const entry = this.#live(args[0]!);
        if (!entry) return -2;
        if (!Number.isFinite(entry.expiresAt)) return -1;
        const ms = entry.expiresAt - now;
        return name === 'TTL' ? Math.round(ms / 1000) : ms;
      }
      case 'PERSIST': {
        const entry = this.#live(args[0]!);
        if (!entry || !Number.isFinite(entry.expiresAt)) return 0;
        entry.expiresAt = Number.POSITIVE_INFINITY;
        return 1;
      }
      case 'TYPE':
        return new RedisStatus(this.#live(args[0]!)?.type ?? 'none');
      case 'KEYS': {
        const pattern = globToRegExp(args[0]!);
        return this.#keys()
          .filter((key) => pattern.test(key))
          .map((key) => bulk(key));
      }
      case 'SCAN': {
        // One pass over every key: cursor 0 in, cursor 0 out.
        let pattern: RegExp | undefined;
        let type: string | undefined;
        for (let i = 1; i < args.length; i += 2) {
          const option = args[i]!.toUpperCase();
          if (option === 'MATCH') pattern = globToRegExp(args[i + 1] ?? '*');
          else if (option === 'TYPE') type = args[i + 1]?.toLowerCase();
          else if (option !== 'COUNT') throw new CommandError('ERR syntax error');
        }
        const keys = this.#keys().filter(
          (key) => (!pattern || pattern.test(key)) && (!type || this.#entries.get(key)?.type === type),
        );
        return [bulk('0'), keys.map((key) => bulk(key))];
      }
      case 'DBSIZE':
        return this.#keys().length;
      case 'FLUSHALL':
      case 'FLUSHDB':
        this.#entries.clear();
        return OK;
      case 'RPUSH':
      case 'LPUSH': {
        const [key, ...values] = args as [string, ...string[]];
        const entry = this.#live(key);
        const before = this.#list(key);
        const list = name === 'RPUSH' ? [...before, ...values] : [...values.reverse(), ...before];
        this.#entries.set(key, {
          type: 'list',
          value: list,
          expiresAt: entry?.expiresAt ?? Number.POSITIVE_INFINITY,
        });
        return list.length;
      }
      case 'LRANGE': {
        const list = this.#list(args[0]!);
        const [from, to] = range(list.length, integer(args[1]), integer(args[2]));
        return from > to ? [] : list.slice(from, to + 1).map((item) => bulk(item));
      }
      case 'LLEN':
        return this.#list(args[0]!).length;
      case 'LTRIM': {
        const list = this.#list(args[0]!);
        const [from, to] = range(list.length, integer(args[1]), integer(args[2]));
        const kept = from > to ? [] : list.slice(from, to + 1);
        const entry = this.#live(args[0]!);
        if (entry?.type === 'list') {
          if (kept.length === 0) this.#entries.delete(args[0]!);
          else entry.value = kept;
        }
        return OK;
      }
      // Hashes: what the incident store keeps firing alerts in (fingerprint → alert).
      case 'HSET': {
        const [key, ...pairs] = args as [string, ...string[]];
        if (pairs.length % 2 !== 0)
          throw new CommandError("ERR wrong number of arguments for 'hset' command");
        const hash = this.#hash(key);
        let added = 0;
        for (let i = 0; i < pairs.length; i += 2) {
          if (!hash.has(pairs[i]!)) added++;
          hash.set(pairs[i]!, pairs[i + 1]!);
        }
        const entry = this.#live(key);
        this.#entries.set(key, {
          type: 'hash',
          value: hash,
          expiresAt: entry?.expiresAt ?? Number.POSITIVE_INFINITY,
        });
        return added;
      }
      case 'HDEL': {
        const [key, ...fields] = args as [string, ...string[]];
        const hash = this.#hash(key);
        const removed = fields.filter((field) => hash.delete(field)).length;
        if (hash.size === 0) this.#entries.delete(key);
        return removed;
      }
      case 'HLEN':
        return this.#hash(args[0]!).size;
      case 'HGETALL':
        return [...this.#hash(args[0]!)].flatMap(([field, value]) => [bulk(field), bulk(value)]);
      case 'EVAL':
        return this.#eval(sha1(args[0]!), args[0], args.slice(1));
      case 'EVALSHA':
        return this.#eval(args[0]!.toLowerCase(), undefined, args.slice(1));
      case 'SCRIPT': {
        const sub = args[0]!.toUpperCase();
        if (sub === 'EXISTS')
          return args.slice(1).map((sha) => (this.#loadedScripts.has(sha.toLowerCase()) ? 1 : 0));
        if (sub === 'FLUSH') {
          this.#loadedScripts.clear();
          return OK;
        }
        if (sub === 'LOAD' && args[1] !== undefined) {
          const sha = sha1(args[1]);
          if (!RATELIMIT_SCRIPTS.has(sha))
            throw new CommandError(
              `ERR the embedded store runs only @upstash/ratelimit's fixed and sliding window scripts, not script ${sha}; install redis-server to run others`,
            );
          this.#loadedScripts.add(sha);
          return bulk(sha);
        }
        throw new CommandError(`ERR unknown subcommand '${args[0]}'`);
      }
      default:
        throw new CommandError(`ERR unknown command '${name}'`);
    }
  }

  /** Every live key (expired ones are dropped on the way). */
  #keys(): string[] {
    return [...this.#entries.keys()].filter((key) => this.#live(key));
  }
}
