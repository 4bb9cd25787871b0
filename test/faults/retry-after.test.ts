// A chat's "wait" reaches QStash: the job route's failure names which chat failed and carries its Retry-After,
// read from Slack's rate-limit error or any HTTP error's header; and the QStash emulator, like QStash, holds the
// next delivery for a destination's Retry-After instead of its own backoff.
import { createServer } from 'node:http';
import { HTTPFetchError } from '@line/bot-sdk';
import { ErrorCode } from '@slack/web-api';
import { afterEach, describe, expect, it } from 'vitest';
import { startQStash } from '../../infra/stack/qstash.ts';
import { LineQuotaError } from '../../lib/chat/line/index.ts';
import { publicReason, retryAfterSeconds } from '../../lib/jobs/index.ts';
import { eventually, sleep } from '../support/messages.ts';

const slackRateLimited = (seconds: number) =>
  Object.assign(new Error('A rate limit was exceeded'), {
    code: ErrorCode.RateLimitedError,
    retryAfter: seconds,
  });
const slackHttp = (status: number, headers: Record<string, string> = {}) =>
  Object.assign(new Error(`An HTTP protocol error occurred: statusCode = ${status}`), {
    code: ErrorCode.HTTPError,
    statusCode: status,
    headers,
  });

const lineHttp = (status: number, headers: Record<string, string> = {}) =>
  new HTTPFetchError(`LINE answered ${status}`, {
    status,
    statusText: 'error',
    headers: new Headers(headers),
    body: '{}',
  });

describe('retryAfterSeconds', () => {
  it("reads Slack's rate-limit error, an HTTP error's header, and a cause under a wrapper", () => {
    expect(retryAfterSeconds(slackRateLimited(30))).toBe(30);
    expect(retryAfterSeconds(slackHttp(503, { 'retry-after': '7' }))).toBe(7);
    const line = lineHttp(503, { 'retry-after': '12' });
    expect(retryAfterSeconds(line)).toBe(12);
    expect(retryAfterSeconds(new Error('delivery failed', { cause: slackRateLimited(2) }))).toBe(2);
  });

  it('is undefined without a wait to pass on, and at most a day', () => {
    expect(retryAfterSeconds(slackHttp(503))).toBeUndefined();
    expect(retryAfterSeconds(new Error('boom'))).toBeUndefined();
    expect(retryAfterSeconds('not an error')).toBeUndefined();
    expect(retryAfterSeconds(slackRateLimited(10 * 86_400))).toBe(86_400);
  });
});

describe('publicReason of a chat failure', () => {
  it('names the chat and its status, not the destination or the message', () => {
    expect(publicReason(slackRateLimited(1))).toBe('Slack is rate limiting (HTTP 429)');
    expect(publicReason(slackHttp(502))).toBe('Slack answered HTTP 502');
    expect(publicReason(new LineQuotaError('Uabc'))).toBe('LINE refused the push (HTTP 429)');
    expect(publicReason(lineHttp(500))).toBe('LINE answered HTTP 500');
    // Nothing answered at all (a reset connection, as fetch reports it in Node and in workerd).
    expect(publicReason(new TypeError('fetch failed'))).toBe('a service the job calls could not be reached');
    expect(publicReason(new TypeError('Network connection lost.'))).toBe(
      'a service the job calls could not be reached',
    );
    expect(publicReason(new TypeError('x is not a function'))).toBe('internal error');
  });
});

describe('the QStash emulator and a Retry-After', () => {
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
  });

  it('holds the retry for the destination’s Retry-After, not its 10 ms backoff', async () => {
    const server = createServer((_, response) => {
      response.writeHead(503, { 'retry-after': '3600' }).end('busy');
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
    closers.push(() => new Promise((done) => server.close(() => done())));
    const port = (server.address() as { port: number }).port;
    const qstash = await startQStash({
      token: 't',
      currentSigningKey: 'a',
      nextSigningKey: 'b',
      retryBackoffMs: 10,
    });
    closers.push(() => qstash.close());
    const published = await fetch(`${qstash.url}/v2/publish/http://127.0.0.1:${port}/jobs/x`, {
      method: 'POST',
      headers: { authorization: 'Bearer t', 'content-type': 'application/json' },
      body: '{}',
    });
    expect(published.status).toBe(201);
    const [message] = await eventually('the first delivery', async () =>
      qstash.messages()[0]?.attempts ? qstash.messages() : undefined,
    );
    // Thirty times the backoff: an emulator ignoring Retry-After would have delivered all three retries by now.
    await sleep(300);
    expect(message!.attempts).toBe(1);
    expect(message!.state).toBe('retrying');
    expect(message!.responses[0]).toMatchObject({ status: 503, retryAfter: '3600' });
  });
});
