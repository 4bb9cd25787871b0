// Local dev without accounts: the whole local stack (cluster fixture, proxy, Redis, QStash emulator, chat fakes)
// with the Worker under `wrangler dev`, which rebuilds on every edit; the Worker's log and each Slack message the
// fake receives are printed as text as they arrive, so a change shows as the message it produces.
import { open, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { slackMessageAsText } from '../stack/slack-text.ts';
import { type Stack, type StackOptions, startStack } from '../stack/stack.ts';

export interface LocalDev {
  stack: Stack;
  /** The lines a developer is shown first: the URLs and the command that fires the demo alert. */
  guide: string[];
  stop(): Promise<void>;
}

/** The crash-looping payment Deployment of the demo fixture, as Alertmanager would post it. */
export const DEMO_ALERT = {
  version: '4',
  groupKey: '{}:{alertname="KubePodCrashLooping"}',
  status: 'firing',
  receiver: 'kube-responder',
  groupLabels: { alertname: 'KubePodCrashLooping' },
  commonLabels: {},
  commonAnnotations: {},
  externalURL: 'http://alertmanager.local',
  alerts: [
    {
      status: 'firing',
      labels: {
        alertname: 'KubePodCrashLooping',
        namespace: 'shop',
        pod: 'payment-7d9f8c6b5d-x7k2p',
        severity: 'warning',
      },
      annotations: { summary: 'Pod shop/payment-7d9f8c6b5d-x7k2p is crash looping' },
      startsAt: '2026-01-01T00:00:00Z',
      fingerprint: 'd0e1f2a3b4c5d6e7',
    },
  ],
};

const SLACK_POSTS = /\/chat\.(postMessage|update)$/;

/** A Worker log line as a person reads it: a job's JSON line becomes its summary. */
function workerLine(line: string): string {
  if (!line.startsWith('{')) return line;
  try {
    const entry = JSON.parse(line) as { msg?: string; summary?: string };
    return entry.msg === 'job' && entry.summary ? `job: ${entry.summary}` : line;
  } catch {
    return line;
  }
}

/** Follows a growing file, handing on each complete line after `from` appears in it. */
function follow(path: string, from: string, each: (line: string) => void): () => void {
  let offset = 0;
  let started = false;
  let partial = '';
  let busy = false;
  const timer = setInterval(async () => {
    if (busy) return;
    busy = true;
    try {
      const file = await open(path, 'r');
      try {
        const { size } = await file.stat();
        if (size <= offset) return;
        const { buffer, bytesRead } = await file.read(Buffer.alloc(size - offset), 0, size - offset, offset);
        offset += bytesRead;
        const lines = (partial + buffer.subarray(0, bytesRead).toString('utf8')).split('\n');
        partial = lines.pop() ?? '';
        for (const line of lines) {
          if (started && line.trim()) each(line);
          else if (line.includes(from)) started = true;
        }
      } finally {
        await file.close();
      }
    } catch {
      // Not written yet.
    } finally {
      busy = false;
    }
  }, 250);
  return () => clearInterval(timer);
}

/** Polls the Slack fake and hands on each new message it received, as the text Slack would show. */
function watchSlack(slackUrl: string, each: (text: string) => void): () => void {
  let seen = 0;
  const timer = setInterval(async () => {
    try {
      const response = await fetch(`${slackUrl}/__messages`);
      const recorded = (await response.json()) as {
        path: string;
        body: { blocks?: unknown[]; text?: string };
      }[];
      for (const request of recorded.slice(seen)) {
        if (!SLACK_POSTS.test(request.path)) continue;
        each(request.body.blocks ? slackMessageAsText(request.body.blocks) : (request.body.text ?? ''));
      }
      seen = recorded.length;
    } catch {
      // The fake is stopping.
    }
  }, 500);
  return () => clearInterval(timer);
}

export async function startLocalDev(
  options: { out?: (line: string) => void; stack?: StackOptions } = {},
): Promise<LocalDev> {
  const out = options.out ?? ((line: string) => process.stdout.write(`${line}\n`));
  const stack = await startStack(options.stack);
  const { info, dir } = stack;
  // The token stays in files (mode 600), not on the screen or in shell history.
  const alertFile = join(dir, 'demo-alert.json');
  const authFile = join(dir, 'alertmanager-auth.header');
  await writeFile(alertFile, JSON.stringify(DEMO_ALERT, null, 2));
  await writeFile(authFile, `Authorization: Bearer ${info.secrets.alertmanagerToken}\n`, { mode: 0o600 });
  const stopLog = follow(join(dir, 'wrangler.log'), 'Ready on', (line) =>
    out(`worker │ ${workerLine(line)}`),
  );
  const stopSlack = watchSlack(info.slack, (text) =>
    out(
      [
        `slack  ┌── message in #${info.slackChannel}`,
        ...text.split('\n').map((l) => `slack  │${l}`),
        'slack  └──',
      ].join('\n'),
    ),
  );
  const guide = [
    `worker   ${info.worker}   (wrangler dev: edit lib/ or functions/ and it reloads)`,
    `cluster  ${info.cluster}   (kubectl --kubeconfig ${info.kubeconfig} get pods -A)`,
    `proxy    ${info.proxy}   slack ${info.slack}/__messages   line ${info.line}/__messages`,
    'fire the demo alert:',
    `  curl -sS -H @${authFile} -H 'content-type: application/json' --data @${alertFile} ${info.worker}/events/alertmanager`,
    'Ctrl-C stops everything.',
  ];
  const stop = async () => {
    stopLog();
    stopSlack();
    await stack.stop();
  };
  return { stack, guide, stop };
}
