// An incident's life in one thread, through the local stack: fire → one message; the same alert again → nothing;
// a second alert name → one quiet thread line; severity up → one line that notifies; all resolved → the Slack
// message edited to ✅ with the duration and one LINE note; a re-fire → the same thread again.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Stack, startStack } from '../../infra/stack/stack.ts';
import { postWebhook } from '../support/alertmanager.ts';
import { eventually, type RecordedRequest, recorded, sleep } from '../support/messages.ts';

const onCall = `C${'1b2c3d4e5f6a7b8c'.repeat(2)}`;
let stack: Stack;

beforeAll(async () => {
  stack = await startStack({ workerVars: { LINE_ALERT_TO: onCall } });
}, 120_000);
afterAll(async () => stack?.stop());

const opened = new Date(Date.now() - 42 * 60_000).toISOString();
const alert = (name: string, fingerprint: string, extra: Record<string, unknown> = {}) => ({
  status: 'firing',
  labels: {
    alertname: name,
    namespace: 'shop',
    pod: 'payment-7d9f8c6b5d-x7k2p',
    severity: (extra.severity as string) ?? 'warning',
    cluster: 'demo',
  },
  annotations: {},
  startsAt: opened,
  fingerprint,
  ...extra,
});
const resolved = (name: string, fingerprint: string) =>
  alert(name, fingerprint, { status: 'resolved', endsAt: new Date().toISOString() });

async function post(...alerts: unknown[]) {
  const response = await postWebhook(stack.info.worker, stack.info.secrets.alertmanagerToken, alerts);
  expect(response.status).toBe(202);
}
const slack = async (method: string) =>
  (await recorded(stack.info.slack)).filter((m) => m.path.endsWith(`/${method}`));
const linePushes = async () =>
  (await recorded(stack.info.line)).filter((r) => r.path === '/v2/bot/message/push');
/** Waits until `read` has `count` entries, then answers them. */
const count = (what: string, read: () => Promise<RecordedRequest[]>, n: number) =>
  eventually(
    what,
    async () => {
      const found = await read();
      return found.length >= n ? found : undefined;
    },
    60_000,
  );
const lineText = (push: RecordedRequest) => JSON.stringify(push.body.messages);

it('keeps an incident in one thread from fire to resolve, and reopens it on a re-fire', async () => {
  // Fire: one message in the channel, one LINE push.
  await post(alert('KubePodCrashLooping', 'a1a1'));
  const [first] = await count('the first Slack message', () => slack('chat.postMessage'), 1);
  await count('the first LINE push', linePushes, 1);
  // The fake records the ts it answered beside the request.
  const ts = (first as RecordedRequest & { ts: string }).ts;
  expect(ts).toMatch(/^\d+\.\d+$/);
  expect(first?.body.thread_ts).toBeUndefined();
  await sleep(1000);

  // The same alert again (Alertmanager's repeat): nothing posted.
  await post(alert('KubePodCrashLooping', 'a1a1'));
  await sleep(2500);
  expect(await slack('chat.postMessage')).toHaveLength(1);
  expect(await linePushes()).toHaveLength(1);

  // A second alert name: one line in the thread, quiet.
  await post(alert('KubePodNotReady', 'b1b1'));
  const afterName = await count('the new-alert line', () => slack('chat.postMessage'), 2);
  expect(afterName[1]?.body.thread_ts).toBe(ts);
  expect(afterName[1]?.body.reply_broadcast).toBeUndefined();
  expect(afterName[1]?.body.text).toBe('➕ Also firing: KubePodNotReady — 2 alerts firing');
  const quiet = await count('the LINE line', linePushes, 2);
  expect(quiet[1]?.body.notificationDisabled).toBe(true);

  // Severity up: one line that notifies (shown in the channel too).
  await post(alert('KubePodCrashLooping', 'c1c1', { severity: 'critical' }));
  const afterUp = await count('the escalation line', () => slack('chat.postMessage'), 3);
  expect(afterUp[2]?.body.thread_ts).toBe(ts);
  expect(String(afterUp[2]?.body.reply_broadcast), 'the SDK sends a form: the flag arrives as text').toBe(
    'true',
  );
  expect(afterUp[2]?.body.text).toMatch(/^🔺 Severity up to critical \(was warning\)/);
  const loud = await count('the LINE escalation', linePushes, 3);
  expect(loud[2]?.body.notificationDisabled).toBeUndefined();

  // Everything resolved: the first message edited to ✅ with the duration; LINE one short note.
  await post(resolved('KubePodCrashLooping', 'a1a1'), resolved('KubePodNotReady', 'b1b1'));
  await sleep(1500);
  expect(await slack('chat.update')).toHaveLength(0);
  await post(resolved('KubePodCrashLooping', 'c1c1'));
  const [edit] = await count('the resolved edit', () => slack('chat.update'), 1);
  expect(edit?.body.ts).toBe(ts);
  expect(JSON.stringify(edit?.body.blocks)).toContain('✅');
  expect(JSON.stringify(edit?.body.blocks)).toMatch(/resolved after 4[1-3] min/i);
  const noted = await count('the LINE resolve note', linePushes, 4);
  expect(lineText(noted[3] as RecordedRequest)).toMatch(
    /✅ Resolved: KubePodCrashLooping — Deployment shop\/payment, after 4[1-3] min/,
  );
  expect(await slack('chat.postMessage')).toHaveLength(3);

  // A re-fire: the same thread, the first message back to firing.
  await post(alert('KubePodCrashLooping', 'a1a1', { startsAt: new Date().toISOString() }));
  const reopened = await count('the firing-again line', () => slack('chat.postMessage'), 4);
  expect(reopened[3]?.body.thread_ts).toBe(ts);
  expect(reopened[3]?.body.text).toMatch(/^🔴 Firing again: KubePodCrashLooping/);
  const edits = await count('the parent back to firing', () => slack('chat.update'), 2);
  expect(edits[1]?.body.ts).toBe(ts);
  expect(JSON.stringify(edits[1]?.body.blocks)).not.toContain('✅');
  await sleep(2000);
  expect(await slack('chat.postMessage')).toHaveLength(4);
  for (const m of await slack('chat.postMessage'))
    console.log(`slack ${m.body.thread_ts ? '  thread' : 'channel'}: ${m.body.text}`);
  for (const p of await linePushes()) console.log(`line: ${lineText(p).slice(0, 160)}`);
}, 180_000);
