// @upstash/qstash Client and Receiver, unchanged, against the QStash emulator: what a destination receives and
// what a publisher is told — signatures, retries, dedup, flow control, the DLQ and key rotation.
import type { IncomingHttpHeaders } from 'node:http';
import { Client, Receiver } from '@upstash/qstash';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { type LoopbackServer, listenLoopback, readBody, sendJson } from '../../infra/stack/http.ts';
import { type QStashEmulator, startQStash } from '../../infra/stack/qstash.ts';

const token = 'qstash-canary-token-5e1d';
const currentSigningKey = 'sig_current_canary_71c2';
const nextSigningKey = 'sig_next_canary_a8f0';

interface Delivery {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  verified: boolean;
  /** Verified by a receiver that only knows the rotated-in key as its "next" key. */
  verifiedAfterRotation: boolean;
  /** Verified by a receiver holding two unrelated keys (must never pass). */
  verifiedWithWrongKeys: boolean;
}

let qstash: QStashEmulator;
let destination: LoopbackServer;
let client: Client;
let deliveries: Delivery[] = [];
let attemptsByPath = new Map<string, number>();
let inFlight = 0;
let maxInFlight = 0;

const receiver = new Receiver({ currentSigningKey, nextSigningKey });
const rotated = new Receiver({ currentSigningKey: 'sig_retired_key', nextSigningKey: currentSigningKey });
const stranger = new Receiver({ currentSigningKey: 'sig_other_1', nextSigningKey: 'sig_other_2' });
const verify = (r: Receiver, signature: string, body: string, url: string) =>
  r.verify({ signature, body, url }).then(
    () => true,
    () => false,
  );

beforeAll(async () => {
  qstash = await startQStash({ token, currentSigningKey, nextSigningKey, retryBackoffMs: 20 });
  destination = await listenLoopback(async (request, response) => {
    const body = (await readBody(request)).toString('utf8');
    const path = request.url ?? '/';
    const url = `${destination.url}${path}`;
    const signature = String(request.headers['upstash-signature'] ?? '');
    deliveries.push({
      path,
      headers: request.headers,
      body,
      verified: await verify(receiver, signature, body, url),
      verifiedAfterRotation: await verify(rotated, signature, body, url),
      verifiedWithWrongKeys: await verify(stranger, signature, body, url),
    });
    const attempt = (attemptsByPath.get(path) ?? 0) + 1;
    attemptsByPath.set(path, attempt);
    if (path.startsWith('/flaky')) return sendJson(response, attempt <= 2 ? 503 : 200, { attempt });
    if (path.startsWith('/broken')) return sendJson(response, 500, { error: 'always down' });
    if (path.startsWith('/invalid'))
      return sendJson(response, 400, { error: 'bad job' }, { 'upstash-nonretryable-error': 'true' });
    if (path.startsWith('/slow')) {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((done) => setTimeout(done, 100));
      inFlight -= 1;
    }
    sendJson(response, 200, { ok: true });
  });
  client = new Client({ token, baseUrl: qstash.url, enableTelemetry: false });
});
afterAll(async () => {
  await qstash?.close();
  await destination?.close();
});
beforeEach(() => {
  qstash.clear();
  deliveries = [];
  attemptsByPath = new Map();
  maxInFlight = 0;
});

