// POST /events/argocd: Argo CD notifications' webhook (see infra/examples/argocd-notifications-cm.yaml). Bearer
// token (Argo CD does not sign), 1 MiB cap, the body by zod; one job per failure, and 2xx only once it is queued:
// Argo CD retries on 5xx, and a retry is the same job id, so it runs once.
import { Hono } from 'hono';
import { bearer, type EdgeEnv, jsonBody, rawBody } from '../../lib/edge/index.ts';
import { ArgoNotification, argoCluster, argoState, diagnoseArgoJob } from '../../lib/events/index.ts';
import { argoSeverity, routerFor } from '../../lib/routing/index.ts';
import { clusterNamesOf, queueFor } from '../adapters.ts';

export const MAX_ARGOCD_BODY = 1024 * 1024;

export const argocd = new Hono<EdgeEnv>().post(
  '/',
  bearer('ARGOCD_TOKEN'),
  rawBody(MAX_ARGOCD_BODY),
  jsonBody(ArgoNotification),
  async (c) => {
    const { config, payload: notification } = c.var;
    const clusters = { clusterNames: clusterNamesOf(config), defaultCluster: config.CLUSTER_NAME };
    // Routed by the workloads' namespace (the Application's destination), not where the Application object lives.
    const replyTo = routerFor(config)({
      source: 'argocd',
      cluster: argoCluster(notification.cluster, clusters),
      namespace: notification.destinationNamespace,
      severity: argoSeverity(argoState(notification)),
    });
    const { state, job } = await diagnoseArgoJob(notification, { ...clusters, replyTo, now: new Date() });
    const log = { app: notification.app, namespace: notification.namespace, state };
    if (!job) {
      // A sync that succeeded but is not Healthy yet: on-deployed or on-health-degraded tells how it ends.
      console.log(JSON.stringify({ msg: 'argocd notification ignored', ...log }));
      return c.json({ state, ignored: 'nothing to report yet' }, 202);
    }
    try {
      const queued = await queueFor(config, c.req.url, (p) => c.executionCtx.waitUntil(p)).publish(job);
      console.log(
        JSON.stringify({
          msg: 'argocd notification',
          ...log,
          job: job.id,
          deduplicated: queued.deduplicated,
        }),
      );
      return c.json({ state, jobId: job.id, deduplicated: queued.deduplicated }, 202);
    } catch (error) {
      // The queue's first line only (an SDK may append the failed request); Argo CD is told to retry.
      const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0]?.slice(0, 200);
      console.error(JSON.stringify({ msg: 'argocd enqueue failed', ...log, job: job.id, error: reason }));
      return c.json({ error: 'could not queue the notification; retry', jobId: job.id }, 503);
    }
  },
);
