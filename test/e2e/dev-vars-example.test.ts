// `npm run dev` with .dev.vars.example copied as-is: the webhook answers 202 (no QStash needed), the job logs its
// summary line saying where the report went and what to set, and the report nobody received is printed as text.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_ALERT } from '../../infra/dev/local.ts';
import { type Stack, startStack } from '../../infra/stack/stack.ts';
import { startWranglerDev, type WranglerDev } from '../../infra/stack/worker.ts';
import { eventually } from '../support/messages.ts';

let stack: Stack;
let worker: WranglerDev;
let vars: Record<string, string>;

beforeAll(async () => {
  const example = await readFile(resolve(import.meta.dirname, '../../.dev.vars.example'), 'utf8');
  vars = Object.fromEntries(
    example
      .split('\n')
      .filter((line) => /^[A-Z_]+=/.test(line))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
  // The example's proxy settings point at the local proxy here, so the report has a diagnosis to print.
  stack = await startStack({ worker: false });
  worker = await startWranglerDev({
    dir: stack.dir,
    vars: { ...vars, PROXY_URL: stack.info.proxy, PROXY_KEY: stack.info.secrets.proxyKey },
  });
}, 120_000);
afterAll(async () => {
  await worker?.close();
  await stack?.stop();
});

it('answers 202, logs the summary with what to set, and prints the undelivered report', async () => {
  expect(vars.QUEUE).toBe('inline');
  const response = await fetch(`${worker.url}/events/alertmanager`, {
    method: 'POST',
    headers: { authorization: `Bearer ${vars.ALERTMANAGER_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify(DEMO_ALERT),
  });
  expect(response.status, await response.text()).toBe(202);
  const log = await eventually('the printed report', async () => {
    const text = await readFile(worker.logPath, 'utf8');
    return text.includes('sent to no chat') ? text : undefined;
  });
  expect(log).toMatch(
    /diagnosed Deployment shop\/payment \(KubePodCrashLooping\): \d+ findings?; delivered to 0 targets — set SLACK_BOT_TOKEN and SLACK_CHANNEL/,
  );
  expect(log).toMatch(/KubePodCrashLooping — Deployment shop\/payment/);
}, 60_000);
