// The Upstash Redis REST API (`/`, `/pipeline`, `/multi-exec`, path commands, base64 encoding) over a real
// redis-server, or over the embedded store where redis-server is not installed.

import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BodyTooLargeError, bearerToken, listenLoopback, readBody, sendJson, tokenMatches } from './http.ts';
import { RedisClient, type RedisReply, RedisReplyError, RedisStatus } from './redis.ts';

/** What the bridge sends commands to: a RESP client of redis-server, or the embedded store. */
export interface RedisBackend {
  /** Runs the commands back to back (a MULTI…EXEC block uninterrupted) and answers their replies in order. */
  send(commands: readonly (readonly string[])[]): Promise<RedisReply[]>;
  close(): void;
}

export interface UpstashBridgeOptions {
  /** `redis://127.0.0.1:PORT` of the redis-server to bridge to (or give `port`, or an in-process `store`). */
  redisUrl?: string;
  port?: number;
  /** An in-process store (the embedded one) instead of a redis-server; its scripts are taken as sent. */
  store?: RedisBackend;
  /** The REST token clients must send as `Authorization: Bearer <token>`. */
  token: string;
  /** Largest request body accepted (Upstash caps request size too); default 10 MiB. */
  maxRequestBytes?: number;
}

export interface UpstashBridge {
  /** Base URL for `new Redis({ url, token })`. */
  url: string;
  /** What clients cost so far: HTTP requests (round trips) and the Redis commands they carried. */
  readonly stats: BridgeStats;
  close(): Promise<void>;
}

export interface BridgeStats {
  requests: number;
  commands: number;
}

type Command = string[];
type Entry = { result: unknown } | { error: string };

// Commands that would break the bridge (connection state, blocking the server, stopping it) — Upstash refuses
// these over REST as well.
const REFUSED = new Set([
  'SHUTDOWN',
  'MONITOR',
  'SUBSCRIBE',
  'PSUBSCRIBE',
  'SSUBSCRIBE',
  'UNSUBSCRIBE',
  'PUNSUBSCRIBE',
  'SYNC',
  'PSYNC',
  'REPLICAOF',
  'SLAVEOF',
  'DEBUG',
  'CONFIG',
  'SELECT',
  'QUIT',
  'RESET',
  'AUTH',
  'HELLO',
  'MULTI',
  'EXEC',
  'DISCARD',
  'WATCH',
  'UNWATCH',
]);

class BadRequest extends Error {}

// Script flags redis-server knows; Upstash adds its own (`allow-key-locking`, used by @upstash/ratelimit), which a
// stock redis-server refuses, so the bridge drops them.
const REDIS_SCRIPT_FLAGS = new Set([
  'no-writes',
  'allow-oom',
  'allow-stale',
  'no-cluster',
  'allow-cross-slot-keys',
]);

const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');

/**
 * Rewrites Lua scripts with Upstash-only shebang flags, and keeps the SHA the client computed (of the original
 * script) pointing at the rewritten one, so EVALSHA and SCRIPT LOAD/EXISTS behave as on Upstash.
 */
class ScriptFlags {
  readonly #shaOf = new Map<string, string>();

