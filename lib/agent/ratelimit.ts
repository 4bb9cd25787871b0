// Model-call budgets shared by every Worker instance (Upstash Redis), and the QStash flow control that caps how
// many investigations run at once. Over budget, the caller sends the rule-based report now and AI later.
import { Ratelimit, type RatelimitConfig } from '@upstash/ratelimit';

export type LimitDecision = { ok: true } | { ok: false; retryAfterMs: number; reason: string };

/** Asked before every model request; one request takes one unit. */
export interface ModelCallLimiter {
  take(): Promise<LimitDecision>;
}

export interface ModelCallLimiterOptions {
  redis: RatelimitConfig['redis'];
  /** Requests per minute allowed to the model API (match the key's tier; default 10, Gemini Flash free tier). */
  perMinute?: number;
  /** Requests per day (default 250). */
  perDay?: number;
  /** Redis key prefix (default `kr:llm`). */
  prefix?: string;
  /** Which budget this is, e.g. the model name or API key label (default `gemini`). */
  identifier?: string;
}

export function upstashModelCallLimiter(options: ModelCallLimiterOptions): ModelCallLimiter {
  const prefix = options.prefix ?? 'kr:llm';
  const identifier = options.identifier ?? 'gemini';
  const common = {
    redis: options.redis,
    analytics: false,
    enableTelemetry: false,
    ephemeralCache: false,
  } as const;
  const minute = new Ratelimit({
    ...common,
    prefix: `${prefix}:minute`,
    limiter: Ratelimit.slidingWindow(options.perMinute ?? 10, '1 m'),
  });
  const day = new Ratelimit({
    ...common,
    prefix: `${prefix}:day`,
    limiter: Ratelimit.fixedWindow(options.perDay ?? 250, '1 d'),
  });
  return {
    async take() {
      const perMinute = await minute.limit(identifier);
      if (!perMinute.success)
        return {
          ok: false,
          retryAfterMs: Math.max(0, perMinute.reset - Date.now()),
          reason: 'model calls per minute',
        };
      const perDay = await day.limit(identifier);
      if (!perDay.success)
        return {
          ok: false,
          retryAfterMs: Math.max(0, perDay.reset - Date.now()),
          reason: 'model calls per day',
        };
      return { ok: true };
    },
  };
}

/**
 * QStash flow control for diagnose jobs that run the agent: at most `parallelism` at once across the deployment,
 * so a storm of incidents cannot fan out into a storm of model calls. Pass as `flowControl` to `publishJSON`.
 */
export function investigationFlowControl(parallelism = 2): { key: string; parallelism: number } {
  return { key: 'kube-responder-llm', parallelism };
}
