// Slack Web API fake at `/api/<method>`: auth, chat.postMessage/update/postEphemeral, auth.test, conversations.info,
// users.info (with the user's locale), with Slack's Block Kit and text limits answered as Slack's errors, and every request recorded.
import { createHmac } from 'node:crypto';
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
import { blockErrors, isObject, type Json, SLACK_LIMITS } from './slack-blocks.ts';

export interface SlackFakeOptions {
  /** The bot token callers must present (Bearer header or `token` field). */
  token: string;
  /** When given, `sign()` produces the headers Slack puts on interactivity requests to the app. */
  signingSecret?: string;
  /**
   * Each user's Slack locale (`zh-CN`) for `users.info` with `include_locale`; others are `en-US`. Also
   * `POST /__users` `{ "<userId>": { "locale": "zh-CN" } }`.
   */
  locales?: Record<string, string>;
}

/** A recorded Web API call; `status`, `ok` and `error` are what the fake answered. */
export interface SlackRecordedRequest extends RecordedRequest {
  status: number;
  ok: boolean;
  error?: string;
  /** chat.postMessage: the ts Slack gave the message. */
  ts?: string;
}

export interface SlackFake {
  /** Base URL; the SDK's `slackApiUrl` is `${url}/api/`. */
  url: string;
  messages(): SlackRecordedRequest[];
  clear(): void;
  /** Answers the next matching call(s) with this failure instead (also `POST /__faults` with the same JSON). */
  fail(fault: Fault): void;
  /** Headers Slack would send with `body` to the app (`X-Slack-Signature`, `X-Slack-Request-Timestamp`). */
  sign(body: string, timestampSeconds?: number): Record<string, string>;
  close(): Promise<void>;
}

const TEAM_ID = 'T0FAKETEAM';
const BOT_USER_ID = 'U0FAKEBOT';
const BOT_ID = 'B0FAKEBOT';

/** Parses a form or JSON body; form fields that carry JSON (blocks, attachments, metadata) are decoded. */
function parseBody(raw: Buffer, contentType: string): Record<string, Json> {
  const text = raw.toString('utf8');
  if (text.trim() === '') return {};
  let body: Record<string, Json>;
  if (/application\/json/i.test(contentType)) {
    const parsed = JSON.parse(text);
    if (!isObject(parsed)) throw new Error('body must be a JSON object');
    body = parsed;
  } else body = Object.fromEntries(new URLSearchParams(text));
  for (const key of ['blocks', 'attachments', 'metadata']) {
    if (typeof body[key] === 'string') {
      try {
        body[key] = JSON.parse(body[key]);
      } catch {
        // left as text: validation reports it
      }
    }
  }
  return body;
}

