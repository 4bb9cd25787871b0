// The language a LINE user set in LINE (`GET /v2/bot/profile/{userId}` → `language`), so a zh-TW user is answered
// in Chinese before they write a word of it. LINE leaves it out until the user consents to its privacy policy.
import { messagingApi } from '@line/bot-sdk';
import type { Config } from '../../config/index.ts';

/** A user's LINE language tag (`zh-TW`, `en`), or undefined; undefined without LINE_CHANNEL_ACCESS_TOKEN. */
export function lineProfileLanguage(
  config: Config,
): ((userId: string) => Promise<string | undefined>) | undefined {
  const token = config.LINE_CHANNEL_ACCESS_TOKEN;
  if (!token) return undefined;
  const client = new messagingApi.MessagingApiClient({
    channelAccessToken: token,
    ...(config.LINE_API_URL ? { baseURL: config.LINE_API_URL } : {}),
  });
  return async (userId) => {
    // Only a person has a profile: a group or room the message came from without a sender is none.
    if (!/^U[0-9a-f]{32}$/.test(userId)) return undefined;
    try {
      return (await client.getProfile(userId)).language;
    } catch (error) {
      // LINE's 404: a user who blocked the bot or is not its friend has no profile to read (asking again won't help).
      if ((error as { status?: number }).status === 404) return undefined;
      throw error;
    }
  };
}
