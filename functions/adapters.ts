// Builds the adapters a request needs from `env`: queue, store, cluster readers, chat delivery. Nothing global,
// except the per-isolate state of QUEUE=inline without Redis (a bare `wrangler dev`).
import { Client } from '@upstash/qstash';
import { Redis } from '@upstash/redis/cloudflare';
import { jobEnricher, llmFromEnv, upstashModelCallLimiter } from '../lib/agent/index.ts';
import { parseApprovers } from '../lib/approvals/index.ts';
import {
  aiFollowupMessage,
  alertDestinations,
  type ChatMessage,
  channelsFor,
  reportMessage,
  withReportUrl,
} from '../lib/chat/index.ts';
import {
  type ClusterReader,
  type ClusterTarget,
  type ClusterWriter,
  clusterTarget,
  parseClusters,
  RestClusterReader,
  RestClusterWriter,
} from '../lib/cluster/index.ts';
import { type Config, ConfigError, requireSettings } from '../lib/config/index.ts';
import { type ChatModel, upstashTurnLimiter } from '../lib/conversation/index.ts';
import { lineProfileLanguage } from '../lib/events/line/index.ts';
import { slackProfileLocale } from '../lib/events/slack/index.ts';
import {
  type AiFollowupJob,
  type AttemptInfo,
  type Job,
  type JobDeps,
  profileLanguage,
  type RefusedJobDeps,
  type ReplyTarget,
  runJob as runJobOfKind,
} from '../lib/jobs/index.ts';
import { InlineQueue, QStashQueue, type Queue } from '../lib/queue/index.ts';
import { reportLink } from '../lib/report/index.ts';
import { argocdDestinations } from '../lib/routing/index.ts';
import { MemoryKv, RedisKv, type Stores, stores } from '../lib/store/index.ts';
import { logJob } from './jobs/log.ts';

const inlineStores = stores(new MemoryKv());

function redisFor(config: Config): Redis | undefined {
  if (!config.UPSTASH_REDIS_REST_URL || !config.UPSTASH_REDIS_REST_TOKEN) return undefined;
  return new Redis({
    url: config.UPSTASH_REDIS_REST_URL,
    token: config.UPSTASH_REDIS_REST_TOKEN,
    enableTelemetry: false,
    // Every value we store is text we wrote (JSON, ids): no base64 round trip of each reply string, which cost a
    // 50-alert webhook about a fifth of its ingest time (docs/incidents.md, Cost).
    responseEncoding: false,
    // Every caller retries the whole request (QStash a job, Alertmanager a webhook): fail fast here (~150 ms,
    // not the SDK's ~4 s per command), so a delivery with Redis down answers 503 or, if last, still sends.
    retry: { retries: 2, backoff: (attempt) => 50 * 2 ** attempt },
  });
}

/** The stores over Redis; in memory (per isolate) for QUEUE=inline without Redis; else none. */
export function storesFor(config: Config, redis = redisFor(config)): Stores | undefined {
  if (redis) return stores(new RedisKv(redis));
  return config.QUEUE === 'inline' ? inlineStores : undefined;
}

/** The URL QStash calls back: PUBLIC_URL, else the origin the request came in on (a cron tick has none). */
function workerUrl(config: Config, requestUrl: string | undefined): string {
  if (config.PUBLIC_URL) return config.PUBLIC_URL;
  if (requestUrl) return new URL(requestUrl).origin;
  throw new ConfigError(
    "PUBLIC_URL is not configured: jobs queued by the cron trigger need the Worker's public URL (there is no request to take it from)",
  );
}

export function queueFor(
  config: Config,
  requestUrl: string | undefined,
  waitUntil: (p: Promise<unknown>) => void,
): Queue<Job> {
  if (config.QUEUE === 'inline')
    // Inline jobs get one attempt, so it is also the last.
    return new InlineQueue(async (job) => {
      const outcome = await runJob(job, config, requestUrl, { finalAttempt: true });
      await logJob(job, outcome, storesFor(config)?.reports);
    }, waitUntil);
  const qstash = requireSettings(config, ['QSTASH_TOKEN'], 'publishing jobs to QStash');
  return new QStashQueue<Job>({
    client: new Client({
      token: qstash.QSTASH_TOKEN,
      baseUrl: qstash.QSTASH_URL,
      enableTelemetry: false,
      // Alertmanager retries the whole batch on 5xx: fail fast here rather than hold its webhook open.
      retry: { retries: 2, backoff: (attempt) => 50 * 2 ** attempt },
    }),
    workerUrl: workerUrl(config, requestUrl),
    parallelism: config.QSTASH_PARALLELISM,
  });
}