it('delivers a publishJSON body signed as QStash signs it, with forwarded headers', async () => {
  const url = `${destination.url}/jobs/diagnose-alert`;
  const job = { v: 1, kind: 'diagnose-alert', text: 'ünïcode ✓' };
  const { messageId } = await client.publishJSON({ url, body: job, headers: { 'X-Trace-Id': 'trace-1' } });
  expect(messageId).toMatch(/^msg_/);
  await qstash.waitForIdle(5000);

  expect(deliveries).toHaveLength(1);
  const [delivery] = deliveries;
  expect(JSON.parse(delivery!.body)).toEqual(job);
  expect(delivery!.headers['content-type']).toBe('application/json');
  expect(delivery!.headers['x-trace-id']).toBe('trace-1');
  expect(delivery!.headers['upstash-message-id']).toBe(messageId);
  expect(delivery!.headers['upstash-retried']).toBe('0');
  expect(delivery!.verified).toBe(true);
  expect(delivery!.verifiedAfterRotation).toBe(true);
  expect(delivery!.verifiedWithWrongKeys).toBe(false);
  const claims = JSON.parse(
    Buffer.from(String(delivery!.headers['upstash-signature']).split('.')[1]!, 'base64url').toString(),
  );
  expect(claims).toMatchObject({ iss: 'Upstash', sub: url });
  expect(claims.exp).toBeGreaterThan(claims.iat);
  expect(claims.nbf).toBe(claims.iat);
  expect(typeof claims.jti).toBe('string');

  // A signature for this body does not verify another body or another URL.
  const signature = String(delivery!.headers['upstash-signature']);
  expect(await verify(receiver, signature, `${delivery!.body} `, url)).toBe(false);
  expect(await verify(receiver, signature, delivery!.body, `${url}x`)).toBe(false);

  const [record] = qstash.messages();
  expect(record).toMatchObject({
    messageId,
    url,
    state: 'delivered',
    attempts: 1,
    statuses: [200],
    body: job,
  });
  const listed = await (await fetch(`${qstash.url}/__messages`)).json();
  expect(listed).toEqual(JSON.parse(JSON.stringify(qstash.messages())));
});

it('answers a duplicate dedup id with the first message id and delivers nothing new', async () => {
  const url = `${destination.url}/jobs/dedup`;
  const first = await client.publishJSON({ url, body: { n: 1 }, deduplicationId: 'am-abc-1' });
  const again = (await client.publishJSON({ url, body: { n: 2 }, deduplicationId: 'am-abc-1' })) as {
    messageId: string;
    deduplicated?: boolean;
  };
  expect(again).toEqual({ messageId: first.messageId, deduplicated: true });
  const byContent = await client.publishJSON({ url, body: { same: true }, contentBasedDeduplication: true });
  const byContentAgain = (await client.publishJSON({
    url,
    body: { same: true },
    contentBasedDeduplication: true,
  })) as {
    messageId: string;
    deduplicated?: boolean;
  };
  expect(byContentAgain).toEqual({ messageId: byContent.messageId, deduplicated: true });
  await qstash.waitForIdle(5000);
  // Two messages are delivered concurrently, in either order.
  expect(deliveries.map((d) => d.body).sort()).toEqual(['{"n":1}', '{"same":true}']);
  expect(qstash.messages()).toHaveLength(2);
});

it('retries non-2xx answers with backoff and counts them in Upstash-Retried', async () => {
  const { messageId } = await client.publishJSON({ url: `${destination.url}/flaky`, body: { x: 1 } });
  await qstash.waitForIdle(5000);
  expect(deliveries.map((d) => d.headers['upstash-retried'])).toEqual(['0', '1', '2']);
  expect(deliveries.every((d) => d.headers['upstash-message-id'] === messageId && d.verified)).toBe(true);
  expect(qstash.messages()[0]).toMatchObject({ state: 'delivered', attempts: 3, statuses: [503, 503, 200] });
});

it('moves a message to the DLQ after its retries, or at once for a non-retryable error', async () => {
  await client.publishJSON({ url: `${destination.url}/broken`, body: { x: 1 }, retries: 1 });
  await client.publishJSON({ url: `${destination.url}/invalid`, body: { x: 2 } });
  await qstash.waitForIdle(5000);
  const [broken, invalid] = qstash.messages();
  expect(broken).toMatchObject({ state: 'failed', attempts: 2, statuses: [500, 500], dlq: true, retries: 1 });
  expect(invalid).toMatchObject({ state: 'failed', attempts: 1, statuses: [400], dlq: true });
  const { messages } = await client.dlq.listMessages();
  expect(messages.map((m) => m.url).sort()).toEqual([
    `${destination.url}/broken`,
    `${destination.url}/invalid`,
  ]);
});

it('keeps at most `parallelism` deliveries in flight per flow-control key', async () => {
  const flowControl = { key: 'kr-diagnose-alert', parallelism: 2 };
  // Published together, so deliveries would overlap without flow control.
  await Promise.all(
    Array.from({ length: 6 }, (_, i) =>
      client.publishJSON({ url: `${destination.url}/slow/${i}`, body: { i }, flowControl }),
    ),
  );
  await qstash.waitForIdle(10_000);
  expect(deliveries).toHaveLength(6);
  expect(maxInFlight).toBe(2);
  expect(qstash.messages().every((m) => m.state === 'delivered' && m.flowControl?.parallelism === 2)).toBe(
    true,
  );
});

