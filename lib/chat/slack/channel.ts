// Slack as a Channel: chat.postMessage (threads by `thread_ts`) and chat.update, with the Block Kit serializer.
import type { WebClient } from '@slack/web-api';
import { requireSettings } from '../../config/index.ts';
import type { Report } from '../../report/index.ts';
import { type Channel, type Destination, defineChannel, type MessageRef } from '../channel.ts';
import { aiFollowupMessage, type ChatMessage, reportMessage } from '../message.ts';
import { type SlackMessage, toSlack } from './blocks.ts';
import { slackClient } from './client.ts';

export function slackChannel(client: WebClient): Channel {
  const post = async (to: Destination, message: ChatMessage): Promise<MessageRef | undefined> => {
    const slack = toSlack(message);
    const result = await client.chat.postMessage({
      channel: to.to,
      text: slack.text,
      blocks: slack.blocks,
      unfurl_links: false,
      unfurl_media: false,
      // An escalation in a thread is shown in the channel too, so it notifies like a new message.
      ...(to.thread
        ? to.notify
          ? { thread_ts: to.thread, reply_broadcast: true as const }
          : { thread_ts: to.thread }
        : {}),
    });
    // The reference names where the message is, not how it was sent (no sendKey: Slack takes none).
    const { sendKey: _, ...where } = to;
    return result.ts ? { ...where, id: result.ts } : undefined;
  };
  return {
    post,
    // Slack threads hang off their first message: a reply to a reply goes to the same thread.
    reply: (parent, message) =>
      post(
        {
          channel: parent.channel,
          to: parent.to,
          thread: parent.thread ?? parent.id,
          ...(parent.notify !== undefined ? { notify: parent.notify } : {}),
        },
        message,
      ),
    async update(ref, message) {
      const slack = toSlack(message);
      await client.chat.update({ channel: ref.to, ts: ref.id, text: slack.text, blocks: slack.blocks });
    },
  };
}

/** A report as Slack shows it. */
export const renderSlackReport = (report: Report): SlackMessage => toSlack(reportMessage(report));

/** The AI part of a report that first went out rule-based, as Slack shows it in the thread. */
export const renderSlackAiFollowup = (report: Report): SlackMessage => toSlack(aiFollowupMessage(report));

/** Slack as configured: SLACK_BOT_TOKEN (chat:write), SLACK_API_URL for the local fake. */
export const slack = defineChannel({
  name: 'slack',
  fromConfig(config) {
    const settings = requireSettings(config, ['SLACK_BOT_TOKEN'], 'posting to Slack');
    return slackChannel(
      slackClient({
        token: settings.SLACK_BOT_TOKEN,
        ...(settings.SLACK_API_URL ? { apiUrl: settings.SLACK_API_URL } : {}),
      }),
    );
  },
  alertSettings: ['SLACK_BOT_TOKEN', 'SLACK_CHANNEL'],
  alertDestinations: (config) =>
    config.SLACK_BOT_TOKEN && config.SLACK_CHANNEL ? [{ channel: 'slack', to: config.SLACK_CHANNEL }] : [],
});