/** Where alerts go when no route matches: every chat configured for alerts (a refused job's fallback too). */
export const alertTargets = (config: Config): ReplyTarget[] => alertDestinations(config);

/** Where Argo CD reports go when no route matches: ARGOCD_CHANNELS, else where alerts go. */
export const argocdTargets = (config: Config): ReplyTarget[] => argocdDestinations(config);

/** Where the named cluster's proxy is: `CLUSTERS` when set, else the single `PROXY_URL` + `PROXY_KEY`. */
function proxyFor(config: Config, cluster: string): ClusterTarget {
  if (config.CLUSTERS) {
    try {
      return clusterTarget(parseClusters(config.CLUSTERS), cluster);
    } catch (error) {
      throw new ConfigError(error instanceof Error ? error.message : String(error));
    }
  }
  const single = requireSettings(config, ['PROXY_URL', 'PROXY_KEY'], `reading cluster '${cluster}'`);
  return { proxyUrl: single.PROXY_URL, key: single.PROXY_KEY };
}

export function readerFor(config: Config) {
  return (cluster: string, actor: string): ClusterReader => {
    const target = proxyFor(config, cluster);
    return new RestClusterReader({ baseUrl: target.proxyUrl, signer: { secret: target.key, actor } });
  };
}

/** A writer for the named cluster's proxy (the approver, the actor, is named on each write it sends). */
export function writerFor(config: Config) {
  return (cluster: string, _actor: string): ClusterWriter => {
    const target = proxyFor(config, cluster);
    return new RestClusterWriter({ baseUrl: target.proxyUrl, secret: target.key });
  };
}

/**
 * The signed page link of a report, or undefined without REPORT_LINK_SECRET; links point at PUBLIC_URL, else at
 * the origin the job came in on (QStash calls the Worker's public URL).
 */
export function reportUrlFor(config: Config, requestUrl?: string) {
  const origin = config.PUBLIC_URL ?? (requestUrl ? new URL(requestUrl).origin : undefined);
  return (reportId: string): Promise<string | undefined> => reportLink(config, reportId, new Date(), origin);
}

/**
 * How jobs reach people, over ONE set of channel adapters per job (so a LINE adapter that met its quota sends
 * the short form for every later message of that job): any message, a report, and a report's AI part under it.
 * A report and its AI part carry the link to the report's page when one can be made.
 */
function chatFor(
  config: Config,
  requestUrl?: string,
): Required<Pick<JobDeps, 'say' | 'deliver' | 'reply' | 'update'>> {
  const channels = channelsFor(config);
  const linkOf = reportUrlFor(config, requestUrl);
  const linked = async (message: ChatMessage) =>
    message.type === 'report' || message.type === 'ai-followup' || message.type === 'digest'
      ? withReportUrl(message, await linkOf(message.reportId))
      : message;
  // A LINE target's reply token rides along, as `LineDestination` reads it.
  const say = async (target: ReplyTarget, message: ChatMessage) =>
    channels(target.channel).post(target, await linked(message));
  return {
    say,
    // Answers the posted message's reference, for threads and updates; in the destination's language, else LOCALE.
    deliver: (target, report) => say(target, reportMessage(report, target.lang ?? config.LOCALE)),
    // Slack edits the message in place; LINE, which cannot, pushes a short note after it.
    update: async (ref, message) => channels(ref.channel).update(ref, await linked(message)),
    async reply(target, report) {
      const message = await linked(aiFollowupMessage(report, target.lang ?? config.LOCALE));
      if (target.thread) await channels(target.channel).reply({ ...target, id: target.thread }, message);
      else await say(target, message);
    },
  };
}

/** The cluster names a conversation may switch to with /use (and an Argo CD destination may name): CLUSTERS' names, else the one cluster. */
export function clusterNamesOf(config: Config): string[] {
  if (!config.CLUSTERS) return [config.CLUSTER_NAME];
  try {
    return Object.keys(parseClusters(config.CLUSTERS));
  } catch {
    // A bad CLUSTERS is reported where a reader is built; /use just knows no other cluster.
    return [config.CLUSTER_NAME];
  }
}

