// POST /events/slack: the Slack app's Events API and interactivity URL. The signature is checked over the raw body
// before it is read; a mention or DM becomes a chat-turn job, a button press an execute-action (or proposing) job,
// and Slack is answered at once, having only queued (Slack wants 2xx within 3 s and retries an Events delivery it
// did not get; the retry has the same event_id, so the same job id, which QStash and the job ledger run once).
import { Hono } from 'hono';
import { type EdgeEnv, rawBody, refuse, slackSignature } from '../../lib/edge/index.ts';
import { parseSlackBody, slackPressJobs, slackTurn } from '../../lib/events/index.ts';
import type { Job } from '../../lib/jobs/index.ts';
import { queueFor } from '../adapters.ts';

/** Slack's bodies are small (an event, a button press); a megabyte is far past any of them. */
export const MAX_SLACK_BODY = 1024 * 1024;

export const slack = new Hono<EdgeEnv>().post('/', rawBody(MAX_SLACK_BODY), slackSignature(), async (c) => {
  const { config, body } = c.var;
  const request = parseSlackBody(c.req.header('content-type'), body.text);
  if (!request.ok) throw refuse(400, request.error);
  // Slack's check of the Request URL: the challenge back, as plain text.
  if (request.kind === 'url_verification') return c.text(request.body.challenge, 200);
  const now = new Date();
  const options = { cluster: config.CLUSTER_NAME, now };
  const jobs: Job[] =
    request.kind === 'event_callback'
      ? [slackTurn(request.body, options) ?? []].flat()
      : request.kind === 'block_actions'
        ? await slackPressJobs(request.body, options)
        : [];
  const retry = c.req.header('x-slack-retry-num');
  const log = {
    kind: request.kind === 'other' ? request.type : request.kind,
    queued: jobs.length,
    ...(retry ? { retry: Number(retry), reason: c.req.header('x-slack-retry-reason') ?? '' } : {}),
  };
  // The bot's own posts, edits, joins, other events, foreign buttons: acknowledged, so Slack does not retry them.
  if (jobs.length === 0) {
    console.log(JSON.stringify({ msg: 'slack request ignored', ...log }));
    return c.body(null, 200);
  }
  const queue = queueFor(config, c.req.url, (p) => c.executionCtx.waitUntil(p));
  const results = await Promise.allSettled(jobs.map((job) => queue.publish(job)));
  const errors = results.flatMap((r) => (r.status === 'rejected' ? [String(r.reason).slice(0, 300)] : []));
  if (errors.length > 0) {
    // Slack retries an event answered 5xx; a press answered 5xx shows the person it failed, to press again.
    console.error(
      JSON.stringify({ msg: 'slack enqueue failed', ...log, jobs: jobs.map((j) => j.id), errors }),
    );
    return c.json({ error: 'could not queue the request; retry' }, 503);
  }
  const deduplicated = results.filter((r) => r.status === 'fulfilled' && r.value.deduplicated).length;
  console.log(JSON.stringify({ msg: 'slack request', ...log, deduplicated, jobs: jobs.map((j) => j.id) }));
  // An empty 200 is Slack's ack; later updates use chat.update with the card's channel + ts (response_url expires).
  return c.body(null, 200);
});
