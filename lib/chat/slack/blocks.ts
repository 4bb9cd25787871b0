// Slack Block Kit: the serializer of the channel-neutral message, within Slack's limits (a header of 150 chars,
// sections of 3,000, at most 50 blocks) and with cluster text escaped so it can never @channel or forge a link.
import { t } from '../../i18n/index.ts';
import type { Locale } from '../../locale/index.ts';
import {
  type AiFollowupMessage,
  type ChatMessage,
  labelled,
  messageLocale,
  type ReportMessage,
  type TextMessage,
} from '../message.ts';
import { clipUnits } from '../text.ts';
import { approvalBlocks } from './approval-card.ts';
import { proposalBlocks } from './buttons.ts';
import { digestBlocks } from './digest.ts';
import { escapedWithin, escapeMrkdwn, mrkdwnSection, SLACK_BLOCK_LIMITS } from './text.ts';

export { escapeMrkdwn } from './text.ts';

export interface SlackMessage {
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: Block Kit JSON; the Slack API validates it
  blocks: any[];
}

const MAX_SECTION = SLACK_BLOCK_LIMITS.section;
const MAX_HEADER = SLACK_BLOCK_LIMITS.header;
const MAX_LINE = SLACK_BLOCK_LIMITS.line;
const MAX_FINDING_SUMMARY = 200;

/** A section with a bold title over bullet lines of cluster text (escaped, each clipped). */
function bulletSection(title: string, lines: string[]) {
  const bullets = lines.map((line) => `• ${escapeMrkdwn(clipUnits(line, MAX_LINE))}`);
  return mrkdwnSection(`*${title}*\n${bullets.join('\n')}`);
}

const context = (text: string) => ({ type: 'context', elements: [{ type: 'mrkdwn', text }] });

/** Link buttons (the Application in Argo CD) open the page; their press carries no value, so nothing acts on it. */
function linkButtons(links: NonNullable<ReportMessage['links']>) {
  const elements = links
    .filter((link) => link.url.length <= MAX_URL && /^https?:\/\//.test(link.url))
    .map((link, index) => ({
      type: 'button',
      action_id: `kr.link-${index}`,
      text: { type: 'plain_text', text: clipUnits(link.label, 75) },
      url: link.url,
    }));
  return elements.length > 0 ? [{ type: 'actions', elements }] : [];
}

function reportBlocks(message: ReportMessage): SlackMessage {
  const locale = message.locale ?? 'en';
  const blocks: SlackMessage['blocks'] = [
    {
      type: 'header',
      text: {
        type: 'plain_text',
        text: clipUnits(`${message.icon} ${message.title}`, MAX_HEADER),
        emoji: true,
      },
    },
    {
      type: 'section',
      // Every value may be cluster text (without findings the severity is the alert's own label).
      fields: message.fields.map((field) => ({
        type: 'mrkdwn',
        text: `*${escapeMrkdwn(field.label)}*\n${escapeMrkdwn(field.value)}`,
      })),
    },
    mrkdwnSection(escapeMrkdwn(message.summary)),
  ];
  const cause = message.rootCause;
  if (cause) {
    const text = `*${labelled(t(locale, 'report.rootCause'), locale)}* ${cause.code}${cause.object ? ` — ${cause.object}` : ''}${cause.detail ? `\n${cause.detail}` : ''}`;
    blocks.push(mrkdwnSection(escapeMrkdwn(text)));
  }
  if (message.ai)
    blocks.push(
      mrkdwnSection(
        `*${escapeMrkdwn(t(locale, 'report.ai', { model: message.ai.model }))}* ${escapeMrkdwn(message.ai.text)}`,
      ),
    );
  if (message.evidence.length > 0) blocks.push(bulletSection(t(locale, 'report.evidence'), message.evidence));
  if (message.nextSteps.length > 0)
    blocks.push(bulletSection(t(locale, 'report.nextSteps'), message.nextSteps));
  if (message.otherFindings.length > 0) {
    const lines = message.otherFindings.map(
      (f) =>
        `• ${escapeMrkdwn(`${t(locale, 'report.severity', { severity: f.severity })} ${f.code}`)} — ${escapeMrkdwn(f.subject)}${locale === 'en' ? ': ' : '：'}${escapeMrkdwn(clipUnits(f.summary, MAX_FINDING_SUMMARY))}`,
    );
    if (message.moreFindings > 0)
      lines.push(t(locale, 'report.moreFindings', { count: message.moreFindings }));
    blocks.push(mrkdwnSection(`*${t(locale, 'report.alsoFound')}*\n${lines.join('\n')}`));
  }
  // Each proposal's button asks for an approval card (the press is decided by the approvals job, never here).
  blocks.push(...proposalBlocks(message.reportId, message.actions, locale));
  blocks.push(...linkButtons(message.links ?? []));
  blocks.push(context(escapeMrkdwn(message.footer)));
  // The notification text (push, screen readers, the fallback) is parsed as mrkdwn too: escaped like the blocks.
  return { text: clipUnits(escapeMrkdwn(message.notification), MAX_SECTION), blocks };
}

function followupBlocks(message: AiFollowupMessage): SlackMessage {
  const locale = message.locale ?? 'en';
  const lines = [
    `*${escapeMrkdwn(t(locale, 'report.aiFollowup', { model: message.model }))}* ${escapeMrkdwn(message.text)}`,
  ];
  if (message.rootCause)
    lines.push(`*${labelled(t(locale, 'report.rootCause'), locale)}* ${escapeMrkdwn(message.rootCause)}`);
  const blocks: SlackMessage['blocks'] = [mrkdwnSection(lines.join('\n'))];
  if (message.nextSteps.length > 0)
    blocks.push(bulletSection(t(locale, 'report.nextSteps'), message.nextSteps));
  blocks.push(context(escapeMrkdwn(message.footer)));
  return { text: clipUnits(escapeMrkdwn(message.notification), MAX_SECTION), blocks };
}

/** A plain answer: one section, escaped like every other text (a command's reply quotes cluster content). */
function textBlocks(message: TextMessage): SlackMessage {
  const text = clipUnits(escapeMrkdwn(message.text), MAX_SECTION);
  return { text, blocks: [mrkdwnSection(text)] };
}

/** A URL button's `url`: Block Kit allows 3,000 characters, and only web links are ever made one. */
const MAX_URL = 3000;

/**
 * The "Full report" button: a URL button (Slack opens the link; the block_actions it also sends carries no value,
 * so it is no press of ours and is ignored).
 */
export function reportLinkBlock(url: string | undefined, locale: Locale = 'en') {
  if (!url || url.length > MAX_URL || !/^https?:\/\//.test(url)) return [];
  return [
    {
      type: 'actions',
      elements: [
        {
          type: 'button',
          action_id: 'kr.report-link',
          text: { type: 'plain_text', text: t(locale, 'report.fullReport'), emoji: true },
          url,
        },
      ],
    },
  ];
}

function messageBlocks(message: ChatMessage): SlackMessage {
  if (message.type === 'report') return reportBlocks(message);
  if (message.type === 'digest') return digestBlocks(message);
  if (message.type === 'approval')
    return {
      text: escapedWithin(message.notification, MAX_SECTION),
      blocks: approvalBlocks(message),
    };
  return message.type === 'text' ? textBlocks(message) : followupBlocks(message);
}

export function toSlack(message: ChatMessage): SlackMessage {
  const slack = messageBlocks(message);
  const link = reportLinkBlock(message.reportUrl, messageLocale(message));
  return link.length > 0 ? { ...slack, blocks: [...slack.blocks, ...link] } : slack;
}