/** The model, when one is configured: budgeted per minute and per day across every isolate (Redis). */
function modelFor(config: Config, redis: Redis | undefined): ChatModel | undefined {
  const llm = llmFromEnv(config);
  if (!llm) return undefined;
  const limiter = redis
    ? upstashModelCallLimiter({
        redis,
        perMinute: config.AI_CALLS_PER_MINUTE,
        perDay: config.AI_CALLS_PER_DAY,
      })
    : undefined;
  return { llm, locale: config.LOCALE, ...(limiter ? { limiter } : {}) };
}

/** The agent's report enricher, on the model's shared budget. */
function enricherFor(model: ChatModel | undefined): JobDeps['enrich'] {
  if (!model) return undefined;
  const { llm, limiter, locale } = model;
  return jobEnricher(llm, {
    ...(locale ? { locale } : {}),
    ...(limiter ? { limiter } : {}),
    onInvestigation: (investigation, report) => {
      // Over budget or the model failed: the rule-based report goes out now, never nothing.
      if (investigation.fallback) {
        console.log(
          JSON.stringify({ msg: 'ai fallback', report: report.id, reason: investigation.fallback }),
        );
      }
    },
  });
}

/** The stores a job cannot run without (its idempotency lives there). */
function jobStores(config: Config, redis = redisFor(config)): Stores {
  const store = storesFor(config, redis);
  if (!store)
    throw new ConfigError('jobs need UPSTASH_REDIS_REST_URL and UPSTASH_REDIS_REST_TOKEN (idempotency)');
  return store;
}

export function jobDeps(config: Config, requestUrl: string | undefined): JobDeps {
  const redis = redisFor(config);
  const store = jobStores(config, redis);
  const model = modelFor(config, redis);
  const enrich = enricherFor(model);
  // Counted in Redis across every instance; the in-memory stores of QUEUE=inline have no budget to share.
  const turnLimiter = redis
    ? upstashTurnLimiter({ redis, perMinute: config.CHAT_TURNS_PER_MINUTE })
    : undefined;
  // Only QStash can hold a job until later; with QUEUE=inline a report that missed its AI part stays rule-based.
  const scheduleAiFollowup =
    config.QUEUE === 'qstash'
      ? async (job: AiFollowupJob, delaySeconds: number) => {
          await queueFor(config, requestUrl, () => {}).publish(job, { delaySeconds });
        }
      : undefined;
  return {
    ledger: store.ledger,
    reports: store.reports,
    incidents: store.incidents,
    incidentWindowSeconds: config.INCIDENT_WINDOW_SECONDS,
    changeWindowMinutes: config.CHANGE_WINDOW_MINUTES,
    readerFor: readerFor(config),
    reportLink: reportUrlFor(config, requestUrl),
    ...chatFor(config, requestUrl),
    conversations: store.conversations,
    chatMemoryTtlSeconds: config.CHAT_MEMORY_TTL_SECONDS,
    chatMemoryTokens: config.CHAT_MEMORY_TOKENS,
    ...(turnLimiter ? { turnLimiter } : {}),
    clusterNames: clusterNamesOf(config),
    locale: config.LOCALE,
    // Cached in Redis a day per person; without Redis asked each turn (QUEUE=inline's local runs).
    profileLanguage: profileLanguage({
      ...(redis ? { kv: new RedisKv(redis) } : {}),
      lookups: { line: lineProfileLanguage(config), slack: slackProfileLocale(config) },
    }),
    approvals: store.approvals,
    argoFailures: store.argoFailures,
    digests: store.digests,
    approversFor: parseApprovers(config.APPROVERS),
    approvalTtlSeconds: config.APPROVAL_TTL_SECONDS,
    writerFor: writerFor(config),
    rolloutWatchSeconds: config.ROLLOUT_WATCH_SECONDS,
    ...(enrich ? { enrich } : {}),
    // Free chat text shares the enricher's model and budget.
    ...(model ? { chatLlm: model } : {}),
    ...(scheduleAiFollowup ? { scheduleAiFollowup } : {}),
  };
}

/** Runs a job with the kind that declared it (lib/jobs/registry.ts), on adapters built from `env`. */
export async function runJob(job: Job, config: Config, requestUrl: string | undefined, attempt: AttemptInfo) {
  return runJobOfKind(job, jobDeps(config, requestUrl), attempt);
}

/** What telling the person on call about a refused job needs: the stores, the chats, where alerts go. */
export function refusedJobDeps(config: Config): RefusedJobDeps {
  const store = jobStores(config);
  return {
    ledger: store.ledger,
    reports: store.reports,
    incidents: store.incidents,
    deliver: chatFor(config).deliver,
    alertTargets: alertTargets(config),
  };
}
