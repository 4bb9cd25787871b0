// The whole local stack on loopback: fixture cluster, proxy, redis-server + Upstash REST bridge, QStash
// emulator, Slack/LINE/Gemini fakes and the Worker under `wrangler dev`. Used by `kube-responder stack`, the demo
// and the end-to-end tests.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startFixtureServer, writeKubeconfig } from '../sim/index.ts';
import { startGeminiFake } from './gemini.ts';
import { freeLoopbackPort } from './http.ts';
import { startLineFake } from './line.ts';
import { startProxyProcess } from './proxy.ts';
import { type QStashEmulator, startQStash } from './qstash.ts';
import { startRedisStore } from './redis-store.ts';
import { startSlackFake } from './slack.ts';
import type { BridgeStats } from './upstash.ts';
import { logTail, startWranglerDev } from './worker.ts';

export const DEFAULT_FIXTURE = resolve(import.meta.dirname, '../../test/fixtures/demo/crashloop.yaml');

/** The stack's JSON line (docs/design.md): every URL, every generated secret, the approvers. */
export interface StackInfo {
  /** The process that runs the stack: SIGINT, SIGTERM or SIGHUP to it stops everything and removes `dir`. */
  pid: number;
  worker: string;
  cluster: string;
  proxy: string;
  redis: string;
  qstash: string;
  slack: string;
  line: string;
  gemini: string;
  fixture: string;
  kubeconfig: string;
  slackChannel: string;
  clusterName: string;
  secrets: {
    alertmanagerToken: string;
    argocdToken: string;
    lineChannelSecret: string;
    lineChannelAccessToken: string;
    slackSigningSecret: string;
    slackBotToken: string;
    proxyKey: string;
    redisToken: string;
    qstashToken: string;
    qstashCurrentSigningKey: string;
    qstashNextSigningKey: string;
    geminiApiKey: string;
    /** Signs the report page links every message carries. */
    reportLinkSecret: string;
  };
  approvers: { line: string; slack: string };
  /** The proxy's audit trail (its JSON lines and stderr), a file in the stack's directory. */
  proxyAudit: string;
  /** The proxy's process (its own, as in a cluster), for fault tests. */
  proxyPid: number;
  /** The wrangler dev process (workerd runs in its process group); absent without a Worker. */
  workerPid?: number;
}

export interface Stack {
  info: StackInfo;
  /** Working directory holding the kubeconfig, the Worker's env file and logs. */
  dir: string;
  /**
   * Settles, with a sentence saying what stopped and why, when a process the stack runs (the Worker, the proxy,
   * redis-server) exits before `stop()`; the rest keeps running until `stop()`.
   */
  failed: Promise<string>;
  /** What the Worker cost Redis so far (HTTP round trips and commands at the Upstash bridge), for the bench. */
  redisStats(): BridgeStats;
  /** The QStash emulator itself (its record, pause/resume), for tests and the bench. */
  qstash: QStashEmulator;
  stop(): Promise<void>;
}

export interface StackOptions {
  fixturePath?: string;
  /** Start the Worker under wrangler dev (default true). */
  worker?: boolean;
  /** Extra Worker vars (override the defaults). */
  workerVars?: Record<string, string>;
  /** QStash retry backoff base; small by default so tests see retries quickly. */
  qstashRetryBackoffMs?: number;
}

