// The health digest in Block Kit: a header, the figures as fields, one section per list (new, ongoing, resolved)
// and the report id; all clear is a single section. Cluster text escaped and clipped like every other message.
import { type DigestMessage, type DigestSection, digestItemLine } from '../message.ts';
import { clip, escapeMrkdwn } from './text.ts';

const MAX_SECTION = 3000;
const MAX_HEADER = 150;
const MAX_LINE = 300;

const mrkdwn = (text: string) => ({
  type: 'section',
  text: { type: 'mrkdwn', text: clip(text, MAX_SECTION) },
});

function listSection(title: string, { items, more }: DigestSection) {
  const lines = items.map((item) => `• ${escapeMrkdwn(clip(digestItemLine(item), MAX_LINE))}`);
  if (more > 0) lines.push(`…and ${more} more`);
  return mrkdwn(`*${title} (${items.length + more})*\n${lines.join('\n')}`);
}

// biome-ignore lint/suspicious/noExplicitAny: Block Kit JSON; the Slack API validates it
export function digestBlocks(message: DigestMessage): { text: string; blocks: any[] } {
  const text = clip(escapeMrkdwn(message.notification), MAX_SECTION);
  if (message.allClear) return { text, blocks: [mrkdwn(escapeMrkdwn(message.allClearLine))] };
  const blocks = [
    { type: 'header', text: { type: 'plain_text', text: clip(message.title, MAX_HEADER), emoji: true } },
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
