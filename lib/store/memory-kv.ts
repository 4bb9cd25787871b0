// The Kv seam in process memory, for the CLI and a bare `wrangler dev` (QUEUE=inline): TTLs and NX as Redis does.
import type { Kv, KvCommand, KvReplies } from './kv.ts';

type Entry = { value: string | string[] | Map<string, string>; expiresAt: number };

export interface MemoryKvOptions {
  /** The clock TTLs are measured on, in ms (tests move it instead of waiting). */
  now?: () => number;
}

export class MemoryKv implements Kv {
  readonly #entries = new Map<string, Entry>();
  readonly #now: () => number;

  constructor(options: MemoryKvOptions = {}) {
    this.#now = options.now ?? Date.now;
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
    const value = this.#live(key)?.value;
    if (value !== undefined && typeof value !== 'string') throw new Error(`WRONGTYPE ${key} is not a string`);
    return value ?? null;
  }

  #list(key: string): string[] {
    const value = this.#live(key)?.value ?? [];
    if (!Array.isArray(value)) throw new Error(`WRONGTYPE ${key} is not a list`);
    return value;
  }

  #hash(key: string): Map<string, string> {
    const value = this.#live(key)?.value ?? new Map<string, string>();
    if (!(value instanceof Map)) throw new Error(`WRONGTYPE ${key} is not a hash`);
    return value;
  }

  #run(command: KvCommand): unknown {
    switch (command[0]) {
      case 'get':
        return this.#string(command[1]);
      case 'mget': {
        const [, ...keys] = command;
        // Redis answers nil for a key that is absent or not a string.
        return keys.map((key) => {
          const value = this.#live(key)?.value;
          return typeof value === 'string' ? value : null;
        });
      }
      case 'set': {
        const [, key, value, { ex, nx }] = command;
        if (nx && this.#live(key)) return false;
        this.#entries.set(key, { value, expiresAt: this.#now() + ex * 1000 });
        return true;
      }
      case 'del': {
        const existed = this.#live(command[1]) !== undefined;
        this.#entries.delete(command[1]);
        return existed ? 1 : 0;
      }
      case 'getdel': {
        const value = this.#string(command[1]);
        this.#entries.delete(command[1]);
        return value;
      }
      case 'rpush': {
        const [, key, ...values] = command;
        const entry = this.#live(key);
        const list = [...this.#list(key), ...values];
        this.#entries.set(key, { value: list, expiresAt: entry?.expiresAt ?? Number.POSITIVE_INFINITY });
        return list.length;
      }
      case 'ltrim': {
        const [, key, start, stop] = command;
        const entry = this.#live(key);
        if (!entry) return undefined;
        const list = slice(this.#list(key), start, stop);
        if (list.length === 0) this.#entries.delete(key);
        else this.#entries.set(key, { ...entry, value: list });
        return undefined;
      }
      case 'expire': {
        const entry = this.#live(command[1]);
        if (!entry) return false;
        entry.expiresAt = this.#now() + command[2] * 1000;
        return true;
      }
      case 'lrange':
        return slice(this.#list(command[1]), command[2], command[3]);
      case 'llen':
        return this.#list(command[1]).length;
      case 'hset': {
        const [, key, fields] = command;
        const entry = this.#live(key);
        const hash = this.#hash(key);
        const added = Object.keys(fields).filter((field) => !hash.has(field)).length;
        for (const [field, value] of Object.entries(fields)) hash.set(field, value);
        this.#entries.set(key, { value: hash, expiresAt: entry?.expiresAt ?? Number.POSITIVE_INFINITY });
        return added;
      }
      case 'hdel': {
        const [, key, ...fields] = command;
        const hash = this.#hash(key);
        const removed = fields.filter((field) => hash.delete(field)).length;
        if (hash.size === 0) this.#entries.delete(key);
        return removed;
      }
      case 'hlen':
        return this.#hash(command[1]).size;
      case 'hgetall':
        return Object.fromEntries(this.#hash(command[1]));
    }
  }

  async batch<const C extends readonly KvCommand[]>(commands: C): Promise<KvReplies<C>> {
    return commands.map((command) => this.#run(command)) as unknown as KvReplies<C>;
  }
}

/** LRANGE/LTRIM's inclusive indexes, negative ones counted from the end. */
function slice(list: string[], start: number, stop: number): string[] {
  const from = start < 0 ? Math.max(0, list.length + start) : start;
  const to = stop < 0 ? list.length + stop : Math.min(stop, list.length - 1);
  return from > to ? [] : list.slice(from, to + 1);
}
