// Which body Slack sent: Events API JSON or an interactivity form, by content type then `type`; types we do not
// handle are acknowledged unread; a body that is neither, or a known type with a bad field, is named.
import { describe, expect, it } from 'vitest';
import { parseSlackBody } from '../../lib/events/slack/index.ts';

const form = (payload: unknown) => `payload=${encodeURIComponent(JSON.stringify(payload))}`;
const press = {
  type: 'block_actions',
  user: { id: 'U0APPROVER' },
  container: { type: 'message', message_ts: '1700000100.000300', channel_id: 'C0KRONCALL' },
  actions: [{ action_id: 'kr.approve', value: 'kr1|approve|apr_1', action_ts: '1700000200.1' }],
};

describe('parseSlackBody', () => {
  it('reads url_verification, event_callback and block_actions', () => {
    expect(
      parseSlackBody(
        'application/json',
        JSON.stringify({ type: 'url_verification', challenge: 'c1', token: 't' }),
      ),
    ).toEqual({
      ok: true,
      kind: 'url_verification',
      body: { type: 'url_verification', challenge: 'c1' },
    });
    const event = {
      type: 'event_callback',
      event_id: 'Ev1',
      event: { type: 'app_mention', text: 'hi', unknown: { a: 1 } },
    };
    expect(parseSlackBody('application/json; charset=utf-8', JSON.stringify(event))).toMatchObject({
      ok: true,
      kind: 'event_callback',
    });
    expect(parseSlackBody('application/x-www-form-urlencoded', form(press))).toMatchObject({
      ok: true,
      kind: 'block_actions',
      body: { user: { id: 'U0APPROVER' } },
    });
  });

  it('acknowledges types it does not handle', () => {
    expect(parseSlackBody('application/json', '{"type":"app_rate_limited","minute_rate_limited":1}')).toEqual(
      {
        ok: true,
        kind: 'other',
        type: 'app_rate_limited',
      },
    );
    expect(parseSlackBody('application/x-www-form-urlencoded', form({ type: 'view_submission' }))).toEqual({
      ok: true,
      kind: 'other',
      type: 'view_submission',
    });
  });

  it('names what was expected for a body that is neither, and the field of a bad known type', () => {
    const expected = /expected an Events API body \(application\/json\) or an interactivity form/;
    expect(parseSlackBody('text/plain', 'hello')).toMatchObject({
      ok: false,
      error: expect.stringMatching(expected),
    });
    expect(parseSlackBody(undefined, '{}')).toMatchObject({
      ok: false,
      error: expect.stringContaining('without a content type'),
    });
    expect(parseSlackBody('application/json', 'not json')).toMatchObject({
      ok: false,
      error: expect.stringContaining('not valid JSON'),
    });
    expect(parseSlackBody('application/x-www-form-urlencoded', 'other=1')).toMatchObject({
      ok: false,
      error: expect.stringContaining('no payload field'),
    });
    expect(
      parseSlackBody('application/json', '{"type":"event_callback","event":{"type":"message"}}'),
    ).toEqual({
      ok: false,
      error: expect.stringMatching(/^invalid Slack event_callback: event_id: /),
    });
  });
});