  #script(script: string): string {
    const match = /^#!lua([^\n]*)(\n|$)/.exec(script);
    if (!match) return script;
    const parts = match[1]!.trim().split(/\s+/).filter(Boolean);
    let changed = false;
    const kept = parts.map((part) => {
      if (!part.startsWith('flags=')) return part;
      const flags = part.slice('flags='.length).split(',').filter(Boolean);
      const supported = flags.filter((flag) => REDIS_SCRIPT_FLAGS.has(flag));
      if (supported.length !== flags.length) changed = true;
      return `flags=${supported.join(',')}`;
    });
    if (!changed) return script;
    const rewritten = `#!lua ${kept.join(' ')}${match[2]}${script.slice(match[0].length)}`;
    this.#shaOf.set(sha1(script), sha1(rewritten));
    return rewritten;
  }

  #sha(sha: string): string {
    return this.#shaOf.get(sha.toLowerCase()) ?? sha;
  }

  /** The command to send, and how to turn redis's reply back into what Upstash would answer. */
  rewrite(command: Command): { command: Command; reply?: (reply: RedisReply) => RedisReply } {
    const name = command[0]!.toUpperCase();
    if ((name === 'EVAL' || name === 'EVAL_RO') && command[1] !== undefined)
      return { command: [command[0]!, this.#script(command[1]), ...command.slice(2)] };
    if ((name === 'EVALSHA' || name === 'EVALSHA_RO') && command[1] !== undefined)
      return { command: [command[0]!, this.#sha(command[1]), ...command.slice(2)] };
    const sub = command[1]?.toUpperCase();
    if (name === 'SCRIPT' && sub === 'LOAD' && command[2] !== undefined) {
      const original = command[2];
      const rewritten = this.#script(original);
      if (rewritten === original) return { command };
      return {
        command: [command[0]!, command[1]!, rewritten],
        reply: (reply) => (Buffer.isBuffer(reply) ? Buffer.from(sha1(original)) : reply),
      };
    }
    if (name === 'SCRIPT' && sub === 'EXISTS')
      return { command: [...command.slice(0, 2), ...command.slice(2).map((sha) => this.#sha(sha))] };
    return { command };
  }
}

function toArg(value: unknown, where: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  if (value === null) throw new BadRequest(`ERR ${where}: null is not a valid argument`);
  return JSON.stringify(value);
}

function toCommand(value: unknown, where: string): Command {
  if (!Array.isArray(value) || value.length === 0)
    throw new BadRequest(`ERR ${where}: a command is a non-empty JSON array, e.g. ["SET","key","value"]`);
  const command = value.map((arg, i) => toArg(arg, `${where}[${i}]`));
  const name = command[0]!.toUpperCase();
  if (REFUSED.has(name)) throw new BadRequest(`ERR Command is not available: '${command[0]}'`);
  return command;
}

/** Converts a RESP reply to the JSON Upstash answers: bulk strings as text or base64, statuses as is. */
function toJson(reply: RedisReply, base64: boolean): unknown {
  if (reply === null || typeof reply === 'number') return reply;
  if (Buffer.isBuffer(reply)) return base64 ? reply.toString('base64') : reply.toString('utf8');
  // @upstash/redis leaves the literal "OK" alone and base64-decodes every other string.
  if (reply instanceof RedisStatus)
    return base64 && reply.value !== 'OK' ? Buffer.from(reply.value).toString('base64') : reply.value;
  if (reply instanceof RedisReplyError) return reply.message;
  return reply.map((item) => toJson(item, base64));
}

const entry = (reply: RedisReply, base64: boolean): Entry =>
  reply instanceof RedisReplyError ? { error: reply.message } : { result: toJson(reply, base64) };

function redisServerClient(options: UpstashBridgeOptions): RedisClient {
  const port = options.port ?? (options.redisUrl ? Number(new URL(options.redisUrl).port) : Number.NaN);
  if (!Number.isInteger(port) || port <= 0)
    throw new Error(
      'startUpstashBridge: give the redis-server `port`, a `redisUrl` with a port, or a `store`',
    );
  const host = options.redisUrl ? new URL(options.redisUrl).hostname : '127.0.0.1';
  return new RedisClient(port, host);
}

export async function startUpstashBridge(options: UpstashBridgeOptions): Promise<UpstashBridge> {
  const maxBytes = options.maxRequestBytes ?? 10 * 1024 * 1024;
  const redis = options.store ?? redisServerClient(options);
  // Only a stock redis-server refuses Upstash's script flags; the embedded store knows the scripts as sent.
  const scripts = options.store ? undefined : new ScriptFlags();
  const stats: BridgeStats = { requests: 0, commands: 0 };
  /** Sends commands as Upstash would run them (see ScriptFlags) and returns Upstash's replies. */
  const run = async (commands: Command[]): Promise<RedisReply[]> => {
    stats.commands += commands.filter(([name]) => !['MULTI', 'EXEC'].includes(name ?? '')).length;
    const rewrites = commands.map((command) => scripts?.rewrite(command) ?? { command });
    const replies = await redis.send(rewrites.map((r) => r.command));
    return replies.map((reply, i) => rewrites[i]?.reply?.(reply) ?? reply);
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://bridge');
    if (!tokenMatches(bearerToken(request) ?? url.searchParams.get('_token') ?? undefined, options.token)) {
      sendJson(response, 401, { error: 'Unauthorized' });
      return;
    }
    stats.requests++;
    const base64 = String(request.headers['upstash-encoding'] ?? '').toLowerCase() === 'base64';
    let raw: Buffer;
    try {
      raw = await readBody(request, maxBytes);
    } catch (error) {
      if (error instanceof BodyTooLargeError) {
        sendJson(response, 400, { error: `ERR max request size exceeded. Limit: ${maxBytes} bytes` });
        return;
      }
      throw error;
    }
    try {
      const path = url.pathname.replace(/\/+$/, '');
      if (request.method === 'POST' && (path === '' || path === '/pipeline' || path === '/multi-exec')) {
        let body: unknown;
        try {
          body = JSON.parse(raw.toString('utf8'));
        } catch {
          throw new BadRequest('ERR failed to parse the request body as JSON');
        }
        if (path === '') {
          const [reply] = await run([toCommand(body, 'command')]);
          sendCommandReply(response, reply ?? null, base64);
        } else if (path === '/pipeline') {
          const commands = toCommands(body);
          const replies = await run(commands);
          sendJson(
            response,
            200,
            replies.map((reply) => entry(reply, base64)),
          );
        } else {
          await multiExec(response, toCommands(body), base64);
        }
        return;
      }
      if (request.method === 'GET' || request.method === 'POST') {
        // Path commands: GET /set/key/value, POST /set/key with the value as the body.
        const segments = path
          .split('/')
          .filter(Boolean)
          .map((segment) => decodeURIComponent(segment));
        if (request.method === 'POST' && raw.length > 0) segments.push(raw.toString('utf8'));
        const [reply] = await run([toCommand(segments, 'command')]);
        sendCommandReply(response, reply ?? null, base64);
        return;
      }
      sendJson(response, 405, { error: `ERR method ${request.method} is not supported` });
    } catch (error) {
      if (error instanceof BadRequest) sendJson(response, 400, { error: error.message });
      else throw error;
    }
  };

  const sendCommandReply = (response: ServerResponse, reply: RedisReply, base64: boolean) => {
    if (reply instanceof RedisReplyError) sendJson(response, 400, { error: reply.message });
    else sendJson(response, 200, { result: toJson(reply, base64) });
  };

  const toCommands = (body: unknown): Command[] => {
    if (!Array.isArray(body) || body.length === 0)
      throw new BadRequest('ERR the body is a non-empty JSON array of commands');
    return body.map((command, i) => toCommand(command, `command ${i}`));
  };

  const multiExec = async (response: ServerResponse, commands: Command[], base64: boolean) => {
    // One write on one connection: MULTI, the commands, EXEC — atomic on the server like Upstash's transaction.
    const replies = await run([['MULTI'], ...commands, ['EXEC']]);
    const exec = replies.at(-1) ?? null;
    if (Array.isArray(exec)) {
      sendJson(
        response,
        200,
        exec.map((reply) => entry(reply, base64)),
      );
      return;
    }
    // A command refused while queueing (wrong arity, unknown command) aborts the whole transaction.
    const queueError = replies.slice(1, -1).find((reply) => reply instanceof RedisReplyError);
    const message =
      queueError instanceof RedisReplyError
        ? queueError.message
        : exec instanceof RedisReplyError
          ? exec.message
          : 'ERR transaction aborted';
    sendJson(response, 400, { error: message });
  };

  const server = await listenLoopback(handle);
  let closed: Promise<void> | undefined;
  return {
    url: server.url,
    stats,
    close() {
      closed ??= (async () => {
        await server.close();
        redis.close();
      })();
      return closed;
    },
  };
}
