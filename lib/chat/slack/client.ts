// A @slack/web-api WebClient that works in workerd (see docs/runtime.md).
import { LogLevel, WebClient } from '@slack/web-api';

export interface SlackClientOptions {
  token: string;
  /** e.g. `https://slack.com/api/`; tests point it at the local fake. */
  apiUrl?: string;
}

/**
 * A WebClient that works in workerd: the SDK calls a stored `fetch` unbound and sends `redirect: 'error'`,
 * which workerd rejects; this wrapper binds fetch and maps the redirect mode (docs/runtime.md).
 */
export function slackClient(options: SlackClientOptions): WebClient {
  return new WebClient(options.token, {
    ...(options.apiUrl
      ? { slackApiUrl: options.apiUrl.endsWith('/') ? options.apiUrl : `${options.apiUrl}/` }
      : {}),
    logLevel: LogLevel.ERROR,
    // A job never sleeps through a rate limit or retries on its own (the SDK's default is up to 10 retries over
    // ~30 minutes, its whole queue paused): it throws, and QStash redelivers the job later.
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
    fetch: (input, init) =>
      fetch(input, { ...init, redirect: init?.redirect === 'error' ? 'manual' : init?.redirect }),
  });
}
