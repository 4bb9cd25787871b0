// QStash v2 emulator: publish, signed deliveries (JWT HS256 as QStash signs them), retries with backoff, dedup ids,
// flow-control parallelism, a DLQ, and a readable record of every message for tests.
import { createHash, createHmac, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BodyTooLargeError, bearerToken, listenLoopback, readBody, sendJson, tokenMatches } from './http.ts';

export interface QStashOptions {
  /** The token publishers send as `Authorization: Bearer <token>`. */
  token: string;
  /** Deliveries are signed with this key; `Receiver` accepts it or the next one. */
  currentSigningKey: string;
  nextSigningKey: string;
  /** Base of the exponential retry backoff: retry n waits base·2^(n-1). Small by default so tests see retries. */
  retryBackoffMs?: number;
  /** Retries when the publish names none (QStash's default is 3). */
  defaultRetries?: number;
  /** How long a deduplication id is remembered. */
  deduplicationWindowMs?: number;
  /** Delivery timeout when the publish sets no `Upstash-Timeout`. */
  deliveryTimeoutMs?: number;
  /** Largest message body accepted (QStash's free plan caps messages at 1 MB). */
  maxMessageBytes?: number;
}

export type QStashMessageState = 'pending' | 'delivering' | 'retrying' | 'delivered' | 'failed';

export interface QStashAttempt {
  at: string;
  /** HTTP status the destination answered; 0 when it could not be reached or timed out. */
  status: number;
  error?: string;
}

/** One published message as a test (or `GET /__messages`) sees it. */
export interface QStashMessage {
  messageId: string;
  /** The publish request: method and path as the SDK sent them, body as published (parsed when JSON). */
  method: string;
  path: string;
  body: unknown;
  at: string;
  /** Destination URL and the method the delivery uses. */
  url: string;
  deliveryMethod: string;
  /** Headers forwarded to the destination (`Upstash-Forward-*` without the prefix, and Content-Type). */
  headers: Record<string, string>;
  deduplicationId?: string;
  flowControl?: { key: string; parallelism?: number; rate?: number; period?: string };
  retries: number;
  notBefore?: string;
  state: QStashMessageState;
  attempts: number;
  statuses: number[];
  responses: QStashAttempt[];
  /** True once the message landed in the dead-letter queue. */
  dlq: boolean;
}

export interface QStashEmulator {
  /** Base URL for `new Client({ token, baseUrl: url })`. */
  url: string;
  messages(): QStashMessage[];
  /** Messages that failed after their retries (or with `Upstash-NonRetryable-Error`). */
  dlq(): QStashMessage[];
  /** Resolves once nothing is waiting, in flight or due for a retry; rejects after `timeoutMs`. */
  waitForIdle(timeoutMs?: number): Promise<void>;
  /**
   * Holds every delivery (new and due retries) until `resume()`: publishing still answers at once. For measuring
   * what publishing alone costs (the bench's storm), apart from the jobs it starts.
   */
  pause(): void;
  /** Starts every held delivery, and delivers as soon as published again. */
  resume(): void;
  /** Forgets every message, DLQ entry and dedup id (in-flight deliveries still finish). */
  clear(): void;
  close(): Promise<void>;
}

interface Internal {
  record: QStashMessage;
  rawBody: Buffer;
  forward: Record<string, string>;
  timeoutMs: number;
}

const PUBLISH_PREFIX = '/v2/publish/';

const base64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

