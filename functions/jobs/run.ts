// POST /jobs/:kind: a queued Job delivered by QStash. The signature is verified before the body is parsed;
// a redelivery of a finished job answers 200 without doing anything twice.
import { Receiver } from '@upstash/qstash';
import type { Context } from 'hono';
import { loadConfig, requireSettings } from '../../lib/config/index.ts';
import { describeIssues } from '../../lib/events/index.ts';
import { Job } from '../../lib/jobs/index.ts';
import { JOB_RETRIES } from '../../lib/queue/index.ts';
import { readBodyLimited } from '../../lib/security/index.ts';
import { runJob } from '../adapters.ts';
import type { AppEnv } from '../env.ts';

const MAX_JOB_BODY = 256 * 1024;
/** QStash stops retrying a message answered with this header (a bad message will never get better). */
const NON_RETRYABLE = { 'Upstash-NonRetryable-Error': 'true' };

export async function queuedJob(c: Context<AppEnv>) {
  const config = loadConfig(c.env);
  const keys = requireSettings(
    config,
    ['QSTASH_CURRENT_SIGNING_KEY', 'QSTASH_NEXT_SIGNING_KEY'],
    'verifying QStash deliveries',
  );
  const signature = c.req.header('upstash-signature');
  if (!signature) return c.json({ error: 'missing Upstash-Signature' }, 401);
  const body = await readBodyLimited(c.req.raw, MAX_JOB_BODY);
  if (!body.ok) return c.json({ error: body.error }, 413, NON_RETRYABLE);

  const receiver = new Receiver({
    currentSigningKey: keys.QSTASH_CURRENT_SIGNING_KEY,
    nextSigningKey: keys.QSTASH_NEXT_SIGNING_KEY,
    devMode: false,
  });
  const url = config.PUBLIC_URL
    ? new URL(new URL(c.req.url).pathname, config.PUBLIC_URL).toString()
    : c.req.url;
  const valid = await receiver.verify({ signature, body: body.text, url }).catch(() => false);
  if (!valid) return c.json({ error: 'Upstash-Signature is invalid or expired' }, 401);

  let json: unknown;
  try {
    json = JSON.parse(body.text);
  } catch {
    return c.json({ error: 'job body is not valid JSON' }, 400, NON_RETRYABLE);
  }
  const parsed = Job.safeParse(json);
  if (!parsed.success)
    return c.json({ error: `invalid job: ${describeIssues(parsed.error)}` }, 400, NON_RETRYABLE);
  const job = parsed.data;
  const kind = c.req.param('kind');
  if (kind !== job.kind && !(kind === 'diagnose' && job.kind.startsWith('diagnose-'))) {
    return c.json({ error: `job of kind '${job.kind}' posted to /jobs/${kind}` }, 400, NON_RETRYABLE);
  }

  // QStash counts earlier deliveries in Upstash-Retried; after JOB_RETRIES of them no further delivery comes.
  const finalAttempt = Number(c.req.header('upstash-retried') ?? '0') >= JOB_RETRIES;
  const outcome = await runJob(job, config, c.req.url, { finalAttempt });
  console.log(JSON.stringify({ msg: 'job', kind: job.kind, id: job.id, outcome }));
  // Another delivery holds the job: answer 5xx so QStash retries later, by when it is done (then a no-op).
  if (outcome.status === 'busy') return c.json({ status: 'busy', retry: true }, 503);
  return c.json(outcome, 200);
}
