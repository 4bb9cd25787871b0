// A plain text answer in both chats: Slack gets one escaped section (cluster text can never @channel), LINE one
// text message clipped to its 5,000 UTF-16 units without splitting a surrogate pair.
import { describe, expect, it } from 'vitest';
import { LINE_LIMITS, textMessage, toLine, toLineShort, toSlack } from '../../lib/chat/index.ts';

describe('text messages', () => {
  it('Slack: one mrkdwn section, escaped, with the same text as fallback', () => {
    const slack = toSlack(textMessage('line-1', 'NAME  STATUS\n<!channel> payment & co'));
    expect(slack.text).toBe('NAME  STATUS\n&lt;!channel&gt; payment &amp; co');
    expect(slack.blocks).toEqual([{ type: 'section', text: { type: 'mrkdwn', text: slack.text } }]);
  });

  it('LINE: one text message, control characters removed, clipped to 5,000 units', () => {
    expect(toLine(textMessage('line-1', 'ok\x1b[2J\nnext'))).toEqual([{ type: 'text', text: 'ok\nnext' }]);
    const long = `${'a'.repeat(4998)}😀😀`;
    const [clipped] = toLine(textMessage('line-2', long)) as { type: 'text'; text: string }[];
    expect(clipped!.text.length).toBeLessThanOrEqual(LINE_LIMITS.textUnits);
    expect(clipped!.text.endsWith('…')).toBe(true);
    expect(clipped!.text).not.toMatch(/[\ud800-\udbff]…$/);
    // The short form (LINE's quota may be spent) keeps the whole answer: it is already phone-sized.
    expect(toLineShort(textMessage('line-3', 'pods'), 'Update: ')).toEqual([
      { type: 'text', text: 'Update: pods' },
    ]);
  });
});
