// POST /events/alertmanager: Alertmanager's webhook (payload v4). Bearer token, 1 MiB cap, the envelope by zod, each
// alert on its own; one job per incident, and 2xx only once every valid alert is safely queued.
import { Hono } from 'hono';
import { bearer, type EdgeEnv, jsonBody, rawBody } from '../../lib/edge/index.ts';
import { AlertmanagerEnvelope, alertsOf, ingestAlerts } from '../../lib/events/index.ts';

import { routerFor } from '../../lib/routing/index.ts';
import { queueFor, storesFor } from '../adapters.ts';

export const MAX_ALERTMANAGER_BODY = 1024 * 1024;

export const alertmanager = new Hono<EdgeEnv>().post(
  '/',
  bearer('ALERTMANAGER_TOKEN'),
  rawBody(MAX_ALERTMANAGER_BODY),
  jsonBody(AlertmanagerEnvelope),
  async (c) => {
    const { config, payload } = c.var;
    const { alerts, rejected } = alertsOf(payload);
    if (alerts.length === 0) return c.json({ error: 'no valid alert in the batch', rejected }, 400);

    const route = routerFor(config);
    const result = await ingestAlerts(alerts, {
      queue: queueFor(config, c.req.url, (p) => c.executionCtx.waitUntil(p)),
      incidents: storesFor(config)?.incidents,
      defaultCluster: config.CLUSTER_NAME,
      // Each incident by its first alert: its severity label, namespace and cluster (ROUTES, docs/routing.md).
      replyTo: (job) =>
        route({
          source: 'alertmanager',
          cluster: job.cluster,
          namespace: job.namespace,
          severity: job.alert.severity,
        }),
      incidentWindowSeconds: config.INCIDENT_WINDOW_SECONDS,
      recheckSeconds: config.INCIDENT_RECHECK_SECONDS,
      now: new Date(),
    });
    const answer = {
      enqueued: result.enqueued,
      grouped: result.grouped,
      resolved: result.resolved,
      updated: result.updated,
      rejected,
    };
    if (result.failed.length > 0) {
      // The detail stays in the log; Alertmanager is answered the public reasons only.
      console.error(
        JSON.stringify({
          msg: 'enqueue failed',
          receiver: payload.receiver,
          failed: result.failed,
          errors: result.errors,
        }),
      );
      // Alertmanager retries the whole batch on 5xx; what was queued is deduplicated on the retry.
      return c.json({ ...answer, error: 'could not enqueue every alert; retry', failed: result.failed }, 503);
    }
    console.log(
      JSON.stringify({
        msg: 'alertmanager batch',
        receiver: payload.receiver,
        enqueued: result.enqueued.length,
        grouped: result.grouped.length,
        resolved: result.resolved.length,
        updated: result.updated.length,
        rejected: rejected.length,
      }),
    );
    return c.json(answer, 202);
  },
);
