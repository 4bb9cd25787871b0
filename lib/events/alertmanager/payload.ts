// Alertmanager's webhook (payload version 4): validated envelope, then each alert on its own, so one bad
// alert is reported and the others still go through.
import { z } from 'zod';
import { describeIssues } from '../../validation/index.ts';

const LabelSet = z.record(z.string().max(256), z.string().max(4096));

export const AlertmanagerAlert = z.object({
  status: z.enum(['firing', 'resolved']),
  labels: LabelSet.refine((labels) => typeof labels.alertname === 'string' && labels.alertname.length > 0, {
    message: 'alertname label is required',
    path: ['alertname'],
  }),
  annotations: LabelSet.default({}),
  startsAt: z.iso.datetime({ offset: true }),
  endsAt: z.string().optional(),
  generatorURL: z.string().max(4096).optional(),
  fingerprint: z.string().regex(/^[0-9a-f]{1,64}$/i, 'fingerprint must be hex'),
});
export type AlertmanagerAlert = z.infer<typeof AlertmanagerAlert>;

export const AlertmanagerEnvelope = z.object({
  version: z.literal('4'),
  groupKey: z.string(),
  truncatedAlerts: z.number().int().min(0).optional(),
  status: z.enum(['firing', 'resolved']),
  receiver: z.string(),
  groupLabels: LabelSet,
  commonLabels: LabelSet,
  commonAnnotations: LabelSet,
  externalURL: z.string(),
  alerts: z.array(z.unknown()).min(1).max(1000),
});

export interface RejectedAlert {
  index: number;
  fingerprint?: string;
  error: string;
}

export type ParsedAlertmanager =
  | {
      ok: true;
      receiver: string;
      groupKey: string;
      alerts: { index: number; alert: AlertmanagerAlert }[];
      rejected: RejectedAlert[];
    }
  | { ok: false; error: string };

export type AlertmanagerEnvelope = z.infer<typeof AlertmanagerEnvelope>;

/** Each alert of a validated envelope on its own: the valid ones, and the rejected ones with why. */
export function alertsOf(envelope: AlertmanagerEnvelope): {
  alerts: { index: number; alert: AlertmanagerAlert }[];
  rejected: RejectedAlert[];
} {
  const alerts: { index: number; alert: AlertmanagerAlert }[] = [];
  const rejected: RejectedAlert[] = [];
  envelope.alerts.forEach((raw, index) => {
    const parsed = AlertmanagerAlert.safeParse(raw);
    if (parsed.success) {
      alerts.push({ index, alert: parsed.data });
      return;
    }
    const fingerprint = (raw as { fingerprint?: unknown } | null)?.fingerprint;
    rejected.push({
      index,
      ...(typeof fingerprint === 'string' ? { fingerprint: fingerprint.slice(0, 64) } : {}),
      error: describeIssues(parsed.error, { prefix: `alerts[${index}]` }),
    });
  });
  return { alerts, rejected };
}

export function parseAlertmanagerPayload(body: unknown): ParsedAlertmanager {
  const envelope = AlertmanagerEnvelope.safeParse(body);
  if (!envelope.success) return { ok: false, error: describeIssues(envelope.error) };
  const { alerts, rejected } = alertsOf(envelope.data);
  return { ok: true, receiver: envelope.data.receiver, groupKey: envelope.data.groupKey, alerts, rejected };
}
