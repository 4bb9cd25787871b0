// POST /jobs/:kind: a queued Job delivered by QStash. The signature is verified before the body is parsed;
// a redelivery of a finished job answers 200 without doing anything twice. A failure that a retry may mend
// answers 503 with a short public reason; a signed job refused for good still gets its alert a message.
import { Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import { HTTPException } from 'hono/http-exception';
import { ConfigError } from '../../lib/config/index.ts';
import {
  type EdgeEnv,
  jsonBody,
  NON_RETRYABLE,
  qstashSignature,
  rawBody,
  refuse,
} from '../../lib/edge/index.ts';
import { errorDetail, Job, publicReason, retryAfterSeconds, tellRefusedJob } from '../../lib/jobs/index.ts';
import { JOB_RETRIES } from '../../lib/queue/index.ts';
import { refusedJobDeps, runJob } from '../adapters.ts';
import { logJob } from './log.ts';

const MAX_JOB_BODY = 256 * 1024;

/**
 * After the signature: when the route refuses the job for good (400, not retried), its alert is still told
 * about, as far as the body names one. The refusal itself is answered unchanged.
 */
const tellWhenRefused = () =>
  createMiddleware<EdgeEnv>(async (c, next) => {
    await next();
    if (!(c.error instanceof HTTPException) || c.error.status !== 400) return;
    try {
      const told = await tellRefusedJob(c.var.body.text, c.error.message, refusedJobDeps(c.var.config));
      console.log(JSON.stringify({ msg: 'refused job', error: c.error.message, told: told ?? null }));
    } catch (error) {
      console.error(JSON.stringify({ msg: 'refused job not told', error: errorDetail(error) }));
    }
  });

export const jobs = new Hono<EdgeEnv>().post(
  '/:kind',
  rawBody(MAX_JOB_BODY, { headers: NON_RETRYABLE }),
  qstashSignature(),
  tellWhenRefused(),
  jsonBody(Job, { name: 'job', headers: NON_RETRYABLE }),
  async (c) => {
    const job = c.var.payload;
    const kind = c.req.param('kind');
    if (kind !== job.kind && !(kind === 'diagnose' && job.kind.startsWith('diagnose-')))
      throw refuse(400, `job of kind '${job.kind}' posted to /jobs/${kind}`, { headers: NON_RETRYABLE });

    // QStash counts earlier deliveries in Upstash-Retried; after JOB_RETRIES of them no further delivery comes.
    const finalAttempt = Number(c.req.header('upstash-retried') ?? '0') >= JOB_RETRIES;
    let outcome: Awaited<ReturnType<typeof runJob>>;
    try {
      outcome = await runJob(job, c.var.config, c.req.url, { finalAttempt });
    } catch (error) {
      // A missing setting is answered by the app's onError, naming it.
      if (error instanceof ConfigError) throw error;
      console.error(
        JSON.stringify({
          msg: 'job failed',
          kind: job.kind,
          id: job.id,
          finalAttempt,
          error: errorDetail(error),
        }),
      );
      // QStash retries a 5xx and keeps the answer: which part failed, never the failing command or its data.
      // A chat's Retry-After is passed on: QStash's next delivery waits that long (the Worker never sleeps).
      const wait = finalAttempt ? undefined : retryAfterSeconds(error);
      const headers = wait === undefined ? undefined : { 'retry-after': String(wait) };
      return c.json({ error: publicReason(error), retry: !finalAttempt }, 503, headers);
    }
    await logJob(job, outcome);
    // Another delivery holds the job: answer 5xx so QStash retries later, by when it is done (then a no-op).
    if (outcome.status === 'busy') return c.json({ status: 'busy', retry: true }, 503);
    return c.json(outcome, 200);
  },
);
