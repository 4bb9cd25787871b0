// The Worker: events in (webhooks), jobs in (QStash), the REST API, and the cron trigger. Handlers stay thin; lib/ does the work.

import type { ExecutionContext } from 'hono';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { ConfigError, type Env } from '../lib/config/index.ts';
import { config, type EdgeEnv } from '../lib/edge/index.ts';
import { api } from './api/index.ts';
import { sources } from './events/index.ts';
import { jobs } from './jobs/run.ts';
import { reports } from './pages/reports.ts';
import { type ScheduledController, scheduled } from './scheduled.ts';

export const app = new Hono<EdgeEnv>();

app.get('/healthz', (c) => c.json({ ok: true }));
app.use('/events/*', config());
app.use('/jobs/*', config());
app.use('/api/*', config());
app.use('/reports/*', config());
for (const [name, source] of Object.entries(sources)) app.route(`/events/${name}`, source);
for (const [name, endpoint] of Object.entries(api)) app.route(`/api/${name}`, endpoint);
app.route('/jobs', jobs);
app.route('/reports', reports);

app.notFound((c) => c.json({ error: `no route for ${c.req.method} ${new URL(c.req.url).pathname}` }, 404));
app.onError((error, c) => {
  if (error instanceof HTTPException) return error.getResponse();
  if (error instanceof ConfigError) {
    console.error(JSON.stringify({ msg: 'configuration error', error: error.message }));
    return c.json({ error: error.message }, 503);
  }
  console.error(
    JSON.stringify({ msg: 'unhandled error', path: new URL(c.req.url).pathname, error: String(error) }),
  );
  return c.json({ error: 'internal error; the request can be retried' }, 500);
});

export default {
  fetch: app.fetch,
  scheduled: (controller: ScheduledController, env: Env, ctx: ExecutionContext) =>
    scheduled(controller, env, ctx),
};
