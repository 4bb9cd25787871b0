// LINE's loading animation for a one-on-one chat while its turn is answered (LINE shows it for up to 60 s, or
// until the bot's message arrives). Best effort: a chat that does not show it still gets its answer.
import { messagingApi } from '@line/bot-sdk';
import type { Config } from '../../config/index.ts';
import type { ChatTurnJob } from '../../jobs/index.ts';

/** Long enough for a slow cluster read; the answer ends it sooner. */
const LOADING_SECONDS = 20;

/** Starts the animation in each one-on-one chat among `turns` (groups and rooms have none); never throws. */
export async function showLoading(config: Config, turns: readonly ChatTurnJob[]): Promise<void> {
  const token = config.LINE_CHANNEL_ACCESS_TOKEN;
  const chats = new Set(turns.filter((t) => t.conversation.startsWith('line:user:')).map((t) => t.user.id));
  if (!token || chats.size === 0) return;
  const client = new messagingApi.MessagingApiClient({
    channelAccessToken: token,
    ...(config.LINE_API_URL ? { baseURL: config.LINE_API_URL } : {}),
  });
  await Promise.all(
    [...chats].map((chatId) =>
      client.showLoadingAnimation({ chatId, loadingSeconds: LOADING_SECONDS }).catch((error: unknown) => {
        console.warn(
          JSON.stringify({ msg: 'LINE loading animation failed', error: String(error).slice(0, 200) }),
        );
      }),
    ),
  );
}
