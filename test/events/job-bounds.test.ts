// The webhook takes 1 MiB, the job route 256 KiB: whatever a valid webhook alert carries, its job is small enough
// to be delivered, with cut values marked as cut, and the parts a message quotes kept first.
import { describe, expect, it } from 'vitest';
import {
  AlertmanagerEnvelope,
  alertsOf,
  boundedSet,
  boundedText,
  diagnoseAlertJob,
  jsonSize,
  LEFT_OUT_KEY,
  MAX_SET_BYTES,
  MAX_VALUE_BYTES,
} from '../../lib/events/index.ts';
import { Job } from '../../lib/jobs/index.ts';

const MiB = 1024 * 1024;
const bytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value)).byteLength;

/** One alert whose labels and annotations fill a webhook body to just under 1 MiB, the worst chars JSON has. */
function largestWebhook(char: string) {
  const value = (i: number) => `${i}`.padEnd(4096, char);
  const envelope = {
    version: '4',
    groupKey: '{}:{}',
    status: 'firing',
    receiver: 'kube-responder',
    groupLabels: {},
    commonLabels: {},
    commonAnnotations: {},
    externalURL: 'http://alertmanager:9093',
    alerts: [
      {
        status: 'firing',
        labels: {
          alertname: 'KubePodCrashLooping',
          namespace: 'shop',
          pod: 'payment-7d9f8c6b5d-x2x7q',
          ...Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`extra_${i}`, value(i)])),
        },
        annotations: { summary: value(0) } as Record<string, string>,
        startsAt: '2026-11-23T08:00:00Z',
        generatorURL: `http://prometheus/graph?${'g'.repeat(4000)}`,
        fingerprint: 'f'.repeat(64),
      },
    ],
  };
  const annotations = envelope.alerts[0]!.annotations;
  for (let i = 1; bytes(envelope) < MiB - 2 * bytes(value(i)); i++) annotations[`note_${i}`] = value(i);
  return envelope;
}

describe('a diagnose-alert job', () => {
  for (const [name, char] of [
    ['ASCII', 'x'],
    ['control characters (6 bytes each in JSON)', '\u0001'],
    ['CJK (3 bytes each)', '警'],
  ] as const) {
    it(`from the largest valid webhook alert (${name}) stays far below the job route's 256 KiB`, () => {
      const webhook = largestWebhook(char);
      expect(bytes(webhook)).toBeGreaterThan(0.9 * MiB);
      expect(bytes(webhook)).toBeLessThanOrEqual(MiB);
      const { alerts, rejected } = alertsOf(AlertmanagerEnvelope.parse(webhook));
      expect(rejected).toEqual([]);
      const job = diagnoseAlertJob(alerts[0]!.alert, {
        defaultCluster: 'demo',
        replyTo: [{ channel: 'slack', to: 'C0KRONCALL' }],
        now: new Date('2026-11-23T08:00:05Z'),
      });
      expect(bytes(job)).toBeLessThan(64 * 1024);
      expect(Job.safeParse(job).success).toBe(true);
      expect(bytes(job.alert.annotations)).toBeLessThanOrEqual(MAX_SET_BYTES);
      expect(bytes(job.alert.labels)).toBeLessThanOrEqual(MAX_SET_BYTES);
      // What the message quotes comes first and is cut visibly; the rest is counted.
      expect(job.alert.annotations.summary).toMatch(/… \[truncated \d+ chars\]$/);
      expect(job.alert.annotations[LEFT_OUT_KEY]).toMatch(/^\d+ of \d+ entries left out$/);
      // What the alert is about survives whole.
      expect(job.incidentKey).toBe('demo/shop/Workload/payment');
      expect(job.alert.labels.alertname).toBe('KubePodCrashLooping');
      expect(job.id).toBe(`am-${'f'.repeat(64)}-1795420800`);
    });
  }

  it('keeps a small alert exactly as it came', () => {
    const labels = { alertname: 'KubeDeploymentReplicasMismatch', namespace: 'shop', deployment: 'payment' };
    const annotations = { summary: 'Deployment has not matched the expected number of replicas.' };
    expect(boundedSet(labels)).toEqual(labels);
    expect(boundedSet(annotations)).toEqual(annotations);
  });
});

describe('boundedText', () => {
  it('measures JSON bytes exactly as JSON.stringify writes them', () => {
    for (const text of ['', 'plain', 'é', '警', '🚒', '"\\', '\n\t\u0001\u001f', '\ud800 lone', 'a\u2028b']) {
      expect(jsonSize(text), JSON.stringify(text)).toBe(bytes(text));
    }
  });

  it('cuts a long value within its bound and says how much it left out', () => {
    const text = 'x'.repeat(10_000);
    const cut = boundedText(text);
    expect(bytes(cut)).toBeLessThanOrEqual(MAX_VALUE_BYTES);
    const [, kept, removed] = cut.match(/^(x+)… \[truncated (\d+) chars\]$/) ?? [];
    expect(kept!.length + Number(removed)).toBe(10_000);
  });

  it('never splits a character in two', () => {
    const cut = boundedText('🚒'.repeat(2000), 200);
    expect(bytes(cut)).toBeLessThanOrEqual(200);
    expect(cut).toMatch(/^(🚒)+… \[truncated \d+ chars\]$/u);
  });
});
