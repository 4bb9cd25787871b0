// Alert → chat message on the local stack: one webhook of one alert about a new workload, timed until its
// Slack message is recorded, with where the time went (webhook answer, QStash delivery, the job).
import { type Stack, startStack } from '../../infra/stack/stack.ts';
import { percentile, postWebhook, recordedAt, until, webhookBody } from './stack-load.ts';
import { type BenchRow, row } from './table.ts';

const INCIDENTS = 15;

export async function latency(stack: Stack): Promise<BenchRow[]> {
  const totals: number[] = [];
  const phases = {
    webhook: [] as number[],
    queued: [] as number[],
    job: [] as number[],
    /** Publish → the model is asked: the job's start, its lock, the cluster reads and the diagnosis. */
    toModel: [] as number[],
    /** The model asked → the message at Slack: the AI part, the report saved, the post. */
    modelToChat: [] as number[],
  };
  for (let i = 0; i < INCIDENTS; i++) {
    const before = (await recordedAt(stack.info.slack)).length;
    const start = Date.now();
    const t0 = performance.now();
    const { status, ms } = await postWebhook(
      stack,
      webhookBody([{ workload: 1000 + i, pod: i }], new Date().toISOString()),
    );
    if (status !== 202) throw new Error(`bench: the webhook answered ${status}`);
    let posted: { at: string } | undefined;
    await until(
      'the Slack message',
      async () => {
        const all = await recordedAt(stack.info.slack);
        posted = all.slice(before).find((m) => m.path.endsWith('/chat.postMessage'));
        return posted !== undefined;
      },
      30_000,
      5,
    );
    const total = performance.now() - t0;
    totals.push(total);
    const message = (await recordedAt(stack.info.qstash))
      .filter((m) => Date.parse(m.at) >= start - 5)
      .find((m) => (m.body as { kind?: string }).kind === 'diagnose-alert') as
      | { at: string; responses: { at: string }[] }
      | undefined;
    phases.webhook.push(ms);
    const slackAt = Date.parse(posted!.at);
    if (message) {
      const publishedAt = Date.parse(message.at);
      phases.queued.push(publishedAt - start);
      phases.job.push(slackAt - publishedAt);
      const asked = (await recordedAt(stack.info.gemini))
        .map((request) => Date.parse(request.at))
        .find((at) => at >= publishedAt && at <= slackAt);
      if (asked !== undefined) {
        phases.toModel.push(asked - publishedAt);
        phases.modelToChat.push(slackAt - asked);
      }
    }
    console.error(
      `latency: incident ${i}: ${total.toFixed(0)} ms (webhook ${ms.toFixed(0)} ms; published at +${message ? Date.parse(message.at) - start : '?'} ms; Slack at +${Date.parse(posted!.at) - start} ms)`,
    );
  }
  const p50 = percentile(totals, 50);
  console.error(
    `latency: p50 ${p50.toFixed(0)} ms; webhook p50 ${percentile(phases.webhook, 50).toFixed(0)} ms, publish → Slack p50 ${percentile(phases.job, 50).toFixed(0)} ms (publish → model asked p50 ${percentile(phases.toModel, 50).toFixed(0)} ms, model asked → Slack p50 ${percentile(phases.modelToChat, 50).toFixed(0)} ms, ${phases.toModel.length} of ${INCIDENTS} asked the model)`,
  );
  return [
    row('alert → chat message p50 (local stack)', Math.round(p50), 'ms', {
      target: 500,
      note: `${INCIDENTS} incidents one at a time, webhook → Slack fake`,
    }),
    row('alert → chat: webhook answered p50', Math.round(percentile(phases.webhook, 50)), 'ms'),
    row('alert → chat: QStash publish → chat message p50', Math.round(percentile(phases.job, 50)), 'ms', {
      note: 'the job: lock, cluster reads, diagnosis, AI part, report saved, post',
    }),
    row('alert → chat message max (local stack)', Math.round(Math.max(...totals)), 'ms', {
      note: 'the first includes the Worker warming up',
    }),
  ];
}

export async function run(): Promise<BenchRow[]> {
  const stack = await startStack();
  try {
    return await latency(stack);
  } finally {
    await stack.stop();
  }
}

if (process.argv[1]?.endsWith('latency.ts')) console.log(JSON.stringify(await run(), null, 1));
