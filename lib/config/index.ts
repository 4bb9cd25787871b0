// The Worker's configuration: every variable and secret, validated once per request from `env` (never globals).
import { z } from 'zod';
import { describeIssues } from '../validation/index.ts';

const optionalString = z.preprocess((v) => (v === '' ? undefined : v), z.string().min(1).optional());
/**
 * Comma-separated `<channel>:<id>` chat targets (`slack:C0123ABCD,line:Uxxxx`), as `{ channel, to }`; whether the
 * channel exists is lib/chat's to say (its list of channels), where the targets are used.
 */
const chatTargets = z.preprocess(
  (v) => (v === '' ? undefined : v),
  z
    .string()
    .transform((setting, ctx) => {
      const targets: { channel: string; to: string }[] = [];
      const entries = setting
        .split(',')
        .map((part) => part.trim())
        .filter((part) => part !== '');
      for (const [index, entry] of entries.entries()) {
        const match = /^([a-z][a-z0-9-]*):([A-Za-z0-9._-]{1,200})$/.exec(entry);
        if (match) targets.push({ channel: match[1] as string, to: match[2] as string });
        else
          ctx.addIssue({
            code: 'custom',
            message: `entry ${index + 1} is not <channel>:<id> (e.g. slack:C0123ABCD)`,
          });
      }
      return targets;
    })
    .optional(),
);

/** `true` / `false` as wrangler passes vars (strings); unset is false. */
const flag = z
  .preprocess((v) => (v === '' || v === undefined ? 'false' : v), z.enum(['true', 'false']))
  .transform((v) => v === 'true');
const optionalUrl = z.preprocess((v) => (v === '' ? undefined : v), z.url().optional());

