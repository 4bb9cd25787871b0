// LINE Messaging API fake at the root (`/v2/bot/...`): reply (single-use, expiring tokens), push with retry keys,
// multicast, the loading animation, profile (with the user's language) and bot info, with LINE's limits answered as LINE's errors and every
// request recorded.
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { timingSafeEqual } from '../../lib/security/index.ts';
import {
  BodyTooLargeError,
  type Fault,
  Faults,
  listenLoopback,
  type RecordedRequest,
  readBody,
  sendJson,
  serveRecording,
} from './http.ts';
import { type Detail, type Json, LINE_LIMITS, messageErrors } from './line-messages.ts';

export interface LineFakeOptions {
  /** The channel access token callers must present as `Authorization: Bearer <token>`. */
  channelAccessToken: string;
  /** When given, `sign()` produces the `X-Line-Signature` LINE puts on webhooks. */
  channelSecret?: string;
  /** How long a registered reply token stays usable (LINE's expire after about a minute). */
  replyTokenTtlMs?: number;
  /** Accept an unregistered non-empty reply token once (default true); false accepts only registered ones. */
  acceptUnknownReplyTokens?: boolean;
  /** Display names for `GET /v2/bot/profile/{userId}`; other valid user ids get a generated profile. */
  profiles?: Record<string, string>;
  /**
   * Each user's LINE language (`zh-TW`, `en`) for the profile's `language`; a user not named has none, as LINE
   * leaves it out for a user who has not consented to its privacy policy. Also `POST /__profiles`
   * `{ "<userId>": { "language": "zh-TW" } }`.
   */
  languages?: Record<string, string>;
}

/** A recorded API call; `status` is the HTTP status the fake answered. */
export interface LineRecordedRequest extends RecordedRequest {
  status: number;
  /** The push's `X-Line-Retry-Key`, when it had one. */
  retryKey?: string;
}

export interface LineFake {
  /** Base URL for `new messagingApi.MessagingApiClient({ channelAccessToken, baseURL: url })`. */
  url: string;
  messages(): LineRecordedRequest[];
  clear(): void;
  /** Answers the next matching call(s) with this failure instead (also `POST /__faults` with the same JSON). */
  fail(fault: Fault): void;
  /** Makes `token` a valid reply token until it is used or expires. */
  registerReplyToken(token: string, ttlMs?: number): void;
  /** A fresh reply token, as a webhook event would carry it. */
  issueReplyToken(ttlMs?: number): string;
  /** `X-Line-Signature` for a webhook body (base64 HMAC-SHA256 with the channel secret). */
  sign(body: string): string;
  close(): Promise<void>;
}

const USER_ID = /^U[0-9a-f]{32}$/;
const TARGET_ID = /^[UCR][0-9a-f]{32}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const RETRY_KEY_TTL_MS = 24 * 60 * 60 * 1000;

class LineError extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
    readonly headers: Record<string, string> = {},
  ) {
    super(String(body.message));
  }
}

const bodyErrors = (details: Detail[]) =>
  new LineError(400, { message: `The request body has ${details.length} error(s)`, details });

