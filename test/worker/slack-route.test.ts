// The Slack route inside workerd: the signature is checked before anything is read (forged, missing, stale → 401),
// Slack's URL check is answered, presses and events are acked with an empty 200 or, when the queue cannot take the
// job (nothing listens at QSTASH_URL here), 503 so Slack retries or the person sees it failed.
import { SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { encodePress, PRESS_ACTION_IDS } from '../../lib/chat/index.ts';
import { hmacSha256Hex } from '../../lib/security/index.ts';
import { TEST_SLACK_SIGNING_SECRET } from './bindings.ts';

const JSON_TYPE = 'application/json';
const FORM_TYPE = 'application/x-www-form-urlencoded';

async function signed(body: string, timestamp = Math.floor(Date.now() / 1000)) {
  const signature = `v0=${await hmacSha256Hex(TEST_SLACK_SIGNING_SECRET, `v0:${timestamp}:${body}`)}`;
  return { 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': signature };
}

const post = (body: string, contentType: string, headers: Record<string, string>) =>
  SELF.fetch('https://responder.test/events/slack', {
    method: 'POST',
    headers: { 'content-type': contentType, ...headers },
    body,
  });

const mention = JSON.stringify({
  type: 'event_callback',
  event_id: 'Ev0WORKERTEST',
  authorizations: [{ user_id: 'U0FAKEBOT', is_bot: true }],
  event: {
    type: 'app_mention',
    user: 'U0PERSON',
    text: '<@U0FAKEBOT> /pods shop',
    ts: '1700000000.000100',
    channel: 'C0KRONCALL',
  },
});
const pressForm = (value: string, action_id: string = PRESS_ACTION_IDS.approve) =>
  `payload=${encodeURIComponent(
    JSON.stringify({
      type: 'block_actions',
      user: { id: 'U0APPROVER' },
      container: { type: 'message', message_ts: '1700000100.000300', channel_id: 'C0KRONCALL' },
      actions: [{ type: 'button', action_id, value, action_ts: '1700000200.000001' }],
    }),
  )}`;

describe('POST /events/slack', () => {
  it('refuses a forged, missing or stale signature with 401 before reading the body', async () => {
    const forged = await signed(`${mention} `);
    expect((await post(mention, JSON_TYPE, forged)).status).toBe(401);
    expect((await post(mention, JSON_TYPE, {})).status).toBe(401);
    const stale = await signed(mention, Math.floor(Date.now() / 1000) - 6 * 60);
    const answer = await post(mention, JSON_TYPE, stale);
    expect(answer.status).toBe(401);
    expect(await answer.json()).toEqual({
      error: 'X-Slack-Request-Timestamp is more than 5 minutes from our clock',
    });
    // Not even a malformed body is looked at without a valid signature.
    expect((await post('not json', JSON_TYPE, { 'x-slack-signature': 'v0=00' })).status).toBe(401);
  });

  it('answers url_verification with the challenge as plain text', async () => {
    const body = JSON.stringify({
      token: 'legacy',
      challenge: '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P',
      type: 'url_verification',
    });
    const answer = await post(body, JSON_TYPE, await signed(body));
    expect(answer.status).toBe(200);
    expect(await answer.text()).toBe('3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P');
  });

  it('acks the bot’s own messages, other events and foreign buttons with an empty 200', async () => {
    const own = JSON.stringify({
      type: 'event_callback',
      event_id: 'Ev0OWN',
      event: {
        type: 'message',
        subtype: 'bot_message',
        bot_id: 'B0FAKEBOT',
        channel_type: 'im',
        ts: '1.2',
        channel: 'D0X',
      },
    });
    const ownAnswer = await post(own, JSON_TYPE, await signed(own));
    expect(ownAnswer.status).toBe(200);
    expect(await ownAnswer.text()).toBe('');
    for (const form of [pressForm('open-report'), pressForm('kr1|approve|apr_1', 'kr.reject')]) {
      const answer = await post(form, FORM_TYPE, await signed(form));
      expect(answer.status).toBe(200);
      expect(await answer.text()).toBe('');
    }
    const modal = `payload=${encodeURIComponent(JSON.stringify({ type: 'view_submission', view: {} }))}`;
    expect((await post(modal, FORM_TYPE, await signed(modal))).status).toBe(200);
  });

  it('answers 503 when a mention or an approval press could not be queued', async () => {
    expect((await post(mention, JSON_TYPE, await signed(mention))).status).toBe(503);
    const form = pressForm(encodePress({ press: 'approve', approval: 'apr_1' }));
    expect((await post(form, FORM_TYPE, await signed(form))).status).toBe(503);
  });

  it('names what was expected for a signed body that is neither', async () => {
    const answer = await post('hello', 'text/plain', await signed('hello'));
    expect(answer.status).toBe(400);
    expect(((await answer.json()) as { error: string }).error).toContain(
      'expected an Events API body (application/json)',
    );
  });
});
