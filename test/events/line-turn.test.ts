// LINE webhook events to chat turns: one-on-one text always, groups and rooms only when the bot is mentioned
// (the mention cut out), other events never; the job id is the event's, so a redelivery is the same job.
import { describe, expect, it } from 'vitest';
import { type LineEvent, LineWebhook, lineTurn } from '../../lib/events/line/index.ts';

const options = { cluster: 'demo', now: new Date('2026-11-23T10:00:00Z') };
const user = `U${'0123456789abcdef'.repeat(2)}`;
const group = `C${'0123456789abcdef'.repeat(2)}`;

const event = (over: Partial<LineEvent> = {}): LineEvent => ({
  type: 'message',
  webhookEventId: '01JABCDEF',
  deliveryContext: { isRedelivery: false },
  timestamp: 1_700_000_000_000,
  source: { type: 'user', userId: user },
  replyToken: 'rt1',
  message: { type: 'text', text: '/pods shop' },
  ...over,
});

describe('lineTurn', () => {
  it('makes a one-on-one text a chat turn answered with the reply token', () => {
    expect(lineTurn(event(), options)).toEqual({
      v: 1,
      kind: 'chat-turn',
      id: 'line-01JABCDEF',
      createdAt: '2026-11-23T10:00:00.000Z',
      cluster: 'demo',
      conversation: `line:user:${user}`,
      user: { channel: 'line', id: user },
      text: '/pods shop',
      replyTo: [{ channel: 'line', to: user, replyToken: 'rt1', receivedAt: 1_700_000_000_000 }],
    });
  });

  it('takes a group message only when it mentions the bot, without the mention', () => {
    const source = { type: 'group' as const, groupId: group, userId: user };
    expect(lineTurn(event({ source }), options)).toBeUndefined();
    const someoneElse = { mentionees: [{ index: 0, length: 6, isSelf: false }] };
    expect(
      lineTurn(
        event({ source, message: { type: 'text', text: '@alice /pods', mention: someoneElse } }),
        options,
      ),
    ).toBeUndefined();
    const mentioned = lineTurn(
      event({
        source,
        message: {
          type: 'text',
          text: '@kube-responder /pods shop',
          mention: { mentionees: [{ index: 0, length: 15, isSelf: true }] },
        },
      }),
      options,
    );
    expect(mentioned).toMatchObject({
      conversation: `line:group:${group}`,
      text: '/pods shop',
      user: { channel: 'line', id: user },
      replyTo: [{ channel: 'line', to: group }],
    });
  });

  it('ignores events that are not text messages', () => {
    expect(lineTurn(event({ type: 'follow', message: undefined }), options)).toBeUndefined();
    expect(lineTurn(event({ message: { type: 'sticker' } }), options)).toBeUndefined();
  });

  it('parses LINE’s verify body and an event type it does not know', () => {
    expect(LineWebhook.parse({ destination: 'U1', events: [] }).events).toEqual([]);
    const parsed = LineWebhook.parse({
      destination: 'U1',
      events: [{ type: 'membered', webhookEventId: '01JX', timestamp: 1, mode: 'active', extra: {} }],
    });
    expect(parsed.events[0]?.type).toBe('membered');
  });
});
