// The health digest in Block Kit: a header, the figures as fields, one section per list (new, ongoing, resolved)
// and the report id; all clear is a single section. Cluster text escaped and clipped like every other message.
import { type DigestMessage, type DigestSection, digestItemLine } from '../digest-message.ts';
import { clipUnits } from '../text.ts';
import { escapeMrkdwn, mrkdwnSection, SLACK_BLOCK_LIMITS } from './text.ts';

const MAX_SECTION = SLACK_BLOCK_LIMITS.section;
const MAX_HEADER = SLACK_BLOCK_LIMITS.header;
const MAX_LINE = SLACK_BLOCK_LIMITS.line;

function listSection(title: string, { items, more }: DigestSection) {
  const lines = items.map((item) => `• ${escapeMrkdwn(clipUnits(digestItemLine(item), MAX_LINE))}`);
  if (more > 0) lines.push(`…and ${more} more`);
  return mrkdwnSection(`*${title} (${items.length + more})*\n${lines.join('\n')}`);
}

// biome-ignore lint/suspicious/noExplicitAny: Block Kit JSON; the Slack API validates it
export function digestBlocks(message: DigestMessage): { text: string; blocks: any[] } {
  const text = clipUnits(escapeMrkdwn(message.notification), MAX_SECTION);
  if (message.allClear) return { text, blocks: [mrkdwnSection(escapeMrkdwn(message.allClearLine))] };
  const blocks = [
    { type: 'header', text: { type: 'plain_text', text: clipUnits(message.title, MAX_HEADER), emoji: true } },
    {
      type: 'section',
      fields: message.figures.map((field) => ({
        type: 'mrkdwn',
        text: `*${escapeMrkdwn(field.label)}*\n${escapeMrkdwn(field.value)}`,
      })),
    },
    ...(message.newProblems.items.length > 0 ? [listSection('New', message.newProblems)] : []),
    ...(message.ongoing.items.length > 0 ? [listSection('Ongoing', message.ongoing)] : []),
    ...(message.resolved.items.length > 0 ? [listSection('Resolved', message.resolved)] : []),
    { type: 'context', elements: [{ type: 'mrkdwn', text: escapeMrkdwn(message.footer) }] },
  ];
  return { text, blocks };
}
