// Renders Block Kit as the plain text a person would read: the dev log, the demo and test failure messages.

import type { ChatMessage } from '../message.ts';
import { toSlack } from './blocks.ts';

// biome-ignore lint/suspicious/noExplicitAny: Block Kit JSON as posted
type Block = any;

/** mrkdwn as Slack displays it: entities decoded, *bold* markers gone. */
const decodeEntities = (text: string) =>
  text
    .replace(/\*([^*\n]+)\*/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** `[Approve]`, or `[Full report] https://…` for a link button (what a person would open). */
const buttonText = (element: Block) =>
  `[${element.text?.text ?? ''}]${typeof element.url === 'string' ? ` ${element.url}` : ''}`;

export function slackMessageAsText(blocks: Block[]): string {
  const lines: string[] = [];
  for (const block of blocks) {
    if (block.type === 'header')
      lines.push(`  ${block.text.text}`, `  ${'─'.repeat(Math.min(60, block.text.text.length))}`);
    else if (block.type === 'section') {
      if (block.fields)
        lines.push(
          `  ${block.fields.map((f: Block) => decodeEntities(f.text).replace('\n', ': ')).join('   ')}`,
        );
      if (block.text)
        lines.push(
          ...decodeEntities(block.text.text)
            .split('\n')
            .map((l: string) => `  ${l}`),
        );
      if (block.accessory?.type === 'button') lines.push(`  ${buttonText(block.accessory)}`);
    } else if (block.type === 'context') {
      lines.push(`  ${block.elements.map((e: Block) => decodeEntities(e.text ?? '')).join(' ')}`);
    } else if (block.type === 'actions') {
      lines.push(`  ${block.elements.map(buttonText).join(' ')}`);
    }
    lines.push('');
  }
  return lines.join('\n').trimEnd();
}

/** Any chat message as the text a person would read in Slack. */
export const chatMessageAsText = (message: ChatMessage): string =>
  slackMessageAsText(toSlack(message).blocks);
