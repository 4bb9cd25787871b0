// POST /events/alertmanager: Alertmanager's webhook. Verify the bearer token, cap and validate the body,
// enqueue one job per incident, and answer 2xx only once every valid alert is safely queued.
import type { Context } from 'hono';
import { loadConfig } from '../../lib/config/index.ts';
import { parseAlertmanagerPayload } from '../../lib/events/index.ts';
import { ingestAlerts } from '../../lib/jobs/index.ts';
import { bearerMatches, readBodyLimited } from '../../lib/security/index.ts';
import { alertTargets, queueFor, storesFor } from '../adapters.ts';
import type { AppEnv } from '../env.ts';

export const MAX_ALERTMANAGER_BODY = 1024 * 1024;

export async function alertmanagerWebhook(c: Context<AppEnv>) {
  const config = loadConfig(c.env);
  if (!config.ALERTMANAGER_TOKEN)
    return c.json({ error: 'ALERTMANAGER_TOKEN is not configured on the responder' }, 503);
  if (!bearerMatches(c.req.header('authorization'), config.ALERTMANAGER_TOKEN)) {
    return c.json({ error: 'missing or wrong bearer token' }, 401);
  }
  const body = await readBodyLimited(c.req.raw, MAX_ALERTMANAGER_BODY);
  if (!body.ok) return c.json({ error: body.error }, 413);
  let json: unknown;
  try {
    json = JSON.parse(body.text);
  } catch {
    return c.json({ error: 'body is not valid JSON' }, 400);
  }
  const parsed = parseAlertmanagerPayload(json);
  if (!parsed.ok) return c.json({ error: parsed.error }, 400);
  if (parsed.alerts.length === 0) {
    return c.json({ error: 'no valid alert in the batch', rejected: parsed.rejected }, 400);
  }

  const result = await ingestAlerts(parsed.alerts, {
    queue: queueFor(config, c.req.url, (p) => c.executionCtx.waitUntil(p)),
    incidents: storesFor(config)?.incidents,
    defaultCluster: config.CLUSTER_NAME,
    replyTo: alertTargets(config),
    incidentWindowSeconds: config.INCIDENT_WINDOW_SECONDS,
    now: new Date(),
  });
  const answer = {
    enqueued: result.enqueued,
    grouped: result.grouped,
    resolved: result.resolved,
    rejected: parsed.rejected,
  };
  if (result.failed.length > 0) {
    console.error(
      JSON.stringify({ msg: 'enqueue failed', receiver: parsed.receiver, failed: result.failed }),
    );
    // Alertmanager retries the whole batch on 5xx; what was queued is deduplicated on the retry.
    return c.json({ ...answer, error: 'could not enqueue every alert; retry', failed: result.failed }, 503);
  }
  console.log(
    JSON.stringify({
      msg: 'alertmanager batch',
      receiver: parsed.receiver,
      enqueued: result.enqueued.length,
      grouped: result.grouped.length,
      resolved: result.resolved.length,
      rejected: parsed.rejected.length,
    }),
  );
  return c.json(answer, 202);
}
