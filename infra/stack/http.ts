// Small node:http helpers shared by the stand-ins: loopback listen/close, capped body reads, JSON answers.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { timingSafeEqual } from '../../lib/security/index.ts';

/** A running loopback HTTP server. */
export interface LoopbackServer {
  url: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

/** Binds 127.0.0.1 on a free port; `close()` drops keep-alive sockets first so callers never hang. */
export async function listenLoopback(
  handler: (request: IncomingMessage, response: ServerResponse) => void | Promise<void>,
): Promise<LoopbackServer> {
  const server = createServer((request, response) => {
    Promise.resolve(handler(request, response)).catch((error: unknown) => {
      if (!response.headersSent) sendJson(response, 500, { error: `stand-in failed: ${String(error)}` });
      else response.destroy();
    });
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => done());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  let closed: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    server,
    close() {
      closed ??= new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      });
      return closed;
    },
  };
}

/** A free loopback TCP port, for child processes that need to be told their port up front. */
export async function freeLoopbackPort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createNetServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`request body over ${limit} bytes`);
  }
}

/** Reads the whole body; rejects with BodyTooLargeError past `limit` bytes (real services cap bodies too). */
export async function readBody(request: IncomingMessage, limit = 10 * 1024 * 1024): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new BodyTooLargeError(limit);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  response.end(text);
}

/** The token of an `Authorization: Bearer <token>` header, or undefined. */
export function bearerToken(request: IncomingMessage): string | undefined {
  const header = request.headers.authorization;
  const match = header ? /^Bearer\s+(.+)$/i.exec(header) : null;
  return match?.[1]?.trim();
}

/** A bearer token the caller sent, compared with the expected one in constant time. */
export const tokenMatches = (given: string | undefined, expected: string): boolean =>
  given !== undefined && timingSafeEqual(given, expected);

/** One request as the chat fakes record it (docs/design.md: `GET /__messages` → `[{method, path, body, at}]`). */
export interface RecordedRequest {
  method: string;
  path: string;
  body: unknown;
  at: string;
}

/**
 * Serves `GET /__messages` (the recording as JSON) and `DELETE /__messages` (clears it).
 * Returns true when it answered the request.
 */
export function serveRecording(
  request: IncomingMessage,
  response: ServerResponse,
  list: () => unknown[],
  clear: () => void,
): boolean {
  const path = new URL(request.url ?? '/', 'http://stand-in').pathname;
  if (path !== '/__messages') return false;
  if (request.method === 'GET') sendJson(response, 200, list());
  else if (request.method === 'DELETE') {
    clear();
    response.writeHead(204).end();
  } else sendJson(response, 405, { error: 'GET or DELETE /__messages' });
  return true;
}

/** An injected failure: the next `count` matching requests get this answer instead of the real one. */
export interface Fault {
  /** Only requests to this path (e.g. `/api/chat.postMessage`); any path when absent. */
  path?: string;
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  count?: number;
  /** The request takes effect first, then this answer replaces the real one (a reply lost on its way back). */
  afterEffect?: boolean;
}

/**
 * Failure injection for the fakes, so tests can show what the Worker does when a chat service is down or rate
 * limiting: `POST /__faults` with a Fault (or an array) queues it, `DELETE /__faults` clears them.
 */
export class Faults {
  #queue: (Fault & { left: number })[] = [];

  add(fault: Fault): void {
    if (!Number.isInteger(fault.status) || fault.status < 100 || fault.status > 599)
      throw new Error(`fault status must be an HTTP status, got ${JSON.stringify(fault.status)}`);
    this.#queue.push({ ...fault, left: fault.count ?? 1 });
  }

  clear(): void {
    this.#queue = [];
  }

  /** The fault for a request to `path`, used up by this call; undefined when none applies. */
  take(path: string): Fault | undefined {
    const index = this.#queue.findIndex((fault) => fault.path === undefined || fault.path === path);
    if (index < 0) return undefined;
    const fault = this.#queue[index]!;
    fault.left -= 1;
    if (fault.left <= 0) this.#queue.splice(index, 1);
    return fault;
  }

  /** Serves `POST /__faults` and `DELETE /__faults`; true when it answered. */
  async serve(request: IncomingMessage, response: ServerResponse): Promise<boolean> {
    const path = new URL(request.url ?? '/', 'http://stand-in').pathname;
    if (path !== '/__faults') return false;
    if (request.method === 'DELETE') {
      this.clear();
      response.writeHead(204).end();
    } else if (request.method === 'POST') {
      try {
        const parsed = JSON.parse((await readBody(request, 64 * 1024)).toString('utf8')) as Fault | Fault[];
        for (const fault of Array.isArray(parsed) ? parsed : [parsed]) this.add(fault);
        response.writeHead(204).end();
      } catch (error) {
        sendJson(response, 400, {
          error: `bad fault: ${error instanceof Error ? error.message : String(error)}`,
        });
      }
    } else sendJson(response, 405, { error: 'POST or DELETE /__faults' });
    return true;
  }
}
