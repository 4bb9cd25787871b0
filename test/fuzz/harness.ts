// The Worker app in process (Hono `app.request`), wired to an in-process Redis (the Upstash bridge) and the
// QStash emulator, with every caller's credential: a fuzzed body reaches the parser of the route it is sent to.
import { createHmac } from 'node:crypto';
import { app } from '../../functions/worker.ts';
import { type QStashEmulator, startQStash } from '../../infra/stack/qstash.ts';
import { type RedisStore, startRedisStore } from '../../infra/stack/redis-store.ts';
import { qstashSignature } from '../support/qstash-jwt.ts';

const secrets = {
  alertmanager: 'am-fuzz-token-0123456789',
  argocd: 'argo-fuzz-token-0123456789',
  chatApi: 'chat-fuzz-token-0123456789',
  line: 'line-fuzz-channel-secret',
  slack: 'slack-fuzz-signing-secret',
  qstash: 'qstash-fuzz-token',
  signing: 'sig_fuzz_current_0123456789',
  redis: 'redis-fuzz-token',
};

export interface Harness {
  /** POSTs a body to a route as its caller would, signed or authenticated. */
  post(route: Route, body: string, contentType?: string): Promise<Response>;
  qstash: QStashEmulator;
  close(): Promise<void>;
}

export const ROUTES = ['alertmanager', 'argocd', 'line', 'slack', 'chat-api', 'jobs'] as const;
export type Route = (typeof ROUTES)[number];

/** What workerd gives a request; jobs queued with waitUntil are dropped (nothing listens for them here). */
const executionCtx = {
  waitUntil: (promise: Promise<unknown>) => void promise.catch(() => undefined),
  passThroughOnException: () => {},
  props: {},
};

export async function startHarness(): Promise<Harness> {
  const redis: RedisStore = await startRedisStore({ token: secrets.redis, notice: () => {} });
  const qstash = await startQStash({
    token: secrets.qstash,
    currentSigningKey: secrets.signing,
    nextSigningKey: 'sig_fuzz_next_0123456789',
    defaultRetries: 0,
  });
  const env = {
    QUEUE: 'qstash',
    CLUSTER_NAME: 'demo',
    ALERTMANAGER_TOKEN: secrets.alertmanager,
    ARGOCD_TOKEN: secrets.argocd,
    CHAT_API_TOKEN: secrets.chatApi,
    QSTASH_URL: qstash.url,
    QSTASH_TOKEN: secrets.qstash,
    QSTASH_CURRENT_SIGNING_KEY: secrets.signing,
    QSTASH_NEXT_SIGNING_KEY: 'sig_fuzz_next_0123456789',
    UPSTASH_REDIS_REST_URL: redis.bridge.url,
    UPSTASH_REDIS_REST_TOKEN: secrets.redis,
    SLACK_SIGNING_SECRET: secrets.slack,
    SLACK_BOT_TOKEN: 'xoxb-fuzz',
    SLACK_CHANNEL: 'C0FUZZ',
    SLACK_API_URL: 'http://127.0.0.1:9/api/',
    LINE_CHANNEL_SECRET: secrets.line,
    LINE_CHANNEL_ACCESS_TOKEN: 'line-fuzz-access',
    LINE_API_URL: 'http://127.0.0.1:9',
    CLUSTERS: JSON.stringify({ demo: { proxyUrl: 'http://127.0.0.1:9', key: 'proxy-fuzz-key-0123456789' } }),
  };

  const headersFor = (route: Route, body: string, url: string): Record<string, string> => {
    switch (route) {
      case 'alertmanager':
        return { authorization: `Bearer ${secrets.alertmanager}` };
      case 'argocd':
        return { authorization: `Bearer ${secrets.argocd}` };
      case 'chat-api':
        return { authorization: `Bearer ${secrets.chatApi}` };
      case 'line':
        return { 'x-line-signature': createHmac('sha256', secrets.line).update(body).digest('base64') };
      case 'slack': {
        const ts = String(Math.floor(Date.now() / 1000));
        const signature = createHmac('sha256', secrets.slack).update(`v0:${ts}:${body}`).digest('hex');
        return { 'x-slack-request-timestamp': ts, 'x-slack-signature': `v0=${signature}` };
      }
      case 'jobs':
        return {
          'upstash-signature': qstashSignature({ key: secrets.signing, url, body }),
          'upstash-retried': '0',
        };
    }
  };
  const paths: Record<Route, string> = {
    alertmanager: '/events/alertmanager',
    argocd: '/events/argocd',
    line: '/events/line',
    slack: '/events/slack',
    'chat-api': '/api/chat',
    jobs: '/jobs/diagnose-alert',
  };

  return {
    qstash,
    async post(route, body, contentType = 'application/json') {
      // The Worker's origin is where QStash delivers: nothing listens there, so the jobs the fuzz queues fail and
      // end; only publishing them matters here.
      const url = `http://127.0.0.1:9${paths[route]}`;
      return app.request(
        url,
        { method: 'POST', headers: { 'content-type': contentType, ...headersFor(route, body, url) }, body },
        env,
        executionCtx,
      );
    },
    async close() {
      await qstash.close();
      await redis.close();
    },
  };
}
