// The per-person chat budget (@upstash/ratelimit, sliding window across every Worker instance): past it a turn is
// answered with when to try again, before anything reads the cluster or extends the memory.
import { Ratelimit, type RatelimitConfig } from '@upstash/ratelimit';
import { t } from '../i18n/index.ts';
import type { Locale } from '../locale/index.ts';

/** CHAT_TURNS_PER_MINUTE's default: far above a person typing, well below a script looping. */
export const DEFAULT_CHAT_TURNS_PER_MINUTE = 20;

export type TurnDecision = { ok: true } | { ok: false; limit: number; retryAfterSeconds: number };

/** Asked once per turn before it runs. */
export interface TurnLimiter {
  /**
   * Counts turn `turnId` against `speaker` (`<channel>:<user id>`). The same turn asked again (a retried job
   * delivery) is not counted again.
   */
  take(speaker: string, turnId: string): Promise<TurnDecision>;
}

export interface TurnLimiterOptions {
  redis: RatelimitConfig['redis'];
  /** Turns a person may send per minute (default 20). */
  perMinute?: number;
  /** Redis key prefix (default `kr:chat`). */
  prefix?: string;
}

/** How long a turn is remembered as counted: longer than QStash takes to retry a failed delivery of it. */
const COUNTED_TTL_SECONDS = 15 * 60;

export function upstashTurnLimiter(options: TurnLimiterOptions): TurnLimiter {
  const prefix = options.prefix ?? 'kr:chat';
  const limit = options.perMinute ?? DEFAULT_CHAT_TURNS_PER_MINUTE;
  const redis = options.redis;
  const window = new Ratelimit({
    redis,
    prefix: `${prefix}:turns`,
    limiter: Ratelimit.slidingWindow(limit, '1 m'),
    analytics: false,
    enableTelemetry: false,
    ephemeralCache: false,
  });
  return {
    async take(speaker, turnId) {
      // The job ledger runs a turn to completion once, but a delivery that failed after counting is retried.
      const counted = `${prefix}:counted:${turnId}`;
      if ((await redis.get(counted)) !== null) return { ok: true };
      const result = await window.limit(speaker);
      if (!result.success)
        return {
          ok: false,
          limit: result.limit,
          retryAfterSeconds: Math.max(1, Math.ceil((result.reset - Date.now()) / 1000)),
        };
      await redis.set(counted, 1, { ex: COUNTED_TTL_SECONDS });
      return { ok: true };
    },
  };
}

/** The friendly answer past the budget. */
export const rateLimitedText = (
  decision: Extract<TurnDecision, { ok: false }>,
  locale: Locale = 'en',
): string => t(locale, 'chat.rateLimited', { limit: decision.limit, seconds: decision.retryAfterSeconds });
