// Slack Web API fake at `/api/<method>`: auth, chat.postMessage/update/postEphemeral, auth.test, conversations.info,
// with Slack's Block Kit and text limits answered as Slack's errors, and every request recorded.
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

export interface SlackFakeOptions {
  /** The bot token callers must present (Bearer header or `token` field). */
  token: string;
  /** When given, `sign()` produces the headers Slack puts on interactivity requests to the app. */
  signingSecret?: string;
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

// Slack's published limits (Block Kit reference and chat.postMessage docs).
export const SLACK_LIMITS = {
  blocks: 50,
  textChars: 40_000,
  sectionText: 3000,
  sectionFields: 10,
  fieldText: 2000,
  headerText: 150,
  contextElements: 10,
  actionsElements: 25,
  buttonText: 75,
  actionId: 255,
  buttonValue: 2000,
  url: 3000,
  blockId: 255,
  markdownText: 12_000,
  altText: 2000,
  accessibilityLabel: 75,
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
} as const;

const TEAM_ID = 'T0FAKETEAM';
const BOT_USER_ID = 'U0FAKEBOT';
const BOT_ID = 'B0FAKEBOT';

// biome-ignore lint/suspicious/noExplicitAny: Block Kit JSON as the caller sent it
type Json = any;

const isObject = (value: unknown): value is Record<string, Json> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Checks blocks the way Slack does; each problem is `message [json-pointer:/blocks/…]` as Slack reports it. */
export function blockErrors(blocks: unknown): string[] {
  const errors: string[] = [];
  const at = (pointer: string, message: string): void => {
    errors.push(`${message} [json-pointer:${pointer}]`);
  };
  if (!Array.isArray(blocks)) {
    at('/blocks', 'must be an array');
    return errors;
  }
  if (blocks.length > SLACK_LIMITS.blocks) at('/blocks', `no more than ${SLACK_LIMITS.blocks} items allowed`);

  const text = (
    value: unknown,
    pointer: string,
    max: number,
    types: readonly string[] = ['plain_text', 'mrkdwn'],
  ) => {
    if (!isObject(value)) return at(pointer, 'must be a text object');
    if (!types.includes(value.type)) return at(`${pointer}/type`, `must be one of ${types.join(', ')}`);
    if (typeof value.text !== 'string' || value.text.length === 0)
      return at(`${pointer}/text`, 'must be more than 0 characters');
    if (value.text.length > max) at(`${pointer}/text`, `must be less than ${max + 1} characters`);
  };
  const maxString = (value: unknown, pointer: string, max: number, required = false) => {
    if (value === undefined && !required) return;
    if (typeof value !== 'string') return at(pointer, 'must be a string');
    if (value.length > max) at(pointer, `must be less than ${max + 1} characters`);
  };
  /** A confirmation dialog object: title, text, confirm and deny are all required plain_text. */
  const confirm = (value: unknown, pointer: string) => {
    if (!isObject(value)) return at(pointer, 'must be an object');
    text(value.title, `${pointer}/title`, SLACK_LIMITS.confirmTitle, ['plain_text']);
    text(value.text, `${pointer}/text`, SLACK_LIMITS.confirmText, ['plain_text']);
    text(value.confirm, `${pointer}/confirm`, SLACK_LIMITS.confirmButton, ['plain_text']);
    text(value.deny, `${pointer}/deny`, SLACK_LIMITS.confirmButton, ['plain_text']);
    if (value.style !== undefined && value.style !== 'primary' && value.style !== 'danger')
      at(`${pointer}/style`, 'must be one of primary, danger');
  };
  const element = (value: unknown, pointer: string) => {
    if (!isObject(value)) return at(pointer, 'must be an object');
    maxString(value.action_id, `${pointer}/action_id`, SLACK_LIMITS.actionId);
    if (value.confirm !== undefined) confirm(value.confirm, `${pointer}/confirm`);
    if (value.type === 'button') {
      text(value.text, `${pointer}/text`, SLACK_LIMITS.buttonText, ['plain_text']);
      maxString(value.value, `${pointer}/value`, SLACK_LIMITS.buttonValue);
      maxString(value.url, `${pointer}/url`, SLACK_LIMITS.url);
      maxString(value.accessibility_label, `${pointer}/accessibility_label`, SLACK_LIMITS.accessibilityLabel);
      if (value.style !== undefined && value.style !== 'primary' && value.style !== 'danger')
        at(`${pointer}/style`, 'must be one of primary, danger');
    } else if (value.type === 'image') {
      maxString(value.image_url, `${pointer}/image_url`, SLACK_LIMITS.url, true);
      maxString(value.alt_text, `${pointer}/alt_text`, SLACK_LIMITS.altText, true);
    } else if (typeof value.type !== 'string') at(`${pointer}/type`, 'must be provided');
  };

  for (const [i, block] of (blocks as unknown[]).entries()) {
    const p = `/blocks/${i}`;
    if (!isObject(block)) {
      at(p, 'must be an object');
      continue;
    }
    maxString(block.block_id, `${p}/block_id`, SLACK_LIMITS.blockId);
    switch (block.type) {
      case 'section':
        if (block.text === undefined && block.fields === undefined)
          at(p, 'must provide either text or fields');
        if (block.text !== undefined) text(block.text, `${p}/text`, SLACK_LIMITS.sectionText);
        if (block.fields !== undefined) {
          if (!Array.isArray(block.fields)) at(`${p}/fields`, 'must be an array');
          else {
            if (block.fields.length > SLACK_LIMITS.sectionFields)
              at(`${p}/fields`, `no more than ${SLACK_LIMITS.sectionFields} items allowed`);
            for (const [j, field] of (block.fields as unknown[]).entries())
              text(field, `${p}/fields/${j}`, SLACK_LIMITS.fieldText);
          }
        }
        if (block.accessory !== undefined) element(block.accessory, `${p}/accessory`);
        break;
      case 'header':
        text(block.text, `${p}/text`, SLACK_LIMITS.headerText, ['plain_text']);
        break;
      case 'context':
        if (!Array.isArray(block.elements) || block.elements.length === 0)
          at(`${p}/elements`, 'must provide at least 1 item');
        else {
          if (block.elements.length > SLACK_LIMITS.contextElements)
            at(`${p}/elements`, `no more than ${SLACK_LIMITS.contextElements} items allowed`);
          for (const [j, item] of (block.elements as unknown[]).entries()) {
            if (isObject(item) && item.type === 'image') element(item, `${p}/elements/${j}`);
            else text(item, `${p}/elements/${j}`, SLACK_LIMITS.sectionText);
          }
        }
        break;
      case 'actions':
        if (!Array.isArray(block.elements) || block.elements.length === 0)
          at(`${p}/elements`, 'must provide at least 1 item');
        else {
          if (block.elements.length > SLACK_LIMITS.actionsElements)
            at(`${p}/elements`, `no more than ${SLACK_LIMITS.actionsElements} items allowed`);
          // Slack refuses two elements with the same action_id in one block.
          const seen = new Set<unknown>();
          for (const [j, item] of (block.elements as unknown[]).entries()) {
            element(item, `${p}/elements/${j}`);
            const id = isObject(item) ? item.action_id : undefined;
            if (id !== undefined && seen.has(id)) at(`${p}/elements/${j}/action_id`, 'duplicate action_id');
            seen.add(id);
          }
        }
        break;
      case 'markdown':
        maxString(block.text, `${p}/text`, SLACK_LIMITS.markdownText, true);
        break;
      case 'image':
        element(block, p);
        break;
      case 'divider':
      case 'rich_text':
      case 'input':
      case 'file':
      case 'video':
        break;
      default:
        at(`${p}/type`, `unsupported block type ${JSON.stringify(block.type)}`);
    }
  }
  return errors;
}

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