export async function startSlackFake(options: SlackFakeOptions): Promise<SlackFake> {
  let recorded: SlackRecordedRequest[] = [];
  const faults = new Faults();
  /** Posted message ts per channel, so chat.update can answer message_not_found like Slack. */
  const posted = new Map<string, Set<string>>();
  let lastTs = 0;
  const locales = new Map(Object.entries(options.locales ?? {}));
  const nextTs = () => {
    // Slack ts: seconds.micro, unique and increasing per channel.
    lastTs = Math.max(lastTs + 1, Date.now() * 1000);
    return `${Math.floor(lastTs / 1e6)}.${String(lastTs % 1e6).padStart(6, '0')}`;
  };

  const messageFields = (body: Record<string, Json>): string | undefined => {
    const hasBlocks = body.blocks !== undefined && body.blocks !== '' && body.blocks !== '[]';
    const hasText = typeof body.text === 'string' && body.text.length > 0;
    const hasAttachments =
      body.attachments !== undefined && body.attachments !== '' && body.attachments !== '[]';
    if (!hasBlocks && !hasText && !hasAttachments) return 'no_text';
    if (typeof body.text === 'string' && body.text.length > SLACK_LIMITS.textChars) return 'msg_too_long';
    return undefined;
  };

  type Answer = Record<string, Json> & { ok: boolean; error?: string };

  const call = (method: string, body: Record<string, Json>): Answer => {
    const channel = typeof body.channel === 'string' ? body.channel : '';
    const message = (ts: string) => ({
      type: 'message',
      text: typeof body.text === 'string' ? body.text : '',
      user: BOT_USER_ID,
      bot_id: BOT_ID,
      app_id: 'A0FAKEAPP',
      team: TEAM_ID,
      ts,
      ...(body.blocks !== undefined ? { blocks: body.blocks } : {}),
      ...(body.thread_ts !== undefined ? { thread_ts: String(body.thread_ts) } : {}),
    });
    const checkMessage = (): Answer | undefined => {
      if (channel === '') return { ok: false, error: 'channel_not_found' };
      const textError = messageFields(body);
      if (textError) return { ok: false, error: textError };
      if (typeof body.blocks === 'string') return { ok: false, error: 'invalid_blocks_format' };
      if (body.blocks !== undefined) {
        const errors = blockErrors(body.blocks);
        if (errors.length > 0)
          return {
            ok: false,
            error: 'invalid_blocks',
            errors,
            response_metadata: { messages: errors.map((e) => `[ERROR] ${e}`) },
          };
      }
      return undefined;
    };

    switch (method) {
      case 'auth.test':
        return {
          ok: true,
          url: 'https://kube-responder-fake.slack.com/',
          team: 'Fake Team',
          user: 'kube-responder',
          team_id: TEAM_ID,
          user_id: BOT_USER_ID,
          bot_id: BOT_ID,
          is_enterprise_install: false,
        };
      case 'conversations.info':
        if (channel === '') return { ok: false, error: 'channel_not_found' };
        return {
          ok: true,
          channel: {
            id: channel,
            name: `channel-${channel.toLowerCase()}`,
            is_channel: true,
            is_private: false,
            is_archived: false,
            is_member: true,
            created: 1_700_000_000,
          },
        };
      case 'users.info': {
        const user = typeof body.user === 'string' ? body.user : '';
        if (!/^[UW][A-Z0-9]+$/.test(user)) return { ok: false, error: 'user_not_found' };
        // Slack sends `locale` only when asked with include_locale.
        const withLocale = body.include_locale === true || body.include_locale === 'true';
        return {
          ok: true,
          user: {
            id: user,
            team_id: TEAM_ID,
            name: `user-${user.toLowerCase()}`,
            real_name: `User ${user}`,
            tz: 'Asia/Taipei',
            is_bot: false,
            ...(withLocale ? { locale: locales.get(user) ?? 'en-US' } : {}),
          },
        };
      }
      case 'chat.postMessage': {
        const problem = checkMessage();
        if (problem) return problem;
        const ts = nextTs();
        const seen = posted.get(channel) ?? new Set();
        seen.add(ts);
        posted.set(channel, seen);
        return { ok: true, channel, ts, message: message(ts) };
      }
      case 'chat.update': {
        const problem = checkMessage();
        if (problem) return problem;
        const ts = typeof body.ts === 'string' ? body.ts : '';
        if (!posted.get(channel)?.has(ts)) return { ok: false, error: 'message_not_found' };
        return {
          ok: true,
          channel,
          ts,
          text: typeof body.text === 'string' ? body.text : '',
          message: message(ts),
        };
      }
      case 'chat.postEphemeral': {
        const problem = checkMessage();
        if (problem) return problem;
        if (typeof body.user !== 'string' || body.user === '') return { ok: false, error: 'user_not_found' };
        return { ok: true, message_ts: nextTs() };
      }
      default:
        return { ok: false, error: 'unknown_method', req_method: method };
    }
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
    if (new URL(request.url ?? '/', 'http://slack').pathname === '/__users' && request.method === 'POST') {
      const users = JSON.parse((await readBody(request, 64 * 1024)).toString('utf8')) as Record<
        string,
        { locale?: string }
      >;
      for (const [user, { locale }] of Object.entries(users))
        if (locale) locales.set(user, locale);
        else locales.delete(user);
      response.writeHead(204).end();
      return;
    }
    const url = new URL(request.url ?? '/', 'http://slack');
    const match = /^\/api\/([A-Za-z0-9_.]+)$/.exec(url.pathname);
    if (!match) {
      sendJson(response, 404, { ok: false, error: 'unknown_method' });
      return;
    }
    const method = match[1]!;
    let raw: Buffer;
    try {
      raw = await readBody(request, 1024 * 1024);
    } catch (error) {
      if (error instanceof BodyTooLargeError) {
        sendJson(response, 413, { ok: false, error: 'request_too_large' });
        return;
      }
      throw error;
    }
    let body: Record<string, Json>;
    let answer: Answer | undefined;
    try {
      body = {
        ...Object.fromEntries(url.searchParams),
        ...parseBody(raw, request.headers['content-type'] ?? ''),
      };
    } catch {
      body = { raw: raw.toString('utf8').slice(0, 2000) };
      answer = { ok: false, error: 'invalid_json' };
    }
    const bodyToken = typeof body.token === 'string' ? body.token : undefined;
    // The token is a secret: never kept in the recording.
    delete body.token;
    const header = request.headers.authorization;
    const token = header?.match(/^Bearer\s+(.+)$/i)?.[1]?.trim() ?? bodyToken;
    const fault = faults.take(url.pathname);
    if (fault) {
      const faultBody = (fault.body ?? { ok: false, error: `http_${fault.status}` }) as Answer;
      recorded.push({
        method: request.method ?? 'POST',
        path: url.pathname,
        body,
        at: new Date().toISOString(),
        status: fault.status,
        ok: false,
        error: typeof faultBody.error === 'string' ? faultBody.error : `http_${fault.status}`,
      });
      sendJson(response, fault.status, faultBody, fault.headers);
      return;
    }
    answer ??=
      token === undefined || token === ''
        ? { ok: false, error: 'not_authed' }
        : !timingSafeEqual(token, options.token)
          ? { ok: false, error: 'invalid_auth' }
          : call(method, body);
    recorded.push({
      method: request.method ?? 'POST',
      path: url.pathname,
      body,
      at: new Date().toISOString(),
      status: 200,
      ok: answer.ok,
      ...(answer.error === undefined ? {} : { error: answer.error }),
      // The ts a posted message got, so a test can press its buttons (block_actions name the message by it).
      ...(typeof answer.ts === 'string' ? { ts: answer.ts } : {}),
    });
    // Slack answers 200 even for errors; the SDK reads `ok`.
    sendJson(response, 200, answer);
  };

  const server = await listenLoopback(handle);
  return {
    url: server.url,
    messages: () => recorded,
    clear() {
      recorded = [];
    },
    fail: (fault) => faults.add(fault),
    sign(body: string, timestampSeconds = Math.floor(Date.now() / 1000)) {
      if (!options.signingSecret) throw new Error('startSlackFake: no signingSecret was given, cannot sign');
      const signature = createHmac('sha256', options.signingSecret)
        .update(`v0:${timestampSeconds}:${body}`)
        .digest('hex');
      return {
        'x-slack-request-timestamp': String(timestampSeconds),
        'x-slack-signature': `v0=${signature}`,
      };
    },
    close: () => server.close(),
  };
}
