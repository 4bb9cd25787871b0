// POST /jobs/:kind: a queued Job delivered by QStash. The signature is verified before the body is parsed;
// a redelivery of a finished job answers 200 without doing anything twice.
import { Hono } from 'hono';
import {
  type EdgeEnv,
  jsonBody,
  NON_RETRYABLE,
  qstashSignature,
  rawBody,
  refuse,
} from '../../lib/edge/index.ts';
import { Job } from '../../lib/jobs/index.ts';
import { JOB_RETRIES } from '../../lib/queue/index.ts';
import { runJob } from '../adapters.ts';

const MAX_JOB_BODY = 256 * 1024;

export const jobs = new Hono<EdgeEnv>().post(
  '/:kind',
  rawBody(MAX_JOB_BODY, { headers: NON_RETRYABLE }),
  qstashSignature(),
  jsonBody(Job, { name: 'job', headers: NON_RETRYABLE }),
  async (c) => {
    const job = c.var.payload;
    const kind = c.req.param('kind');
    if (kind !== job.kind && !(kind === 'diagnose' && job.kind.startsWith('diagnose-')))
      throw refuse(400, `job of kind '${job.kind}' posted to /jobs/${kind}`, { headers: NON_RETRYABLE });

    // QStash counts earlier deliveries in Upstash-Retried; after JOB_RETRIES of them no further delivery comes.
    const finalAttempt = Number(c.req.header('upstash-retried') ?? '0') >= JOB_RETRIES;
    const outcome = await runJob(job, c.var.config, c.req.url, { finalAttempt });
    console.log(JSON.stringify({ msg: 'job', kind: job.kind, id: job.id, outcome }));
    // Another delivery holds the job: answer 5xx so QStash retries later, by when it is done (then a no-op).
    if (outcome.status === 'busy') return c.json({ status: 'busy', retry: true }, 503);
    return c.json(outcome, 200);
  },
);
