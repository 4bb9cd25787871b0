// `npm run demo`: the main job end to end on the local stack — a crash-looping Deployment whose database Service
// has no endpoints, a real-shaped KubePodCrashLooping webhook, and the Slack message that resulted.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Redis } from '@upstash/redis';
import { stripControl } from '../../lib/security/index.ts';
import { RedisKv, reportStore } from '../../lib/store/index.ts';
import { slackMessageAsText } from '../stack/slack-text.ts';
import { startStack } from '../stack/stack.ts';

const alertPath = resolve(import.meta.dirname, '../../test/fixtures/demo/alert-crashloop.json');
const started = performance.now();
const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)}s`;
// What the demo prints came from cluster text: no escape sequence of it reaches the terminal.
const say = (line: string) => process.stdout.write(`${stripControl(line)}\n`);

say(
  'kube-responder demo: starting the local stack (fixture cluster, proxy, Redis, QStash, Slack/LINE fakes, wrangler dev)…',
);
const stack = await startStack();
let exitCode = 0;
try {
  say(`[${elapsed()}] stack up: worker ${stack.info.worker}, cluster ${stack.info.cluster}`);
  const payload = await readFile(alertPath, 'utf8');
  const response = await fetch(`${stack.info.worker}/events/alertmanager`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${stack.info.secrets.alertmanagerToken}`,
      'content-type': 'application/json',
    },
    body: payload,
  });
  say(
    `[${elapsed()}] Alertmanager webhook (KubePodCrashLooping, shop) → ${response.status} ${await response.text()}`,
  );

  const deadline = Date.now() + 45_000;
  let messages: { path: string; body: { channel: string; text: string; blocks: unknown[] } }[] = [];
  while (Date.now() < deadline) {
    messages = (await (await fetch(`${stack.info.slack}/__messages`)).json()) as typeof messages;
    if (messages.some((m) => m.path.endsWith('chat.postMessage'))) break;
    await new Promise((done) => setTimeout(done, 200));
  }
  const posted = messages.filter((m) => m.path.endsWith('chat.postMessage'));
  if (posted.length === 0) {
    say(
      `[${elapsed()}] no Slack message arrived within 45 s; the Worker's log is in ${stack.dir}/wrangler.log`,
    );
    exitCode = 1;
  } else {
    const message = posted[0]!.body;
    say(`[${elapsed()}] Slack message posted to ${message.channel}:\n`);
    say(slackMessageAsText(message.blocks));
    const reportId = /report (\S+) ·/.exec(slackMessageAsText(message.blocks))?.[1];
    const redis = new Redis({
      url: stack.info.redis,
      token: stack.info.secrets.redisToken,
      enableTelemetry: false,
    });
    const report = reportId ? await reportStore(new RedisKv(redis)).get(reportId) : undefined;
    say(
      `\nThe full report is stored in Redis (${stack.info.redis}) under key kr:report:${reportId ?? '<id>'}:`,
    );
    if (report) {
      say(
        `  ${report.findings.length} findings (${report.findings.map((f) => f.code).join(', ')}); ${report.meta?.apiRequests ?? '?'} API reads, ${report.meta?.bytesRead ?? '?'} bytes through the proxy`,
      );
      if (report.ai) {
        say(
          `  AI part: ${report.ai.model}, ${report.ai.toolCalls} tool calls, ${report.ai.tokens.prompt} prompt tokens (the stack answers with its Gemini fake)`,
        );
      }
    }
    say(`Done in ${elapsed()}.`);
  }
} finally {
  await stack.stop();
}
process.exit(exitCode);
