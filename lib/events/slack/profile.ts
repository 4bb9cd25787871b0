// The locale a Slack user set in Slack (`users.info` with `include_locale` → `user.locale`, e.g. `zh-CN`), so
// the answer is in their language before they write a word of it.
import { slackClient } from '../../chat/index.ts';
import type { Config } from '../../config/index.ts';

/** A user's Slack locale (`en-US`, `zh-CN`), or undefined; needs the `users:read` scope; none without SLACK_BOT_TOKEN. */
export function slackProfileLocale(
  config: Config,
): ((userId: string) => Promise<string | undefined>) | undefined {
  const token = config.SLACK_BOT_TOKEN;
  if (!token) return undefined;
  const client = slackClient({ token, ...(config.SLACK_API_URL ? { apiUrl: config.SLACK_API_URL } : {}) });
  return async (userId) => {
    try {
      return (await client.users.info({ user: userId, include_locale: true })).user?.locale;
    } catch (error) {
      // Slack's own refusal (no `users:read` scope, no such user) will not change by asking again: no locale.
      // Anything else (a network failure, a rate limit) throws, and is asked again next turn.
      if ((error as { code?: string }).code === 'slack_webapi_platform_error') return undefined;
      throw error;
    }
  };
}
