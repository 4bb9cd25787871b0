// Runs the real Alertmanager (Debian's prometheus-alertmanager) with a webhook receiver, on loopback.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freeLoopbackPort } from '../../infra/stack/http.ts';

export const ALERTMANAGER_BIN = process.env.ALERTMANAGER_BIN ?? '/usr/bin/prometheus-alertmanager';

export interface RunningAlertmanager {
  url: string;
  /** Injects alerts through Alertmanager's own API, as Prometheus would. */
  postAlerts(alerts: unknown[]): Promise<void>;
  close(): Promise<void>;
  log(): string;
}

/** What to say when the binary is missing, like the redis-server hint: the package, or ALERTMANAGER_BIN. */
export const alertmanagerInstallHint = (binary: string) =>
  `${binary} is not installed: the Alertmanager end-to-end tests run the real Alertmanager (Debian/Ubuntu: sudo apt-get install prometheus-alertmanager, or set ALERTMANAGER_BIN to its path)`;

export async function startAlertmanager(options: {
  webhookUrl: string;
  bearerToken: string;
  /** Default ALERTMANAGER_BIN. */
  binary?: string;
}): Promise<RunningAlertmanager> {
  const binary = options.binary ?? ALERTMANAGER_BIN;
  const dir = await mkdtemp(join(tmpdir(), 'kr-alertmanager-'));
  const port = await freeLoopbackPort();
  await writeFile(
    join(dir, 'alertmanager.yml'),
    [
      'route:',
      '  receiver: kube-responder',
      "  group_by: ['alertname', 'namespace']",
      '  group_wait: 1s',
      '  group_interval: 5s',
      '  repeat_interval: 1h',
      'receivers:',
      '  - name: kube-responder',
      '    webhook_configs:',
      `      - url: ${options.webhookUrl}`,
      '        send_resolved: true',
      '        http_config:',
      '          authorization:',
      '            type: Bearer',
      `            credentials: ${options.bearerToken}`,
      '',
    ].join('\n'),
    { mode: 0o600 },
  );
  let output = '';
  const child: ChildProcess = spawn(
    binary,
    [
      `--config.file=${join(dir, 'alertmanager.yml')}`,
      `--storage.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--cluster.listen-address=',
      '--log.level=info',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  // A binary that cannot be started never exits: remember why, and do not wait for an exit.
  let spawnError: NodeJS.ErrnoException | undefined;
  child.once('error', (error: NodeJS.ErrnoException) => {
    spawnError = error;
  });
  const url = `http://127.0.0.1:${port}`;
  const close = async () => {
    if (child.exitCode === null && !spawnError) {
      const gone = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await gone;
    }
    await rm(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 20_000;
  for (;;) {
    try {
      if ((await fetch(`${url}/-/ready`)).ok) break;
    } catch {}
    if (spawnError) {
      await close();
      throw new Error(spawnError.code === 'ENOENT' ? alertmanagerInstallHint(binary) : String(spawnError));
    }
    if (child.exitCode !== null || Date.now() > deadline) {
      await close();
      throw new Error(`alertmanager did not start:\n${output}`);
    }
    await new Promise((done) => setTimeout(done, 200));
  }
  return {
    url,
    close,
    log: () => output,
    async postAlerts(alerts) {
      const response = await fetch(`${url}/api/v2/alerts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(alerts),
      });
      if (!response.ok)
        throw new Error(`alertmanager refused alerts: ${response.status} ${await response.text()}`);
    },
  };
}

/** POSTs alerts to a Worker as Alertmanager's webhook (payload version 4) would, with its bearer token. */
export function postWebhook(workerUrl: string, token: string, alerts: unknown[]): Promise<Response> {
  return fetch(`${workerUrl}/events/alertmanager`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      version: '4',
      groupKey: '{}:{alertname="test"}',
      status: 'firing',
      receiver: 'kube-responder',
      groupLabels: {},
      commonLabels: {},
      commonAnnotations: {},
      externalURL: 'http://alertmanager',
      alerts,
    }),
  });
}