it('refuses a wrong token, a bad header and a destination off this machine', async () => {
  const intruder = new Client({ token: 'wrong', baseUrl: qstash.url, enableTelemetry: false, retry: false });
  await expect(intruder.publishJSON({ url: `${destination.url}/x`, body: {} })).rejects.toThrow(
    /Unauthorized/,
  );
  const offMachine = await fetch(`${qstash.url}/v2/publish/https://example.com/hook`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: '{}',
  });
  expect(offMachine.status).toBe(400);
  const badRetries = await fetch(`${qstash.url}/v2/publish/${destination.url}/x`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'upstash-retries': 'many' },
    body: '{}',
  });
  expect(badRetries.status).toBe(400);
  expect(((await badRetries.json()) as { error: string }).error).toMatch(/Upstash-Retries/);
  await qstash.waitForIdle(1000);
  expect(deliveries).toHaveLength(0);
  expect(qstash.messages()).toHaveLength(0);
  // Keys and token never show up in what the emulator exposes.
  const exposed = await (await fetch(`${qstash.url}/__messages`)).text();
  expect(exposed).not.toContain('canary');
});

it('DELETE /__messages clears the record and the dedup memory', async () => {
  const url = `${destination.url}/jobs/clear`;
  await client.publishJSON({ url, body: {}, deduplicationId: 'same-id' });
  await qstash.waitForIdle(5000);
  expect((await fetch(`${qstash.url}/__messages`, { method: 'DELETE' })).status).toBe(204);
  expect(await (await fetch(`${qstash.url}/__messages`)).json()).toEqual([]);
  const again = (await client.publishJSON({ url, body: {}, deduplicationId: 'same-id' })) as {
    deduplicated?: boolean;
  };
  expect(again.deduplicated).toBeUndefined();
  await qstash.waitForIdle(5000);
  expect(deliveries).toHaveLength(2);
});

it('holds a delayed message until its time, then delivers it', async () => {
  await client.publish({ url: `${destination.url}/later`, body: 'plain text', delay: 1 });
  const [message] = qstash.messages();
  expect(message).toMatchObject({ state: 'pending', attempts: 0, body: 'plain text' });
  expect(Date.parse(message!.notBefore!)).toBeGreaterThan(Date.parse(message!.at));
  expect(deliveries).toHaveLength(0);
  await qstash.waitForIdle(5000);
  expect(deliveries.map((d) => d.body)).toEqual(['plain text']);
  expect(deliveries[0]!.verified).toBe(true);
});

it('starts at most `rate` deliveries per period for a flow-control key', async () => {
  const limited = await startQStash({ token, currentSigningKey, nextSigningKey });
  try {
    const publisher = new Client({ token, baseUrl: limited.url, enableTelemetry: false });
    const flowControl = { key: 'kr-rate', rate: 2, period: '60s' as const };
    for (let i = 0; i < 3; i++)
      await publisher.publishJSON({ url: `${destination.url}/rate/${i}`, body: { i }, flowControl });
    const delivered = () => limited.messages().filter((m) => m.state === 'delivered').length;
    for (let i = 0; i < 250 && delivered() < 2; i++) await new Promise((done) => setTimeout(done, 20));
    await new Promise((done) => setTimeout(done, 200));
    expect(limited.messages().map((m) => m.state)).toEqual(['delivered', 'delivered', 'pending']);
    expect(deliveries).toHaveLength(2);
  } finally {
    await limited.close();
  }
});

it('holds deliveries while paused (publishing still answers) and delivers them all on resume', async () => {
  qstash.pause();
  try {
    const url = `${destination.url}/jobs/paused`;
    const published = await Promise.all([1, 2, 3].map((n) => client.publishJSON({ url, body: { n } })));
    expect(published.map((p) => p.messageId)).toHaveLength(3);
    await new Promise((done) => setTimeout(done, 100));
    expect(deliveries).toHaveLength(0);
    expect(qstash.messages().map((m) => m.state)).toEqual(['pending', 'pending', 'pending']);
  } finally {
    qstash.resume();
  }
  await qstash.waitForIdle(5000);
  expect(deliveries.map((d) => d.body).sort()).toEqual(['{"n":1}', '{"n":2}', '{"n":3}']);
});
