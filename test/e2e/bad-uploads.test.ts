// Bad uploads through the real `wrangler dev`: an over-size chunked body, a lying Content-Length and an upload cut
// off half-way each end only their own request, on a webhook, the job route and an unknown path; the Worker answers
// the next request. (A Content-Length that promises more than the client sends before it closes is not tested:
// wrangler's own ProxyWorker exits on it before any Worker code runs, even on a route that never reads its body —
// cloudflare/workers-sdk#15203, #15451, fix proposed in #15448.)
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
  'a chunked body of 2 MiB to $path gets $refusal, then the next request is served',
  async (route) => {
    const answer = await rawRequest((socket) => chunkedUpload(socket, route.path, route.headers, 2));
    expect(status(answer), answer.slice(0, 200)).toBe(route.refusal);
    expect(await alive()).toBe(200);
  },
);

it.each(routes)('a Content-Length of 2 MiB, honestly sent, to $path gets $refusal', async (route) => {
  const size = 2 * 1024 * 1024;
  const answer = await rawRequest((socket) => {
    socket.write(head(route.path, route.headers, `Content-Length: ${size}\r\nConnection: close\r\n`));
    socket.write('x'.repeat(size));
  });
  expect(status(answer), answer.slice(0, 200)).toBe(route.refusal);
  expect(await alive()).toBe(200);
});

// The runtime reads the 100 bytes declared and takes the rest for the next request on the connection (garbage).
it.each(routes)(
  'a Content-Length of 100 followed by 2 MiB to $path ends that request only',
  async (route) => {
    const answer = await rawRequest((socket) => {
      socket.write(head(route.path, route.headers, 'Content-Length: 100\r\n'));
      socket.write('x'.repeat(2 * 1024 * 1024));
      setTimeout(() => socket.end(), 300);
    });
    expect(status(answer), answer.slice(0, 200)).toBeGreaterThanOrEqual(400);
    expect(await alive()).toBe(200);
    expect(await alive()).toBe(200);
  },
);

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

it('wrangler dev is still running after every bad upload', async () => {
  const exited = await Promise.race([
    worker.exited,
    new Promise((done) => setTimeout(() => done('running'), 500)),
  ]);
  expect(exited).toBe('running');
  expect(await alive()).toBe(200);
});