const secret = (prefix = '') => `${prefix}${randomBytes(24).toString('hex')}`;

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const fixture = resolve(options.fixturePath ?? DEFAULT_FIXTURE);
  const dir = await mkdtemp(join(tmpdir(), 'kube-responder-stack-'));
  const stops: (() => Promise<void>)[] = [];
  let stopping = false;
  let fail: (reason: string) => void = () => {};
  const failed = new Promise<string>((done) => {
    fail = (reason) => {
      if (!stopping) done(reason);
    };
  });
  let stopped: Promise<void> | undefined;
  // Once, whoever asks (a signal, a dead child, the caller): the last started stops first, the directory (which
  // holds the generated secrets) goes last.
  const stop = () =>
    (stopped ??= (async () => {
      stopping = true;
      for (const close of stops.reverse()) await close().catch(() => {});
      await rm(dir, { recursive: true, force: true });
    })());
  try {
    const secrets: StackInfo['secrets'] = {
      alertmanagerToken: secret('am-'),
      argocdToken: secret('argo-'),
      lineChannelSecret: randomBytes(16).toString('hex'),
      lineChannelAccessToken: secret('line-'),
      slackSigningSecret: randomBytes(16).toString('hex'),
      slackBotToken: `xoxb-${randomBytes(12).toString('hex')}`,
      proxyKey: secret(),
      redisToken: secret(),
      qstashToken: secret('qstash-'),
      qstashCurrentSigningKey: `sig_${randomBytes(16).toString('hex')}`,
      qstashNextSigningKey: `sig_${randomBytes(16).toString('hex')}`,
      geminiApiKey: secret('gemini-'),
      reportLinkSecret: secret('link-'),
    };
    const approvers = {
      line: `U${randomBytes(16).toString('hex')}`,
      slack: `U${randomBytes(5).toString('hex').toUpperCase()}`,
    };

    const cluster = await startFixtureServer({ fixturePath: fixture });
    stops.push(() => cluster.close());
    const kubeconfig = join(dir, 'kubeconfig');
    await writeKubeconfig(cluster.url, kubeconfig);
    const secretFile = join(dir, 'proxy-secret');
    await writeFile(secretFile, `${secrets.proxyKey}\n`, { mode: 0o600 });
    // Its own Node process takes a few seconds to start: its port is chosen now, so the other stand-ins and the
    // Worker (which needs its URL) start meanwhile.
    const proxyPort = await freeLoopbackPort();
    const proxyUrl = `http://127.0.0.1:${proxyPort}`;
    const proxyStarting = startProxyProcess({ dir, kubeconfig, secretFile, port: proxyPort });
    stops.push(async () => (await proxyStarting.catch(() => undefined))?.close());

    // redis-server if installed, else the embedded store (STACK_REDIS forces either); the Worker sees Upstash.
    const redisStore = await startRedisStore({ token: secrets.redisToken });
    stops.push(() => redisStore.close());
    const redisServer = redisStore.server;
    if (redisServer)
      void redisServer.exited.then((code) => fail(`redis-server (pid ${redisServer.pid}) exited (${code})`));
    const redis = redisStore.bridge;
    const qstash = await startQStash({
      token: secrets.qstashToken,
      currentSigningKey: secrets.qstashCurrentSigningKey,
      nextSigningKey: secrets.qstashNextSigningKey,
      retryBackoffMs: options.qstashRetryBackoffMs ?? 200,
    });
    stops.push(() => qstash.close());
    const slack = await startSlackFake({
      token: secrets.slackBotToken,
      signingSecret: secrets.slackSigningSecret,
    });
    stops.push(() => slack.close());
    const line = await startLineFake({ channelAccessToken: secrets.lineChannelAccessToken });
    stops.push(() => line.close());
    const gemini = await startGeminiFake({ apiKey: secrets.geminiApiKey });
    stops.push(() => gemini.close());

    const slackChannel = 'C0KRONCALL';
    const clusterName = 'demo';
    let worker = '';
    let workerPid: number | undefined;
    if (options.worker !== false) {
      // Chosen first so PUBLIC_URL (what QStash calls and signs for) is exactly where the Worker listens.
      const port = await freeLoopbackPort();
      const wrangler = await startWranglerDev({
        dir,
        port,
        vars: {
          QUEUE: 'qstash',
          PUBLIC_URL: `http://127.0.0.1:${port}`,
          CLUSTER_NAME: clusterName,
          ALERTMANAGER_TOKEN: secrets.alertmanagerToken,
          ARGOCD_TOKEN: secrets.argocdToken,
          QSTASH_URL: qstash.url,
          QSTASH_TOKEN: secrets.qstashToken,
          QSTASH_CURRENT_SIGNING_KEY: secrets.qstashCurrentSigningKey,
          QSTASH_NEXT_SIGNING_KEY: secrets.qstashNextSigningKey,
          UPSTASH_REDIS_REST_URL: redis.url,
          UPSTASH_REDIS_REST_TOKEN: secrets.redisToken,
          CLUSTERS: JSON.stringify({ [clusterName]: { proxyUrl, key: secrets.proxyKey } }),
          SLACK_BOT_TOKEN: secrets.slackBotToken,
          SLACK_CHANNEL: slackChannel,
          SLACK_API_URL: `${slack.url}/api/`,
          SLACK_SIGNING_SECRET: secrets.slackSigningSecret,
          LINE_CHANNEL_ACCESS_TOKEN: secrets.lineChannelAccessToken,
          LINE_CHANNEL_SECRET: secrets.lineChannelSecret,
          LINE_API_URL: line.url,
          // The agent runs against the Gemini fake (scriptable over HTTP); a real key would go to Google.
          GEMINI_API_KEY: secrets.geminiApiKey,
          REPORT_LINK_SECRET: secrets.reportLinkSecret,
          GEMINI_BASE_URL: gemini.url,
          // One approver per chat may approve writes on every cluster; the rollout is watched briefly.
          APPROVERS: `line:${approvers.line},slack:${approvers.slack}`,
          ROLLOUT_WATCH_SECONDS: '3',
          // Dev/test switch: every cron tick is a due health-report slot, so firing the cron shows one.
          HEALTH_REPORT_EVERY_TICK: 'true',
          ...options.workerVars,
        },
      });
      stops.push(() => wrangler.close());
      void wrangler.exited.then(async (code) =>
        fail(`the Worker (wrangler dev) exited (${code}); its log ends:\n${await logTail(wrangler.logPath)}`),
      );
      worker = wrangler.url;
      workerPid = wrangler.pid;
    }
    const proxy = await proxyStarting;
    void proxy.exited.then(async (code) =>
      fail(`the proxy exited (${code}); its output:\n${await logTail(proxy.auditPath, 20)}`),
    );
    // The Worker's URL is only known now: deliveries go wherever each publish said.
    return {
      dir,
      failed,
      stop,
      redisStats: () => ({ ...redis.stats }),
      qstash,
      info: {
        pid: process.pid,
        worker,
        cluster: cluster.url,
        proxy: proxy.url,
        redis: redis.url,
        qstash: qstash.url,
        slack: slack.url,
        line: line.url,
        gemini: gemini.url,
        fixture,
        kubeconfig,
        slackChannel,
        clusterName,
        secrets,
        approvers,
        proxyAudit: proxy.auditPath,
        proxyPid: proxy.pid,
        ...(workerPid ? { workerPid } : {}),
      },
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
