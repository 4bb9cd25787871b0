// Argo CD → the chat through the whole local stack: each failure class's notification (as the documented template
// renders it) becomes one Slack message naming the resource, the field and the fix, diagnosed from the
// Application read through the proxy; the same failure notified again is still one message; a body carrying only
// `app` and `namespace` gets the same explanation. Prints what a person sees per class and the end-to-end time.
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { slackMessageAsText } from '../../infra/stack/slack-text.ts';
import { type Stack, startStack } from '../../infra/stack/stack.ts';
import { eventually, type RecordedRequest, slackPosts, sleep } from '../support/messages.ts';

const fixtures = join(import.meta.dirname, '../fixtures/argocd');
/** Each class: its fixture/notification name and what its message must say. */
const classes: { name: string; says: RegExp[] }[] = [
  {
    name: 'invalid-manifest',
    says: [/Deployment payments/, /spec\.template\.spec\.containers\[0\]\.image/, /Required value/],
  },
  { name: 'namespace-missing', says: [/namespace reports/, /CreateNamespace=true/] },
  { name: 'admission-webhook', says: [/validate\.nginx\.ingress\.kubernetes\.io/, /endpoints/] },
  { name: 'immutable-field', says: [/StatefulSet search/, /Replace=true/] },
  { name: 'hook-failed', says: [/billing-migrate/, /invoice_lines/] },
  { name: 'source', says: [/apps\/ledger/] },
  { name: 'degraded', says: [/Secret/, /stripe/, /api-key/] },
  { name: 'out-of-sync', says: [/catalog-config/] },
];

let stack: Stack;
let dir: string;
const timings: string[] = [];

/** One fixture cluster holding every class's objects (their `Fixture` headers agree on the clock). */
async function combinedFixture(): Promise<string> {
  const parts: string[] = [];
  for (const { name } of classes) {
    const text = await readFile(join(fixtures, `${name}.yaml`), 'utf8');
    const docs = text.split(/^---\s*$/m);
    // The first document is the Fixture header: kept once, from the first file.
    parts.push(...(parts.length === 0 ? docs : docs.slice(1)));
  }
  const path = join(dir, 'argocd-classes.yaml');
  await writeFile(path, parts.join('\n---\n'));
  return path;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kr-argo-e2e-'));
  expect(
    (await readdir(fixtures)).filter((f) => f.endsWith('.notification.json')).length,
  ).toBeGreaterThanOrEqual(classes.length);
  stack = await startStack({ fixturePath: await combinedFixture() });
}, 180_000);
afterAll(async () => {
  await stack?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
  if (timings.length > 0)
    console.log(`Argo CD notification → Slack message on the local stack:\n${timings.join('\n')}`);
});

const post = (body: unknown, token = stack.info.secrets.argocdToken) =>
  fetch(`${stack.info.worker}/events/argocd`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });

const notification = async (name: string) =>
  JSON.parse(await readFile(join(fixtures, `${name}.notification.json`), 'utf8')) as Record<string, unknown>;

const textOf = (post: RecordedRequest) =>
  `${String(post.body.text ?? '')}\n${slackMessageAsText(post.body.blocks as unknown[])}`;

/** Posts a notification and waits for the one new Slack message about `app`. */
async function messageFor(body: Record<string, unknown>): Promise<{ text: string; ms: number }> {
  const before = (await slackPosts(stack.info.slack)).length;
  const sent = Date.now();
  expect((await post(body)).status).toBe(202);
  const message = await eventually(
    `the Slack message about ${String(body.app)}`,
    async () =>
      (await slackPosts(stack.info.slack)).slice(before).find((p) => textOf(p).includes(String(body.app))),
    60_000,
  );
  return { text: textOf(message), ms: Date.parse(message.at) - sent };
}

it('every failure class: one message naming the resource, the field and the fix', async () => {
  for (const { name, says } of classes) {
    const body = await notification(name);
    const { text, ms } = await messageFor(body);
    for (const pattern of says) expect(text, `${name}: ${text}`).toMatch(pattern);
    expect(text).not.toMatch(/CANARY/);
    timings.push(
      `  ${name.padEnd(18)} ${String(ms).padStart(5)} ms  ${text.split('\n').find((l) => l.includes('Argo')) ?? ''}`,
    );
    console.log(`--- ${name} (${ms} ms)\n${text}\n`);
  }
}, 300_000);

it('the same failure notified again is still one message; only app and namespace give the same explanation', async () => {
  const body = await notification('invalid-manifest');
  const count = async () =>
    (await slackPosts(stack.info.slack)).filter(
      (p) => textOf(p).includes('payments') && /Required value/.test(textOf(p)),
    ).length;
  const before = await count();
  expect((await post(body)).status).toBe(202);
  await sleep(3000);
  expect(await count()).toBe(before);

  // A bare body: the job reads the Application through the proxy and explains it the same way.
  const { text } = await messageFor({ app: 'payments', namespace: 'argocd' });
  expect(text).toMatch(/spec\.template\.spec\.containers\[0\]\.image/);
  expect(text).toMatch(/Required value/);
}, 120_000);

it('a wrong token is 401 and sends nothing', async () => {
  const before = (await slackPosts(stack.info.slack)).length;
  expect((await post(await notification('source'), 'not-the-token')).status).toBe(401);
  await sleep(1500);
  expect((await slackPosts(stack.info.slack)).length).toBe(before);
});
