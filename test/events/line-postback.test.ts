// LINE postbacks to jobs: an approval card's Approve/Reject becomes an execute-action job named by the event (a
// redelivery is the same job) acting as the presser; an alert bubble's button a chat turn with its press; data
// that is not a press of ours, or a presser LINE does not name, is ignored.
import { describe, expect, it } from 'vitest';
import { encodePress } from '../../lib/chat/index.ts';
import { type LineEvent, LineWebhook, linePostback } from '../../lib/events/line/index.ts';
import { ExecuteActionJob } from '../../lib/jobs/index.ts';

const options = { cluster: 'demo', now: new Date('2026-11-23T10:00:00Z') };
const user = `U${'0123456789abcdef'.repeat(2)}`;

const postback = (data: string, over: Partial<LineEvent> = {}): LineEvent =>
  LineWebhook.parse({
    destination: 'Ubot',
    events: [
      {
        type: 'postback',
        webhookEventId: '01JPOSTBACK',
        deliveryContext: { isRedelivery: false },
        timestamp: 1_700_000_000_000,
        source: { type: 'user', userId: user },
        replyToken: 'rt1',
        postback: { data },
        ...over,
      },
    ],
  }).events[0] as LineEvent;

describe('linePostback', () => {
  it('an Approve press is an execute-action job acting as the presser', () => {
    const job = linePostback(postback(encodePress({ press: 'approve', approval: 'abc_DEF-123' })), options);
    expect(job).toEqual({
      v: 1,
      kind: 'execute-action',
      id: 'line-01JPOSTBACK',
      createdAt: '2026-11-23T10:00:00.000Z',
      cluster: 'demo',
      approvalId: 'abc_DEF-123',
      decision: 'approve',
      by: { channel: 'line', id: user },
      replyTo: [{ channel: 'line', to: user, replyToken: 'rt1', receivedAt: 1_700_000_000_000 }],
    });
    expect(ExecuteActionJob.parse(job)).toEqual(job);
  });

  it('a Reject press rejects; a propose press is a chat turn with the press', () => {
    expect(linePostback(postback('kr1|reject|abc'), options)).toMatchObject({ decision: 'reject' });
    expect(linePostback(postback('kr1|propose|rep-1|p1'), options)).toMatchObject({
      kind: 'chat-turn',
      conversation: `line:user:${user}`,
      press: { report: 'rep-1', proposal: 'p1' },
    });
  });

  it.each([
    '',
    'hello',
    'kr1|approve',
    'kr1|approve|a|b',
    'kr2|approve|abc',
    'kr1|delete|abc',
    'kr1|approve|a b',
  ])('ignores data %j that is no press', (data) => {
    expect(linePostback(postback(data), options)).toBeUndefined();
  });

  it('ignores a press in a group whose presser LINE does not name', () => {
    expect(
      linePostback(postback('kr1|approve|abc', { source: { type: 'group', groupId: 'Cgroup' } }), options),
    ).toBeUndefined();
  });
});
