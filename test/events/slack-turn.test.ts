// Slack events to chat turns: a mention answered in the thread of the message that asked (the bot's mention cut
// out), a DM answered in the DM, bots' messages and subtypes never; the job id is the event's, so a retry is the
// same job.
import { describe, expect, it } from 'vitest';
import { type SlackEventCallback, slackTurn, withoutBotMentions } from '../../lib/events/slack/index.ts';

const options = { cluster: 'demo', now: new Date('2026-11-23T10:00:00Z') };
const bot = 'U0FAKEBOT';
const person = 'U07PERSON1';

const callback = (event: Partial<SlackEventCallback['event']>, over: Partial<SlackEventCallback> = {}) =>
  ({
    type: 'event_callback',
    event_id: 'Ev08MFMKH6J3',
    api_app_id: 'A0FAKEAPP',
    authorizations: [{ user_id: bot, is_bot: true }],
    event: {
      type: 'app_mention',
      user: person,
      text: `<@${bot}> /pods shop`,
      ts: '1700000000.000100',
      channel: 'C0KRONCALL',
      ...event,
    },
    ...over,
  }) as SlackEventCallback;

describe('slackTurn', () => {
  it('makes a channel mention a turn answered in a new thread under it', () => {
    expect(slackTurn(callback({}), options)).toEqual({
      v: 1,
      kind: 'chat-turn',
      id: 'slack-Ev08MFMKH6J3',
      createdAt: '2026-11-23T10:00:00.000Z',
      cluster: 'demo',
      conversation: 'slack:C0KRONCALL:1700000000.000100',
      user: { channel: 'slack', id: person },
      text: '/pods shop',
      replyTo: [{ channel: 'slack', to: 'C0KRONCALL', thread: '1700000000.000100' }],
    });
  });

  it('answers a mention inside a thread in that thread, with that thread’s memory', () => {
    const turn = slackTurn(callback({ ts: '1700000050.000200', thread_ts: '1700000000.000100' }), options);
    expect(turn?.conversation).toBe('slack:C0KRONCALL:1700000000.000100');
    expect(turn?.replyTo).toEqual([{ channel: 'slack', to: 'C0KRONCALL', thread: '1700000000.000100' }]);
  });

  it('makes a DM one conversation, answered in the DM, threaded only where the person threaded', () => {
    const dm = { type: 'message', channel_type: 'im', channel: 'D0DIRECT1', text: 'pods shop' };
    const plain = slackTurn(callback(dm), options);
    expect(plain).toMatchObject({ conversation: 'slack:D0DIRECT1', text: 'pods shop' });
    expect(plain?.replyTo).toEqual([{ channel: 'slack', to: 'D0DIRECT1' }]);
    const threaded = slackTurn(callback({ ...dm, thread_ts: '1699999999.000001' }), options);
    expect(threaded?.conversation).toBe('slack:D0DIRECT1');
    expect(threaded?.replyTo).toEqual([{ channel: 'slack', to: 'D0DIRECT1', thread: '1699999999.000001' }]);
  });

  it('ignores bots’ messages, every subtype, channel messages and other events', () => {
    expect(slackTurn(callback({ bot_id: 'B0FAKEBOT' }), options)).toBeUndefined();
    const dm = { type: 'message', channel_type: 'im', channel: 'D0DIRECT1' };
    expect(
      slackTurn(callback({ ...dm, subtype: 'bot_message', bot_id: 'B0FAKEBOT' }), options),
    ).toBeUndefined();
    expect(slackTurn(callback({ ...dm, subtype: 'message_changed' }), options)).toBeUndefined();
    expect(slackTurn(callback({ ...dm, subtype: 'channel_join' }), options)).toBeUndefined();
    // The same mention also arrives as a channel `message` when the app subscribes to message.channels: once only.
    expect(slackTurn(callback({ type: 'message', channel_type: 'channel' }), options)).toBeUndefined();
    expect(slackTurn(callback({ type: 'reaction_added' }), options)).toBeUndefined();
    expect(slackTurn(callback({ user: undefined }), options)).toBeUndefined();
  });

  it('is the same job on a retried delivery (same event_id), another for another event', () => {
    expect(slackTurn(callback({}), options)?.id).toBe(slackTurn(callback({}), options)?.id);
    expect(slackTurn(callback({}, { event_id: 'Ev0OTHER' }), options)?.id).toBe('slack-Ev0OTHER');
  });
});

describe('withoutBotMentions', () => {
  const bots = new Set([bot]);
  it('cuts the bot’s mentions anywhere, keeps other people’s, and unescapes Slack’s &amp; &lt; &gt;', () => {
    expect(withoutBotMentions(`<@${bot}>  /logs api --grep a&gt;b&amp;c`, bots, true)).toBe(
      '/logs api --grep a>b&c',
    );
    expect(withoutBotMentions(`hey <@${bot}|kube-responder> ask <@U0ALICE>`, bots, true)).toBe(
      'hey ask <@U0ALICE>',
    );
  });
  it('takes the leading mention as the bot’s when Slack names no bot user', () => {
    expect(withoutBotMentions('<@U0SOMEBOT> /pods', new Set(), true)).toBe('/pods');
    expect(withoutBotMentions('<@U0ALICE> /pods', new Set(), false)).toBe('<@U0ALICE> /pods');
    expect(
      slackTurn(callback({ text: '<@U0BOTX> /events shop' }, { authorizations: undefined }), options)?.text,
    ).toBe('/events shop');
  });
});
