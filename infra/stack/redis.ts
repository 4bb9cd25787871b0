// The real redis-server on a free loopback port (no persistence), plus a tiny RESP2 client over node:net.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { watchChild } from './child.ts';
import { freeLoopbackPort } from './http.ts';

/** An error reply (`-ERR …`) from redis; kept as a value because inside EXEC it is one element of many. */
export class RedisReplyError extends Error {
  override name = 'RedisReplyError';
}

/** A status reply (`+OK`), kept apart from bulk strings because Upstash encodes the two differently. */
export class RedisStatus {
  constructor(readonly value: string) {}
}

/** A RESP2 reply: bulk strings stay bytes (values may be binary), arrays nest. */
export type RedisReply = Buffer | RedisStatus | number | null | RedisReplyError | RedisReply[];

const CRLF = Buffer.from('\r\n');

export function encodeCommand(args: readonly (string | Buffer)[]): Buffer {
  const parts: Buffer[] = [Buffer.from(`*${args.length}\r\n`)];
  for (const arg of args) {
    const bytes = typeof arg === 'string' ? Buffer.from(arg, 'utf8') : arg;
    parts.push(Buffer.from(`$${bytes.length}\r\n`), bytes, CRLF);
  }
  return Buffer.concat(parts);
}

/** Parses one reply at `offset`; undefined when the buffer does not hold a whole reply yet. */
export function parseReply(buffer: Buffer, offset = 0): { reply: RedisReply; next: number } | undefined {
  const lineEnd = buffer.indexOf(CRLF, offset);
  if (lineEnd < 0) return undefined;
  const type = String.fromCharCode(buffer[offset] ?? 0);
  const line = buffer.toString('utf8', offset + 1, lineEnd);
  const afterLine = lineEnd + 2;
  switch (type) {
    case '+':
      return { reply: new RedisStatus(line), next: afterLine };
    case '-':
      return { reply: new RedisReplyError(line), next: afterLine };
    case ':':
      return { reply: Number(line), next: afterLine };
    case '$': {
      const length = Number(line);
      if (length < 0) return { reply: null, next: afterLine };
      if (buffer.length < afterLine + length + 2) return undefined;
      return { reply: buffer.subarray(afterLine, afterLine + length), next: afterLine + length + 2 };
    }
    case '*': {
      const count = Number(line);
      if (count < 0) return { reply: null, next: afterLine };
      const items: RedisReply[] = [];
      let next = afterLine;
      for (let i = 0; i < count; i++) {
        const item = parseReply(buffer, next);
        if (!item) return undefined;
        items.push(item.reply);
        next = item.next;
      }
      return { reply: items, next };
    }
    default:
      throw new Error(`redis protocol: unexpected reply type ${JSON.stringify(type)}`);
  }
}

/** One socket to redis; replies come back in order, so pending calls are a FIFO. */
class RedisConnection {
  readonly #socket: Socket;
  readonly #pending: { resolve(reply: RedisReply): void; reject(error: Error): void }[] = [];
  #buffer: Buffer = Buffer.alloc(0);
  #failed: Error | undefined;

