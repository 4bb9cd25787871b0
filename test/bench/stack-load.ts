// What the storm, ingest and latency benches share: Alertmanager webhook bodies, a timed post, percentiles.
import { randomBytes } from 'node:crypto';
import type { Stack } from '../../infra/stack/stack.ts';

export interface StormAlert {
  workload: number;
  pod: number;
}

/** One Alertmanager v4 webhook body: each alert a crash-looping pod of `shop/<workload>` (a Deployment). */
export function webhookBody(alerts: StormAlert[], startsAt: string): string {
  return JSON.stringify({
    version: '4',
    groupKey: `{}:{alertname="KubePodCrashLooping"}`,
    status: 'firing',
    receiver: 'kube-responder',
    groupLabels: { alertname: 'KubePodCrashLooping' },
    commonLabels: { alertname: 'KubePodCrashLooping', namespace: 'shop', severity: 'warning' },
    commonAnnotations: {},
    externalURL: 'http://alertmanager.local',
    alerts: alerts.map(({ workload, pod }) => ({
      status: 'firing',
      labels: {
        alertname: 'KubePodCrashLooping',
        namespace: 'shop',
        deployment: `storm-${workload}`,
        pod: `storm-${workload}-7d9f8c6b5d-${String(pod).padStart(5, 'x')}`,
        container: 'app',
        severity: 'warning',
        cluster: 'demo',
      },
      annotations: { summary: 'Pod is crash looping.' },
      startsAt,
      fingerprint: randomBytes(8).toString('hex'),
    })),
  });
}

/** Posts a webhook body to the stack's Worker; answers the status and the wall time of the round trip. */
export async function postWebhook(stack: Stack, body: string): Promise<{ status: number; ms: number }> {
  const start = performance.now();
  const response = await fetch(`${stack.info.worker}/events/alertmanager`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${stack.info.secrets.alertmanagerToken}`,
    },
    body,
  });
  await response.arrayBuffer();
  return { status: response.status, ms: performance.now() - start };
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

export const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** Polls until `check` answers true, or throws after `timeoutMs`. */
export async function until(what: string, check: () => Promise<boolean>, timeoutMs = 60_000, everyMs = 10) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`bench: timed out waiting for ${what}`);
    await sleep(everyMs);
  }
}

export async function recordedAt(baseUrl: string): Promise<{ path: string; at: string; body: unknown }[]> {
  const response = await fetch(`${baseUrl}/__messages`);
  return (await response.json()) as { path: string; at: string; body: unknown }[];
}
