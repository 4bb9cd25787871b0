// POST /events/line: LINE's webhook. The signature is checked over the raw body before it is parsed; each text
// message to the bot becomes a chat-turn job, each approval card's postback an execute-action job, and LINE is answered 200 at once (503 when one could not be queued,
// so LINE redelivers; the redelivery has the same webhookEventId, so the same job id).
import { Hono } from 'hono';
import { type EdgeEnv, jsonBody, lineSignature, rawBody } from '../../lib/edge/index.ts';
import { LineWebhook, linePostback, lineTurn, showLoading } from '../../lib/events/index.ts';
import type { ChatTurnJob } from '../../lib/jobs/index.ts';
import { queueFor } from '../adapters.ts';

export const MAX_LINE_BODY = 1024 * 1024;

export const line = new Hono<EdgeEnv>().post(
  '/',
  rawBody(MAX_LINE_BODY),
  lineSignature(),
  jsonBody(LineWebhook),
  async (c) => {
    const { config, payload } = c.var;
    const now = new Date();
    const options = { cluster: config.CLUSTER_NAME, now };
    // A postback whose data is no press of ours is ignored (counted), never an error.
    const turns = payload.events.flatMap(
      (event) => lineTurn(event, options) ?? linePostback(event, options) ?? [],
    );
    // LINE's "Verify" and events that are no chat turn (follow, sticker, a group chat not for the bot): nothing to do.
    if (turns.length === 0) return c.json({ queued: 0, ignored: payload.events.length }, 200);
    const queue = queueFor(config, c.req.url, (p) => c.executionCtx.waitUntil(p));
    // The person sees the bot is working while the job runs; it never holds up LINE's 200.
    const chatTurns = turns.filter((turn): turn is ChatTurnJob => turn.kind === 'chat-turn');
    c.executionCtx.waitUntil(showLoading(config, chatTurns));
    const results = await Promise.allSettled(turns.map((turn) => queue.publish(turn)));
    const failed = turns.filter((_, index) => results[index]?.status === 'rejected').map((turn) => turn.id);
    const answer = { queued: turns.length - failed.length, ignored: payload.events.length - turns.length };
    if (failed.length > 0) {
      const errors = results.flatMap((result) =>
        result.status === 'rejected' ? [String(result.reason).slice(0, 300)] : [],
      );
      console.error(JSON.stringify({ msg: 'line enqueue failed', failed, errors }));
      return c.json({ ...answer, error: 'could not queue every message; retry', failed }, 503);
    }
    console.log(JSON.stringify({ msg: 'line webhook', ...answer }));
    return c.json(answer, 200);
  },
);