export const EnvSchema = z.object({
  /** `qstash` (production, stack, tests) or `inline` (the job runs in waitUntil; a bare `wrangler dev`). */
  QUEUE: z.enum(['qstash', 'inline']).default('qstash'),
  /** Name of the cluster when an alert carries no `cluster` label. */
  CLUSTER_NAME: z.string().min(1).default('default'),
  /** Base URL of this Worker as QStash must call it; defaults to the URL a request came in on. */
  PUBLIC_URL: optionalUrl,
  ALERTMANAGER_TOKEN: optionalString,
  ARGOCD_TOKEN: optionalString,
  /** Where Argo CD reports go: `slack:C…`, `line:U…` (a user) or `line:C…` (a group), comma-separated; else where alerts go. */
  ARGOCD_CHANNELS: chatTargets,
  QSTASH_URL: z.url().default('https://qstash.upstash.io'),
  QSTASH_TOKEN: optionalString,
  QSTASH_CURRENT_SIGNING_KEY: optionalString,
  QSTASH_NEXT_SIGNING_KEY: optionalString,
  /** Concurrent diagnose jobs (QStash flow control parallelism). */
  QSTASH_PARALLELISM: z.coerce.number().int().min(1).max(100).default(5),
  UPSTASH_REDIS_REST_URL: optionalUrl,
  UPSTASH_REDIS_REST_TOKEN: optionalString,
  /** One cluster: the proxy's URL and the first key of its secret file. */
  PROXY_URL: optionalUrl,
  PROXY_KEY: optionalString,
  /** Several clusters: JSON `{ "name": { "proxyUrl": "...", "key": "..." } }`; wins over PROXY_URL/PROXY_KEY. */
  CLUSTERS: optionalString,
  SLACK_BOT_TOKEN: optionalString,
  SLACK_CHANNEL: optionalString,
  /** Slack Web API base, e.g. `https://slack.com/api/` (tests point it at the local fake). */
  SLACK_API_URL: optionalUrl,
  SLACK_SIGNING_SECRET: optionalString,
  LINE_CHANNEL_ACCESS_TOKEN: optionalString,
  LINE_CHANNEL_SECRET: optionalString,
  LINE_API_URL: optionalUrl,
  /** Comma-separated LINE user (U…), group (C…) or room (R…) ids that receive alert reports. */
  LINE_ALERT_TO: optionalString,
  GEMINI_API_KEY: optionalString,
  GEMINI_MODEL: optionalString,
  GEMINI_BASE_URL: optionalUrl,
  /** An OpenAI-compatible server (Ollama, vLLM, Azure) when GEMINI_API_KEY is not set. */
  OPENAI_BASE_URL: optionalUrl,
  OPENAI_MODEL: optionalString,
  OPENAI_API_KEY: optionalString,
  /** Model calls allowed per minute and per day across all investigations (match the key's tier). */
  AI_CALLS_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(10),
  AI_CALLS_PER_DAY: z.coerce.number().int().min(1).max(10_000_000).default(250),
  LOCALE: z.enum(['en', 'zh-TW', 'zh-CN']).default('en'),
  /** How long before the first sign of trouble a change (rollout, ConfigMap edit, sync, Helm upgrade) is blamed (minutes). */
  CHANGE_WINDOW_MINUTES: z.coerce.number().int().min(1).max(1440).default(30),
  /** How long an incident groups further alerts about the same workload (seconds). */
  INCIDENT_WINDOW_SECONDS: z.coerce.number().int().min(0).max(86_400).default(900),
  /** A firing incident last diagnosed longer ago than this is diagnosed again on Alertmanager's next re-send, and its thread told of a new root cause (seconds; 0 = never). */
  INCIDENT_RECHECK_SECONDS: z.coerce.number().int().min(0).max(86_400).default(600),
  /** How long a chat conversation's memory (cluster, namespace, the objects last shown) lasts after its last turn. */
  CHAT_MEMORY_TTL_SECONDS: z.coerce.number().int().min(60).max(604_800).default(3600),
  /** The token budget of a conversation's history (CJK-aware estimate); older turns fold into a short summary. */
  CHAT_MEMORY_TOKENS: z.coerce.number().int().min(200).max(100_000).default(2000),
  /** Chat turns one person may send per minute (LINE, Slack and REST alike); needs Redis to be enforced. */
  CHAT_TURNS_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(20),
  /** Bearer token of `POST /api/chat` (scripts and other front ends); unset, the API answers 503. */
  CHAT_API_TOKEN: optionalString,
  /**
   * Who may approve a write, per cluster: `line:U…,slack:U…` (every cluster) or
   * `prod=line:U1,slack:U2;staging=slack:U3;*=slack:U0` (`*` adds to every cluster). Unset: nobody can approve.
   * Parsed by `lib/approvals` (`parseApprovers`), which names the part that is wrong.
   */
  APPROVERS: optionalString,
  /** How long an approval card can be approved (seconds); after that pressing it does nothing. */
  APPROVAL_TTL_SECONDS: z.coerce.number().int().min(1).max(86_400).default(600),
  /** How long after an approved restart or scale the rollout is watched and reported (seconds; 0 = no watch). */
  ROLLOUT_WATCH_SECONDS: z.coerce.number().int().min(0).max(600).default(60),
  /**
   * The scheduled health report per cluster, JSON `{ "prod": { "at": "09:00", "timezone": "Asia/Taipei",
   * "weekdays": ["mon","tue"], "to": ["slack:C123", "line:U456"] } }`. Unset: every configured cluster at
   * 09:00 UTC to the alert destinations. Parsed by `lib/health` (`parseHealthReports`), which names the bad field.
   */
  HEALTH_REPORTS: optionalString,
  /**
   * Where reports go by source, severity, namespace and cluster, JSON `[{ "severity": "critical", "namespace":
   * "prod-*", "to": ["slack:C0ONCALL", "line:C0GROUP"] }, { "source": "argocd", "to": ["slack:C0DEPLOYS"] }]`:
   * ordered, first match wins unless `"continue": true`. Unset or no match: SLACK_CHANNEL/LINE_ALERT_TO, and
   * ARGOCD_CHANNELS for Argo CD. Parsed by `lib/routing` (`parseRoutes`), which names the bad field (docs/routing.md).
   */
  ROUTES: optionalString,
  /** `true`: a health report with nothing wrong sends nothing at all (instead of its one "all clear" line). */
  REPORT_QUIET: flag,
  /** Dev/test switch (the local stack sets it): every cron tick is a due slot of every cluster's report. */
  HEALTH_REPORT_EVERY_TICK: flag,
  /**
   * Signs the links to report pages (`/reports/<id>?exp=…&sig=…`, HMAC-SHA256). Unset: the page answers 503 and
   * chat messages carry no link. Rotating it invalidates every link already sent.
   */
  REPORT_LINK_SECRET: optionalString,
  /** How long a report link works (seconds); 7 days by default, as long as reports are kept. */
  REPORT_LINK_TTL_SECONDS: z.coerce.number().int().min(60).max(604_800).default(604_800),
});

export type Config = z.infer<typeof EnvSchema>;

/** The Worker's bindings as wrangler passes them: every setting above, as the string it was configured with. */
export type Env = { [K in keyof z.input<typeof EnvSchema>]?: string };

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** A setting that is present but wrong: the message names it and the field, never its value. */
export const invalidConfiguration = (message: string) => new ConfigError(`invalid configuration: ${message}`);

const validated = new WeakMap<object, Config>();

/**
 * Parses the Worker's env; the error names every bad variable (never its value). The bindings object lives as
 * long as the isolate, so it is validated once, not on every request.
 */
export function loadConfig(env: Record<string, unknown>): Config {
  const cached = validated.get(env);
  if (cached) return cached;
  const config = parseConfig(env);
  validated.set(env, config);
  return config;
}

function parseConfig(env: Record<string, unknown>): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(`invalid configuration: ${describeIssues(parsed.error, { max: Infinity })}`);
  }
  return parsed.data;
}

/** Narrows a config to the given settings being present, or throws naming the missing ones. */
export function requireSettings<K extends keyof Config>(
  config: Config,
  keys: readonly K[],
  purpose: string,
): Config & { [P in K]-?: NonNullable<Config[P]> } {
  const missing = keys.filter((key) => config[key] === undefined);
  if (missing.length > 0) throw new ConfigError(`${purpose} needs ${missing.join(', ')} (not configured)`);
  return config as Config & { [P in K]-?: NonNullable<Config[P]> };
}
