// Bad uploads through the real `wrangler dev`: an over-size chunked body and an upload cut off half-way each end
// only their own request, on a webhook, the job route and an unknown path; the Worker answers the next request.
import { mkdtemp, rm } from 'node:fs/promises';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startWranglerDev, type WranglerDev } from '../../infra/stack/worker.ts';

let dir: string;
let worker: WranglerDev;
const token = 'am-test-token';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kr-uploads-'));
  worker = await startWranglerDev({
    dir,
    vars: {
      QUEUE: 'inline',
      ALERTMANAGER_TOKEN: token,
      QSTASH_CURRENT_SIGNING_KEY: 'sig_current',
      QSTASH_NEXT_SIGNING_KEY: 'sig_next',
    },
  });
}, 120_000);
afterAll(async () => {
  await worker?.close();
  await rm(dir, { recursive: true, force: true });
});

// The job route gets a signature of the right shape: it cannot be checked before the body is read.
const routes = [
  { path: '/events/alertmanager', headers: `Authorization: Bearer ${token}\r\n`, refusal: 413 },
  { path: '/jobs/diagnose-alert', headers: 'Upstash-Signature: e30.e30.c2ln\r\n', refusal: 413 },
  { path: '/no/such/route', headers: '', refusal: 404 },
];

/** One request over a raw socket; resolves with whatever came back once the socket closes. */
function rawRequest(send: (socket: Socket) => void): Promise<string> {
  const port = Number(new URL(worker.url).port);
  return new Promise((done) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk));
    socket.on('error', () => {});
    socket.on('close', () => done(answer));
    socket.on('connect', () => send(socket));
    setTimeout(() => socket.destroy(), 20_000).unref();
  });
}

const head = (path: string, headers: string, framing: string) =>
  `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n${headers}Content-Type: application/json\r\n${framing}\r\n`;

/** A chunked body of `mib` MiB, written as fast as the socket takes it. */
function chunkedUpload(socket: Socket, path: string, headers: string, mib: number): void {
  socket.write(head(path, headers, 'Transfer-Encoding: chunked\r\nConnection: close\r\n'));
  const chunk = `10000\r\n${'x'.repeat(0x10000)}\r\n`;
  let left = mib * 16;
  const pump = () => {
    while (left > 0) {
      left -= 1;
      if (!socket.write(chunk)) return void socket.once('drain', pump);
    }
    socket.write('0\r\n\r\n');
  };
  pump();
}

const status = (answer: string) => Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0);
const alive = async () =>
  (await fetch(`${worker.url}/healthz`, { signal: AbortSignal.timeout(5000) })).status;

it.each(routes)('a chunked body of 24 MiB to $path gets $refusal, and the Worker lives on', async (route) => {
  const answer = await rawRequest((socket) => chunkedUpload(socket, route.path, route.headers, 24));
  expect(status(answer), answer.slice(0, 200)).toBe(route.refusal);
  expect(await alive()).toBe(200);
});

it.each(routes)(
  'a chunked upload to $path whose client goes away half-way ends only that request',
  async (route) => {
    await rawRequest((socket) => {
      socket.write(head(route.path, route.headers, 'Transfer-Encoding: chunked\r\n'));
      socket.write(`64\r\n${'x'.repeat(100)}\r\n`);
      setTimeout(() => socket.destroy(), 300);
    });
    expect(await alive()).toBe(200);
  },
);
