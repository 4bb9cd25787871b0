// Slack button presses to jobs: Approve/Reject → execute-action on the card's channel + ts, the alert report's
// button → a proposing chat turn in the report's thread; foreign, forged and oversized values are no job; a doubled
// delivery is one job id, a second press another.
import { describe, expect, it } from 'vitest';
import { encodePress, PRESS_ACTION_IDS } from '../../lib/chat/index.ts';
import {
  SlackBlockActions as Schema,
  type SlackBlockActions,
  slackPressJobs,
} from '../../lib/events/slack/index.ts';

const options = { cluster: 'demo', now: new Date('2026-11-23T10:00:00Z') };
const approver = 'U0APPROVER';

const payload = (
  actions: SlackBlockActions['actions'],
  over: Partial<SlackBlockActions> = {},
): SlackBlockActions =>
  Schema.parse({
    type: 'block_actions',
    user: { id: approver, username: 'ana', team_id: 'T0FAKETEAM' },
    api_app_id: 'A0FAKEAPP',
    container: {
      type: 'message',
      message_ts: '1700000100.000300',
      channel_id: 'C0KRONCALL',
      is_ephemeral: false,
    },
    channel: { id: 'C0KRONCALL', name: 'oncall' },
    message: { ts: '1700000100.000300', thread_ts: '1700000000.000100', text: 'Approve?' },
    response_url: 'https://hooks.slack.com/actions/T/1/x',
    actions,
    ...over,
  });

const approve = (approval = 'apr_3f9c2e1d', action_ts = '1700000200.123456') => ({
  type: 'button',
  action_id: PRESS_ACTION_IDS.approve,
  block_id: 'kr.approval',
  value: encodePress({ press: 'approve', approval }),
  action_ts,
});

describe('slackPressJobs', () => {
  it('makes Approve an execute-action job on the pressed card, as the presser', async () => {
    const [job, ...rest] = await slackPressJobs(payload([approve()]), options);
    expect(rest).toEqual([]);
    expect(job).toEqual({
      v: 1,
      kind: 'execute-action',
      id: expect.stringMatching(/^slack-act-[0-9a-f]{32}$/),
      createdAt: '2026-11-23T10:00:00.000Z',
      cluster: 'demo',
      approvalId: 'apr_3f9c2e1d',
      decision: 'approve',
      by: { channel: 'slack', id: approver },
      card: { channel: 'slack', to: 'C0KRONCALL', id: '1700000100.000300', thread: '1700000000.000100' },
      replyTo: [{ channel: 'slack', to: 'C0KRONCALL', thread: '1700000000.000100' }],
    });
  });

  it('makes Reject a reject decision, and a top-level card’s outcome goes in a thread under it', async () => {
    const reject = {
      ...approve(),
      action_id: PRESS_ACTION_IDS.reject,
      value: encodePress({ press: 'reject', approval: 'apr_1' }),
    };
    const [job] = await slackPressJobs(payload([reject], { message: { ts: '1700000100.000300' } }), options);
    expect(job).toMatchObject({ kind: 'execute-action', decision: 'reject', approvalId: 'apr_1' });
    expect(job?.kind === 'execute-action' && job.card).toEqual({
      channel: 'slack',
      to: 'C0KRONCALL',
      id: '1700000100.000300',
    });
    expect(job?.replyTo).toEqual([{ channel: 'slack', to: 'C0KRONCALL', thread: '1700000100.000300' }]);
  });

  it('makes the alert report’s button a chat turn proposing that report’s proposal in the report’s thread', async () => {
    const propose = {
      ...approve(),
      action_id: PRESS_ACTION_IDS.propose,
      value: encodePress({ press: 'propose', report: 'am-5f0c8a7d-b1426c22', proposal: 'p1' }),
    };
    const [job] = await slackPressJobs(payload([propose], { message: { ts: '1700000100.000300' } }), options);
    expect(job).toMatchObject({
      kind: 'chat-turn',
      conversation: 'slack:C0KRONCALL:1700000100.000300',
      user: { channel: 'slack', id: approver },
      press: { report: 'am-5f0c8a7d-b1426c22', proposal: 'p1' },
      replyTo: [{ channel: 'slack', to: 'C0KRONCALL', thread: '1700000100.000300' }],
    });
  });

  it('is one job for a doubled delivery, another for a second press or another person', async () => {
    const id = async (p: SlackBlockActions) => (await slackPressJobs(p, options))[0]?.id;
    const first = await id(payload([approve()]));
    expect(await id(payload([approve()]))).toBe(first);
    expect(await id(payload([approve('apr_3f9c2e1d', '1700000201.000001')]))).not.toBe(first);
    expect(await id(payload([approve()], { user: { id: 'U0SOMEONE' } }))).not.toBe(first);
  });

  it('ignores foreign, forged and oversized values, a mismatched action_id, and a modal’s buttons', async () => {
    const forged = [
      { ...approve(), value: 'restart deployment/checkout' },
      { ...approve(), value: 'kr1|approve|../../etc' },
      { ...approve(), value: 'kr1|approve|a|b' },
      { ...approve(), value: `kr1|approve|${'a'.repeat(400)}` },
      { ...approve(), value: 'kr2|approve|apr_1' },
      { ...approve(), value: undefined },
      { ...approve(), action_id: 'kr.reject' },
      { ...approve(), action_id: 'open_report' },
    ];
    expect(await slackPressJobs(payload(forged), options)).toEqual([]);
    const modal = payload([approve()], { container: { type: 'view' }, message: undefined });
    expect(await slackPressJobs(modal, options)).toEqual([]);
  });
});