  private constructor(socket: Socket) {
    this.#socket = socket;
    socket.on('data', (chunk: Buffer) => this.#onData(chunk));
    socket.on('error', (error) => this.#fail(error));
    socket.on('close', () => this.#fail(new Error('redis connection closed')));
  }

  static open(port: number, host = '127.0.0.1'): Promise<RedisConnection> {
    return new Promise((done, fail) => {
      const socket = connect({ port, host });
      socket.setNoDelay(true);
      socket.once('error', fail);
      socket.once('connect', () => {
        socket.off('error', fail);
        done(new RedisConnection(socket));
      });
    });
  }

  get usable(): boolean {
    return this.#failed === undefined;
  }

  get idle(): boolean {
    return this.#pending.length === 0;
  }

  /** Writes all commands in one go, so a MULTI…EXEC block is never interleaved with other callers. */
  send(commands: readonly (readonly (string | Buffer)[])[]): Promise<RedisReply[]> {
    if (this.#failed) return Promise.reject(this.#failed);
    const replies = commands.map(
      () =>
        new Promise<RedisReply>((resolve, reject) => {
          this.#pending.push({ resolve, reject });
        }),
    );
    this.#socket.write(Buffer.concat(commands.map(encodeCommand)));
    return Promise.all(replies);
  }

  close(): void {
    this.#fail(new Error('redis connection closed by client'));
    this.#socket.destroy();
  }

  #onData(chunk: Buffer): void {
    this.#buffer = this.#buffer.length === 0 ? chunk : Buffer.concat([this.#buffer, chunk]);
    let offset = 0;
    for (;;) {
      let parsed: ReturnType<typeof parseReply>;
      try {
        parsed = parseReply(this.#buffer, offset);
      } catch (error) {
        this.#fail(error as Error);
        this.#socket.destroy();
        return;
      }
      if (!parsed) break;
      offset = parsed.next;
      this.#pending.shift()?.resolve(parsed.reply);
    }
    // Copy the tail so a large parsed reply's buffer can be released.
    this.#buffer = offset === 0 ? this.#buffer : Buffer.from(this.#buffer.subarray(offset));
  }

  #fail(error: Error): void {
    this.#failed ??= error;
    for (const call of this.#pending.splice(0)) call.reject(error);
  }
}

/**
 * A RESP2 client with a small pool: each call gets a connection of its own while it runs, so a slow or blocking
 * command (BLPOP) never holds up the others.
 */
export class RedisClient {
  readonly #idle: RedisConnection[] = [];
  readonly #all = new Set<RedisConnection>();
  #closed = false;

  constructor(
    readonly port: number,
    readonly host = '127.0.0.1',
    private readonly maxIdle = 8,
  ) {}

  /** Sends the commands back to back on one connection and returns their replies in order. */
  async send(commands: readonly (readonly (string | Buffer)[])[]): Promise<RedisReply[]> {
    if (this.#closed) throw new Error('redis client closed');
    let connection = this.#idle.pop();
    while (connection && !connection.usable) connection = this.#idle.pop();
    if (!connection) {
      connection = await RedisConnection.open(this.port, this.host);
      this.#all.add(connection);
    }
    try {
      return await connection.send(commands);
    } finally {
      if (connection.usable && connection.idle && !this.#closed && this.#idle.length < this.maxIdle)
        this.#idle.push(connection);
      else {
        connection.close();
        this.#all.delete(connection);
      }
    }
  }

  async command(...args: (string | Buffer)[]): Promise<RedisReply> {
    const [reply] = await this.send([args]);
    return reply ?? null;
  }

  close(): void {
    this.#closed = true;
    for (const connection of this.#all) connection.close();
    this.#all.clear();
    this.#idle.length = 0;
  }
}

export interface RedisServer {
  /** `redis://127.0.0.1:PORT` */
  url: string;
  port: number;
  /** The redis-server process (its own process group), and when it exits with its code or signal. */
  pid: number;
  exited: Promise<number | string>;
  close(): Promise<void>;
}

export interface RedisServerOptions {
  /** The redis-server binary (default `redis-server` from PATH, the Debian package). */
  binary?: string;
  /** How long to wait for the first PONG. */
  startTimeoutMs?: number;
}

/** Starts the real redis-server on a free loopback port, no RDB/AOF, in a temp dir; resolves once it answers PING. */
export async function startRedisServer(options: RedisServerOptions = {}): Promise<RedisServer> {
  const dir = await mkdtemp(join(tmpdir(), 'kube-responder-redis-'));
  let lastError: unknown;
  // The free port is only free until redis binds it; another process may win the race, so try a few.
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freeLoopbackPort();
    try {
      return await spawnRedis(port, dir, options);
    } catch (error) {
      lastError = error;
    }
  }
  await rm(dir, { recursive: true, force: true });
  throw lastError;
}

async function spawnRedis(port: number, dir: string, options: RedisServerOptions): Promise<RedisServer> {
  const binary = options.binary ?? 'redis-server';
  const child: ChildProcess = spawn(
    binary,
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      dir,
      '--daemonize',
      'no',
      '--protected-mode',
      'yes',
      '--loglevel',
      'warning',
      '--databases',
      '1',
    ],
    // Its own group, like every child of the stack: a Ctrl-C reaches the stack, which stops redis in order.
    { cwd: dir, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const watched = watchChild(child);
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exited: { code: number | null; signal: string | null } | undefined;
  child.once('exit', (code, signal) => {
    exited = { code, signal };
  });
  child.once('error', (error) => {
    output += `\n${String(error)}`;
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      output += `\n${binary} is not installed (Debian/Ubuntu: sudo apt-get install redis-server, or set REDIS_SERVER_BIN to its path)`;
    }
    exited ??= { code: -1, signal: null };
  });

  // watchChild kills it if this process exits without close() (a crashed test run).
  const stop = async () => {
    if (!exited) await watched.stop();
  };

  const deadline = Date.now() + (options.startTimeoutMs ?? 10_000);
  for (;;) {
    if (exited)
      throw new Error(
        `redis-server exited (${exited.code ?? exited.signal}) on port ${port}: ${output.trim()}`,
      );
    const client = new RedisClient(port);
    try {
      const reply = await client.command('PING');
      if (reply instanceof RedisStatus && reply.value === 'PONG') break;
    } catch {
      // not listening yet
    } finally {
      client.close();
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`redis-server did not answer PING on port ${port} in time: ${output.trim()}`);
    }
    await new Promise((done) => setTimeout(done, 25));
  }

  let closed: Promise<void> | undefined;
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    pid: watched.pid,
    exited: watched.exited,
    close() {
      closed ??= (async () => {
        await stop();
        await rm(dir, { recursive: true, force: true });
      })();
      return closed;
    },
  };
}