export async function startLineFake(options: LineFakeOptions): Promise<LineFake> {
  const replyTtlMs = options.replyTokenTtlMs ?? 60_000;
  const acceptUnknown = options.acceptUnknownReplyTokens ?? true;
  let recorded: LineRecordedRequest[] = [];
  const faults = new Faults();
  /** Registered reply tokens → expiry; used tokens stay in `usedReplyTokens` so a second use fails. */
  const replyTokens = new Map<string, number>();
  const usedReplyTokens = new Set<string>();
  const acceptedRetryKeys = new Map<string, { requestId: string; sentMessages: unknown[]; until: number }>();
  let messageCounter = 0;
  const languages = new Map(Object.entries(options.languages ?? {}));

  const sentMessages = (messages: unknown[]) =>
    messages.map(() => ({
      id: String(++messageCounter + 500_000_000_000_000),
      quoteToken: randomBytes(24).toString('base64url'),
    }));

  const useReplyToken = (token: unknown) => {
    if (typeof token !== 'string' || token === '')
      throw bodyErrors([{ message: 'must be specified', property: 'replyToken' }]);
    const expiry = replyTokens.get(token);
    const valid = !usedReplyTokens.has(token) && (expiry !== undefined ? expiry > Date.now() : acceptUnknown);
    usedReplyTokens.add(token);
    replyTokens.delete(token);
    if (!valid) throw new LineError(400, { message: 'Invalid reply token' });
  };

  const checkMessages = (messages: unknown) => {
    const details = messageErrors(messages);
    if (details.length > 0) throw bodyErrors(details);
    return messages as unknown[];
  };

  const checkRetryKey = (request: IncomingMessage) => {
    const key = request.headers['x-line-retry-key'];
    if (key === undefined) return undefined;
    if (typeof key !== 'string' || !UUID.test(key))
      throw new LineError(400, { message: "The value for the 'X-Line-Retry-Key' header is invalid" });
    const accepted = acceptedRetryKeys.get(key);
    if (accepted && accepted.until > Date.now())
      // LINE: the request with this key was already accepted; nothing is sent again.
      throw new LineError(
        409,
        { message: 'The retry key is already accepted', sentMessages: accepted.sentMessages },
        { 'x-line-accepted-request-id': accepted.requestId },
      );
    return key;
  };

  const route = (
    request: IncomingMessage,
    path: string,
    body: Json,
    requestId: string,
  ): { status: number; body: unknown } => {
    const method = request.method ?? 'GET';
    if (method === 'POST' && path === '/v2/bot/message/reply') {
      useReplyToken(body.replyToken);
      return { status: 200, body: { sentMessages: sentMessages(checkMessages(body.messages)) } };
    }
    if (method === 'POST' && path === '/v2/bot/message/push') {
      const key = checkRetryKey(request);
      if (typeof body.to !== 'string' || body.to === '')
        throw bodyErrors([{ message: 'must be specified', property: 'to' }]);
      if (!TARGET_ID.test(body.to))
        throw new LineError(400, {
          message: "The property, 'to', in the request body is invalid (line: -, column: -)",
        });
      const sent = sentMessages(checkMessages(body.messages));
      if (key)
        acceptedRetryKeys.set(key, { requestId, sentMessages: sent, until: Date.now() + RETRY_KEY_TTL_MS });
      return { status: 200, body: { sentMessages: sent } };
    }
    if (method === 'POST' && path === '/v2/bot/message/multicast') {
      const key = checkRetryKey(request);
      if (!Array.isArray(body.to) || body.to.length < 1 || body.to.length > LINE_LIMITS.multicastRecipients)
        throw bodyErrors([
          { message: `Size must be between 1 and ${LINE_LIMITS.multicastRecipients}`, property: 'to' },
        ]);
      const bad = (body.to as unknown[]).findIndex((to) => typeof to !== 'string' || !USER_ID.test(to));
      if (bad >= 0) throw bodyErrors([{ message: 'Invalid user ID', property: `to[${bad}]` }]);
      checkMessages(body.messages);
      if (key)
        acceptedRetryKeys.set(key, { requestId, sentMessages: [], until: Date.now() + RETRY_KEY_TTL_MS });
      return { status: 200, body: {} };
    }
    if (method === 'POST' && path === '/v2/bot/chat/loading/start') {
      // One-on-one chats only; 5 to 60 seconds in steps of 5. LINE answers 202 with an empty body.
      if (typeof body.chatId !== 'string' || !USER_ID.test(body.chatId))
        throw bodyErrors([{ message: 'Invalid chat ID', property: 'chatId' }]);
      const seconds = body.loadingSeconds ?? 20;
      if (!Number.isInteger(seconds) || seconds < 5 || seconds > 60 || seconds % 5 !== 0)
        throw bodyErrors([{ message: 'must be 5 to 60, a multiple of 5', property: 'loadingSeconds' }]);
      return { status: 202, body: {} };
    }
    const profile = /^\/v2\/bot\/profile\/([^/]+)$/.exec(path);
    if (method === 'GET' && profile) {
      const userId = decodeURIComponent(profile[1]!);
      if (!USER_ID.test(userId)) throw new LineError(404, { message: 'Not found' });
      return {
        status: 200,
        body: {
          userId,
          displayName: options.profiles?.[userId] ?? `User ${userId.slice(1, 7)}`,
          pictureUrl: `https://profile.line-scdn.net/${userId}`,
          statusMessage: 'on call',
          ...(languages.has(userId) ? { language: languages.get(userId) } : {}),
        },
      };
    }
    if (method === 'GET' && path === '/v2/bot/info')
      return {
        status: 200,
        body: {
          userId: 'U0000000000000000000000000000b07',
          basicId: '@kube-responder',
          displayName: 'kube-responder',
          pictureUrl: 'https://profile.line-scdn.net/bot',
          chatMode: 'bot',
          markAsReadMode: 'auto',
        },
      };
    throw new LineError(404, { message: 'Not found' });
  };

  /** `POST /__profiles`: sets users' profile languages (tests of a language the profile gives). */
  const serveProfiles = async (request: IncomingMessage, response: ServerResponse) => {
    if (new URL(request.url ?? '/', 'http://line').pathname !== '/__profiles') return false;
    if (request.method !== 'POST') sendJson(response, 405, { error: 'POST /__profiles' });
    else {
      const body = JSON.parse((await readBody(request, 64 * 1024)).toString('utf8')) as Record<
        string,
        { language?: string }
      >;
      for (const [userId, profile] of Object.entries(body))
        if (profile.language) languages.set(userId, profile.language);
        else languages.delete(userId);
      response.writeHead(204).end();
    }
    return true;
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    if (
      serveRecording(
        request,
        response,
        () => recorded,
        () => {
          recorded = [];
        },
      )
    )
      return;
    if (await faults.serve(request, response)) return;
    if (await serveProfiles(request, response)) return;
    const url = new URL(request.url ?? '/', 'http://line');
    const requestId = randomUUID();
    let body: Json = null;
    let status: number;
    let answer: unknown;
    let headers: Record<string, string> = {};
    try {
      let raw: Buffer;
      try {
        raw = await readBody(request, 2 * 1024 * 1024);
      } catch (error) {
        if (error instanceof BodyTooLargeError)
          throw new LineError(413, { message: 'Request Entity Too Large' });
        throw error;
      }
      const text = raw.toString('utf8');
      if (text !== '') {
        try {
          body = JSON.parse(text);
        } catch {
          body = text.slice(0, 2000);
          throw new LineError(400, { message: 'The request body could not be parsed as JSON' });
        }
      }
      const header = request.headers.authorization;
      const token = header?.match(/^Bearer\s+(.+)$/i)?.[1]?.trim();
      if (!token)
        throw new LineError(401, {
          message:
            "Authorization header required. Must follow the scheme, 'Authorization: Bearer <ACCESS TOKEN>'",
        });
      if (!timingSafeEqual(token, options.channelAccessToken))
        throw new LineError(401, {
          message:
            'Authentication failed. Confirm that the access token in the authorization header is valid.',
        });
      const fault = faults.take(url.pathname);
      // An injected failure answers instead of LINE, and (as a real 5xx/429) consumes no reply token or retry key;
      // one marked `afterEffect` is the answer lost on its way back: LINE did the work, the caller sees a failure.
      if (fault?.afterEffect) route(request, url.pathname, body ?? {}, requestId);
      if (fault)
        throw new LineError(
          fault.status,
          (fault.body ?? { message: `injected failure ${fault.status}` }) as Record<string, unknown>,
          fault.headers,
        );
      ({ status, body: answer } = route(request, url.pathname, body ?? {}, requestId));
    } catch (error) {
      if (!(error instanceof LineError)) throw error;
      status = error.status;
      answer = error.body;
      headers = error.headers;
    }
    recorded.push({
      method: request.method ?? 'GET',
      path: url.pathname,
      body,
      at: new Date().toISOString(),
      status,
      ...(typeof request.headers['x-line-retry-key'] === 'string'
        ? { retryKey: request.headers['x-line-retry-key'] }
        : {}),
    });
    sendJson(response, status, answer, { 'x-line-request-id': requestId, ...headers });
  };

  const server = await listenLoopback(handle);
  const fake: LineFake = {
    url: server.url,
    messages: () => recorded,
    clear() {
      recorded = [];
    },
    fail: (fault) => faults.add(fault),
    registerReplyToken(token, ttlMs = replyTtlMs) {
      usedReplyTokens.delete(token);
      replyTokens.set(token, Date.now() + ttlMs);
    },
    issueReplyToken(ttlMs = replyTtlMs) {
      const token = randomBytes(16).toString('hex');
      fake.registerReplyToken(token, ttlMs);
      return token;
    },
    sign(body) {
      if (!options.channelSecret) throw new Error('startLineFake: no channelSecret was given, cannot sign');
      return createHmac('sha256', options.channelSecret).update(body).digest('base64');
    },
    close: () => server.close(),
  };
  return fake;
}