/** The `Upstash-Signature` JWT exactly as QStash builds it: HS256 over iss/sub/exp/nbf/iat/jti/body. */
export function signDelivery(key: string, url: string, body: Buffer | string, nowSeconds?: number): string {
  const now = nowSeconds ?? Math.floor(Date.now() / 1000);
  const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const payload = base64url(
    JSON.stringify({
      iss: 'Upstash',
      sub: url,
      exp: now + 300,
      nbf: now,
      iat: now,
      jti: `jwt_${randomBytes(12).toString('hex')}`,
      body: createHash('sha256').update(body).digest('base64url'),
    }),
  );
  const signature = createHmac('sha256', key).update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${signature}`;
}

/** Parses QStash durations (`10s`, `5m`, `2h`, `1d`, or plain seconds) to milliseconds. */
function parseDuration(value: string, header: string): number {
  const match = /^(\d+)(ms|s|m|h|d)?$/.exec(value.trim());
  if (!match)
    throw new PublishError(400, `invalid ${header}: ${JSON.stringify(value)} (use e.g. 10s, 5m, 2h, 1d)`);
  const amount = Number(match[1]);
  const unit = match[2] ?? 's';
  const factor = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[unit] ?? 1000;
  return amount * factor;
}

function parseFlowControl(key: string, value: string): NonNullable<QStashMessage['flowControl']> {
  const control: NonNullable<QStashMessage['flowControl']> = { key };
  for (const part of value.split(',')) {
    const [name, raw] = part.split('=').map((s) => s.trim());
    if (!name || raw === undefined) continue;
    if (name === 'parallelism' || name === 'rate') {
      const n = Number(raw);
      if (!Number.isInteger(n) || n < 1)
        throw new PublishError(400, `invalid Upstash-Flow-Control-Value: ${name} must be a positive integer`);
      control[name] = n;
    } else if (name === 'period') {
      parseDuration(raw, 'Upstash-Flow-Control-Value period');
      control.period = raw;
    } else
      throw new PublishError(
        400,
        `invalid Upstash-Flow-Control-Value: unknown setting ${JSON.stringify(name)}`,
      );
  }
  if (control.parallelism === undefined && control.rate === undefined)
    throw new PublishError(400, 'Upstash-Flow-Control-Value needs parallelism=N or rate=N');
  return control;
}

class PublishError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const isLoopback = (hostname: string) =>
  hostname === '127.0.0.1' || hostname === 'localhost' || hostname === '[::1]' || hostname.startsWith('127.');

export async function startQStash(options: QStashOptions): Promise<QStashEmulator> {
  const backoffMs = options.retryBackoffMs ?? 100;
  const defaultRetries = options.defaultRetries ?? 3;
  const dedupWindowMs = options.deduplicationWindowMs ?? 10 * 60_000;
  const defaultTimeoutMs = options.deliveryTimeoutMs ?? 60_000;
  const maxBytes = options.maxMessageBytes ?? 1024 * 1024;

  let records: QStashMessage[] = [];
  const dedup = new Map<string, { messageId: string; until: number }>();
  /** Messages not yet delivered or failed, whether or not they are still in `records`. */
  const unsettled = new Set<Internal>();
  const timers = new Set<NodeJS.Timeout>();
  const aborts = new Set<AbortController>();
  const inFlight = new Map<string, number>();
  const waiting = new Map<string, Internal[]>();
  /** Start times per flow-control key within the current rate period. */
  const rateStarts = new Map<string, number[]>();
  let closed = false;
  /** Deliveries held while paused, in the order they became due. */
  let held: Internal[] | undefined;

  const later = (ms: number, run: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (!closed) run();
    }, ms);
    timers.add(timer);
  };

  /** Whoever waits for idle is told the moment the last message settles (no polling interval to wait out). */
  const idleWaiters = new Set<() => void>();
  const settle = (message: Internal, state: 'delivered' | 'failed') => {
    message.record.state = state;
    if (state === 'failed') message.record.dlq = true;
    unsettled.delete(message);
    if (unsettled.size === 0) for (const idle of idleWaiters) idle();
  };

  // Flow control: a message starts only while its key has fewer than `parallelism` deliveries in flight, and
  // fewer than `rate` deliveries started within the last `period` (default 1 s).
  const start = (message: Internal) => {
    if (held) {
      held.push(message);
      return;
    }
    const control = message.record.flowControl;
    const limit = control?.parallelism;
    const idleState = message.record.attempts > 0 ? 'retrying' : 'pending';
    if (control && limit !== undefined && (inFlight.get(control.key) ?? 0) >= limit) {
      message.record.state = idleState;
      const queue = waiting.get(control.key) ?? [];
      queue.push(message);
      waiting.set(control.key, queue);
      return;
    }
    if (control?.rate !== undefined) {
      const periodMs = control.period ? parseDuration(control.period, 'period') : 1000;
      const now = Date.now();
      const recent = (rateStarts.get(control.key) ?? []).filter((at) => at > now - periodMs);
      rateStarts.set(control.key, recent);
      if (recent.length >= control.rate) {
        message.record.state = idleState;
        later(recent[0]! + periodMs - now, () => start(message));
        return;
      }
      recent.push(now);
    }
    if (control && limit !== undefined) inFlight.set(control.key, (inFlight.get(control.key) ?? 0) + 1);
    void deliver(message).finally(() => {
      if (control && limit !== undefined) {
        inFlight.set(control.key, (inFlight.get(control.key) ?? 1) - 1);
        const next = waiting.get(control.key)?.shift();
        if (next && !closed) start(next);
      }
    });
  };

  const deliver = async (message: Internal) => {
    const { record } = message;
    record.state = 'delivering';
    const retried = record.attempts;
    record.attempts += 1;
    const abort = new AbortController();
    aborts.add(abort);
    const timer = setTimeout(() => abort.abort(new Error('delivery timed out')), message.timeoutMs);
    let status = 0;
    let error: string | undefined;
    let nonRetryable = false;
    try {
      const hasBody = record.deliveryMethod !== 'GET' && record.deliveryMethod !== 'HEAD';
      const response = await fetch(record.url, {
        method: record.deliveryMethod,
        headers: {
          ...message.forward,
          'user-agent': 'Upstash-QStash',
          'upstash-message-id': record.messageId,
          'upstash-retried': String(retried),
          'upstash-signature': signDelivery(options.currentSigningKey, record.url, message.rawBody),
        },
        body: hasBody ? new Uint8Array(message.rawBody) : undefined,
        redirect: 'manual',
        signal: abort.signal,
      });
      status = response.status;
      nonRetryable = response.headers.get('upstash-nonretryable-error')?.toLowerCase() === 'true';
      const text = await response.text();
      if (status < 200 || status >= 300) error = text.slice(0, 500);
    } catch (caught) {
      error =
        caught instanceof Error ? (caught.cause ? String(caught.cause) : caught.message) : String(caught);
    } finally {
      clearTimeout(timer);
      aborts.delete(abort);
    }
    record.statuses.push(status);
    record.responses.push({
      at: new Date().toISOString(),
      status,
      ...(error === undefined ? {} : { error }),
    });
    if (closed) return;
    if (status >= 200 && status < 300) settle(message, 'delivered');
    else if (nonRetryable || retried >= record.retries) settle(message, 'failed');
    else {
      record.state = 'retrying';
      later(backoffMs * 2 ** retried, () => start(message));
    }
  };

  const publish = async (request: IncomingMessage, response: ServerResponse, rawPath: string) => {
    const destination = rawPath.slice(PUBLISH_PREFIX.length);
    let url: URL;
    try {
      url = new URL(destination);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http');
    } catch {
      throw new PublishError(400, `invalid destination url: ${JSON.stringify(destination)}`);
    }
    // The local stack must never reach outside the machine.
    if (!isLoopback(url.hostname))
      throw new PublishError(400, `destination ${url.host} is not a loopback address (local emulator)`);

    let rawBody: Buffer;
    try {
      rawBody = await readBody(request, maxBytes);
    } catch (error) {
      if (error instanceof BodyTooLargeError)
        throw new PublishError(413, `message size exceeds the limit of ${maxBytes} bytes`);
      throw error;
    }
    const header = (name: string) => {
      const value = request.headers[name];
      return Array.isArray(value) ? value.join(', ') : value;
    };

    const forward: Record<string, string> = {};
    const contentType = header('content-type');
    if (contentType) forward['content-type'] = contentType;
    for (const [name, value] of Object.entries(request.headers)) {
      if (name.startsWith('upstash-forward-') && value !== undefined)
        forward[name.slice('upstash-forward-'.length)] = Array.isArray(value) ? value.join(', ') : value;
    }

    const retriesHeader = header('upstash-retries');
    const retries = retriesHeader === undefined ? defaultRetries : Number(retriesHeader);
    if (!Number.isInteger(retries) || retries < 0 || retries > 100)
      throw new PublishError(400, `invalid Upstash-Retries: ${JSON.stringify(retriesHeader)}`);

    let delayMs = 0;
    const delay = header('upstash-delay');
    if (delay !== undefined) delayMs = parseDuration(delay, 'Upstash-Delay');
    const notBeforeHeader = header('upstash-not-before');
    if (notBeforeHeader !== undefined) {
      const seconds = Number(notBeforeHeader);
      if (!Number.isInteger(seconds)) throw new PublishError(400, 'invalid Upstash-Not-Before: unix seconds');
      delayMs = Math.max(0, seconds * 1000 - Date.now());
    }
    const timeoutHeader = header('upstash-timeout');
    const timeoutMs = timeoutHeader ? parseDuration(timeoutHeader, 'Upstash-Timeout') : defaultTimeoutMs;

    const flowKey = header('upstash-flow-control-key');
    const flowValue = header('upstash-flow-control-value');
    const flowControl =
      flowKey !== undefined
        ? parseFlowControl(flowKey, flowValue ?? '')
        : flowValue !== undefined
          ? (() => {
              throw new PublishError(400, 'Upstash-Flow-Control-Value needs Upstash-Flow-Control-Key');
            })()
          : undefined;

    let deduplicationId = header('upstash-deduplication-id');
    if (deduplicationId === undefined && header('upstash-content-based-deduplication') === 'true') {
      // QStash derives the id from destination, body, Content-Type and forwarded headers.
      const hash = createHash('sha256').update(destination).update('\n').update(rawBody);
      for (const [name, value] of Object.entries(forward).sort(([a], [b]) => a.localeCompare(b)))
        hash.update(`\n${name}:${value}`);
      deduplicationId = `content-${hash.digest('hex')}`;
    }
    const now = Date.now();
    if (deduplicationId !== undefined) {
      const seen = dedup.get(deduplicationId);
      if (seen && seen.until > now) {
        // A duplicate is accepted (202) and answered with the first message's id; nothing new is delivered.
        sendJson(response, 202, { messageId: seen.messageId, deduplicated: true });
        return;
      }
    }

    const messageId = `msg_${randomBytes(16).toString('hex')}`;
    if (deduplicationId !== undefined) dedup.set(deduplicationId, { messageId, until: now + dedupWindowMs });
    const text = rawBody.toString('utf8');
    let body: unknown = text;
    if (/json/i.test(contentType ?? '')) {
      try {
        body = JSON.parse(text);
      } catch {
        // keep the text as published
      }
    }
    const record: QStashMessage = {
      messageId,
      method: request.method ?? 'POST',
      path: rawPath,
      body,
      at: new Date(now).toISOString(),
      url: destination,
      deliveryMethod: (header('upstash-method') ?? 'POST').toUpperCase(),
      headers: forward,
      ...(deduplicationId === undefined ? {} : { deduplicationId }),
      ...(flowControl === undefined ? {} : { flowControl }),
      retries,
      ...(delayMs > 0 ? { notBefore: new Date(now + delayMs).toISOString() } : {}),
      state: 'pending',
      attempts: 0,
      statuses: [],
      responses: [],
      dlq: false,
    };
    records.push(record);
    const message: Internal = { record, rawBody, forward, timeoutMs };
    unsettled.add(message);
    if (delayMs > 0) later(delayMs, () => start(message));
    else queueMicrotask(() => start(message));
    sendJson(response, 201, { messageId });
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const rawPath = request.url ?? '/';
    const pathname = rawPath.split('?')[0] ?? '/';
    if (pathname === '/__messages') {
      if (request.method === 'GET') sendJson(response, 200, records);
      else if (request.method === 'DELETE') {
        emulator.clear();
        response.writeHead(204).end();
      } else sendJson(response, 405, { error: 'GET or DELETE /__messages' });
      return;
    }
    if (!tokenMatches(bearerToken(request), options.token)) {
      sendJson(response, 401, { error: 'Unauthorized' });
      return;
    }
    try {
      if (request.method === 'POST' && rawPath.startsWith(PUBLISH_PREFIX)) {
        await publish(request, response, rawPath);
        return;
      }
      if (request.method === 'GET' && pathname === '/v2/dlq') {
        sendJson(response, 200, {
          messages: emulator.dlq().map((m) => ({
            messageId: m.messageId,
            dlqId: m.messageId,
            url: m.url,
            method: m.deliveryMethod,
            body: typeof m.body === 'string' ? m.body : JSON.stringify(m.body),
            createdAt: Date.parse(m.at),
            state: 'FAILED',
            responseStatus: m.statuses.at(-1) ?? 0,
            maxRetries: m.retries,
          })),
        });
        return;
      }
      sendJson(response, 404, {
        error: `${request.method} ${pathname} is not served by the local QStash emulator`,
      });
    } catch (error) {
      if (error instanceof PublishError) sendJson(response, error.status, { error: error.message });
      else throw error;
    }
  };

  const server = await listenLoopback(handle);
  let closing: Promise<void> | undefined;
  const emulator: QStashEmulator = {
    url: server.url,
    messages: () => records,
    dlq: () => records.filter((m) => m.dlq),
    pause() {
      held ??= [];
    },
    resume() {
      const due = held ?? [];
      held = undefined;
      for (const message of due) if (!closed) start(message);
    },
    clear() {
      records = [];
      dedup.clear();
    },
    async waitForIdle(timeoutMs = 10_000) {
      if (unsettled.size === 0) return;
      await new Promise<void>((done, fail) => {
        const idle = () => {
          clearTimeout(timer);
          idleWaiters.delete(idle);
          done();
        };
        const timer = setTimeout(() => {
          idleWaiters.delete(idle);
          const states = [...unsettled].map((m) => `${m.record.messageId} ${m.record.state}`).join(', ');
          fail(new Error(`QStash emulator not idle after ${timeoutMs} ms: ${states}`));
        }, timeoutMs);
        idleWaiters.add(idle);
      });
    },
    close() {
      closing ??= (async () => {
        closed = true;
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        for (const abort of aborts) abort.abort(new Error('emulator closed'));
        await server.close();
      })();
      return closing;
    },
  };
  return emulator;
}
