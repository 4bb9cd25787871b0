// What the fault tests read off the local stack: each QStash message with the status of every delivery, the chat
// messages once every message settled, and alerts with fresh fingerprints so tests never dedup each other.
import type { QStashMessage } from '../../infra/stack/qstash.ts';
import type { Stack } from '../../infra/stack/stack.ts';
import { eventually, recorded, sleep } from '../support/messages.ts';

let fingerprint = 0xfa0000 + Math.floor(Math.random() * 0xffff) * 0x100;

/** A firing crash-loop alert about shop/payment in the demo cluster, with a fingerprint of its own. */
export const crashLoopAlert = (
  annotations: Record<string, string> = { summary: 'Pod is crash looping.' },
) => ({
  status: 'firing',
  labels: {
    alertname: 'KubePodCrashLooping',
    cluster: 'demo',
    severity: 'warning',
    namespace: 'shop',
    deployment: 'payment',
  },
  annotations,
  startsAt: new Date().toISOString(),
  fingerprint: (fingerprint++).toString(16).padStart(16, '0'),
});

export const deliveries = async (stack: Stack) =>
  (await recorded(stack.info.qstash)) as unknown as QStashMessage[];

/** Every QStash message once each is delivered or failed for good (and a moment more for late sends). */
export async function settled(stack: Stack, timeoutMs = 90_000): Promise<QStashMessage[]> {
  await eventually(
    'QStash to settle',
    async () => {
      const all = await deliveries(stack);
      return all.length > 0 && all.every((m) => m.state === 'delivered' || m.state === 'failed')
        ? all
        : undefined;
    },
    timeoutMs,
  );
  await sleep(500);
  return deliveries(stack);
}

/** Forgets what the stand-ins recorded, any fault still queued and Redis (open incidents, the job ledger). */
export async function resetStandIns(stack: Stack): Promise<void> {
  await Promise.all([
    redisCommand(stack, ['FLUSHDB']),
    fetch(`${stack.info.qstash}/__messages`, { method: 'DELETE' }),
    fetch(`${stack.info.slack}/__messages`, { method: 'DELETE' }),
    fetch(`${stack.info.slack}/__faults`, { method: 'DELETE' }),
    fetch(`${stack.info.line}/__messages`, { method: 'DELETE' }),
    fetch(`${stack.info.line}/__faults`, { method: 'DELETE' }),
  ]);
}

/** Queues a failure on a chat stand-in (see infra/stack/http.ts `Fault`). */
export async function injectFault(baseUrl: string, fault: Record<string, unknown>): Promise<void> {
  const response = await fetch(`${baseUrl}/__faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(fault),
  });
  if (!response.ok) throw new Error(`${baseUrl}/__faults answered ${response.status}`);
}

/** Runs one Redis command through the stack's Upstash bridge, as the Worker would. */
export async function redisCommand(stack: Stack, command: (string | number)[]): Promise<unknown> {
  const response = await fetch(stack.info.redis, {
    method: 'POST',
    headers: { authorization: `Bearer ${stack.info.secrets.redisToken}` },
    body: JSON.stringify(command),
  });
  if (!response.ok) throw new Error(`redis ${command[0]} answered ${response.status}`);
  return ((await response.json()) as { result: unknown }).result;
}
