// The approval card a person reads before anything changes: what will happen, where, who asked, why and until when;
// Approve / Reject only while it is pending, each press parsing back to the same approval; after the decision who
// decided and the outcome. Hostile cluster text stays escaped and within every Slack and LINE limit.
import type { messagingApi } from '@line/bot-sdk';
import { describe, expect, it } from 'vitest';
import { messageErrors } from '../../infra/stack/line-messages.ts';
import { blockErrors } from '../../infra/stack/slack-blocks.ts';
import {
  type ApprovalMessage,
  type ApprovalState,
  LINE_LIMITS,
  PRESS_ACTION_IDS,
  parsePress,
  toLine,
  toLineShort,
  toSlack,
} from '../../lib/chat/index.ts';

const STATES: ApprovalState[] = ['pending', 'approved', 'rejected', 'expired', 'done', 'failed'];

const approval = (extra: Partial<ApprovalMessage> = {}): ApprovalMessage => ({
  type: 'approval',
  reportId: 'apr_7Qm2xK9',
  approvalId: 'apr_7Qm2xK9',
  state: 'pending',
  description: 'Restart Deployment store/checkout (rolling restart of its pods)',
  action: 'restart',
  target: { kind: 'Deployment', namespace: 'store', name: 'checkout' },
  cluster: 'prod',
  reason: 'checkout has 1 of 3 pods crash-looping',
  requestedBy: 'line:U0123',
  expiresAt: '2026-11-23T08:10:00.000Z',
  notification: 'Approval needed: Restart Deployment store/checkout',
  ...extra,
});

const decided = (state: ApprovalState) =>
  approval({
    state,
    ...(state === 'expired' ? {} : { decidedBy: 'slack:UAPPROVER' }),
    outcome: state === 'failed' ? 'the proxy refused: forbidden' : 'rollout: 3 of 3 pods ready',
  });

/** Every element of every actions block, and every section accessory. */
// biome-ignore lint/suspicious/noExplicitAny: Block Kit JSON
const slackButtons = (blocks: any[]) =>
  blocks.flatMap((b) => (b.type === 'actions' ? b.elements : b.accessory ? [b.accessory] : []));

/** The text of every text object of one type (`mrkdwn` or `plain_text`) in a Block Kit tree. */
function textObjects(node: unknown, type: string): string[] {
  if (Array.isArray(node)) return node.flatMap((child) => textObjects(child, type));
  if (!node || typeof node !== 'object') return [];
  const record = node as Record<string, unknown>;
  const own = record.type === type && typeof record.text === 'string' ? [record.text] : [];
  return [...own, ...Object.values(record).flatMap((value) => textObjects(value, type))];
}

// biome-ignore lint/suspicious/noExplicitAny: LINE message JSON
const confirmOf = (messages: messagingApi.Message[]): any =>
  messages.find((m) => m.type === 'template') as messagingApi.TemplateMessage | undefined;

describe('Slack approval card', () => {
  it('states exactly what will happen, and offers Approve (with a confirm dialog) and Reject while pending', () => {
    const slack = toSlack(approval({ text: 'checkout: 1 of 3 pods crash-looping' }));
    const json = JSON.stringify(slack.blocks);
    expect(slack.blocks[0].text.text).toBe('checkout: 1 of 3 pods crash-looping');
    expect(slack.blocks[1]).toMatchObject({ type: 'header', text: { text: '🟡 Approval needed' } });
    for (const part of [
      'Restart Deployment store/checkout (rolling restart of its pods)',
      '*Cluster*\\nprod',
      '*Namespace*\\nstore',
      '*Object*\\nDeployment checkout',
      '*Asked by*\\nline:U0123',
      '*Why:* checkout has 1 of 3 pods crash-looping',
      'Expires 2026-11-23 08:10:00 UTC',
    ])
      expect(json).toContain(part);
    expect(slack.text).toBe('Approval needed: Restart Deployment store/checkout');

    const [approve, reject] = slackButtons(slack.blocks);
    expect(slackButtons(slack.blocks)).toHaveLength(2);
    expect(approve).toMatchObject({ action_id: PRESS_ACTION_IDS.approve, style: 'primary' });
    expect(reject).toMatchObject({ action_id: PRESS_ACTION_IDS.reject, style: 'danger' });
    expect(parsePress(approve.value)).toEqual({ press: 'approve', approval: 'apr_7Qm2xK9' });
    expect(parsePress(reject.value)).toEqual({ press: 'reject', approval: 'apr_7Qm2xK9' });
    expect(approve.confirm.title.text).toBe('Approve this change?');
    expect(approve.confirm.text.text).toContain('Restart Deployment store/checkout');
    expect(approve.confirm.text.text).toContain('cluster prod');
    expect(approve.confirm).toMatchObject({ confirm: { text: 'Approve' }, deny: { text: 'Cancel' } });
    expect(blockErrors(slack.blocks)).toEqual([]);
  });

  it.each(STATES.filter((s) => s !== 'pending'))('%s: no buttons, who decided and the outcome', (state) => {
    const slack = toSlack(decided(state));
    expect(slackButtons(slack.blocks)).toEqual([]);
    const last = slack.blocks.at(-1);
    expect(last.type).toBe('context');
    const line = last.elements[0].text as string;
    expect(line).toContain(
      state === 'failed' ? 'the proxy refused: forbidden' : 'rollout: 3 of 3 pods ready',
    );
    if (state === 'expired') expect(line).not.toContain('Decided by');
    else expect(line).toContain('Decided by slack:UAPPROVER');
    expect(JSON.stringify(slack.blocks)).toContain('Restart Deployment store/checkout');
    expect(blockErrors(slack.blocks)).toEqual([]);
  });

  it('keeps hostile cluster text escaped, free of control characters and within every Block Kit limit', () => {
    const hostile = `<!here> *bold* <https://evil.example|click> & \u001b[2J\u0007${'n'.repeat(5000)}`;
    const slack = toSlack(
      approval({
        text: hostile,
        description: `Restart Deployment store/${hostile}`,
        target: { kind: 'Deployment', namespace: hostile, name: hostile },
        cluster: hostile,
        reason: hostile,
        requestedBy: hostile,
        notification: hostile,
      }),
    );
    const json = JSON.stringify(slack);
    // mrkdwn (and the notification) is parsed by Slack: escaped. plain_text (buttons, the dialog) is shown as it is.
    const parsed = [slack.text, ...textObjects(slack.blocks, 'mrkdwn')].join('\n');
    expect(parsed.includes('<!here>')).toBe(false);
    expect(parsed.includes('<https://evil.example')).toBe(false);
    expect(parsed.includes('&lt;!here&gt;')).toBe(true);
    expect(textObjects(slack.blocks, 'mrkdwn').every((t) => t.length <= 3000)).toBe(true);
    expect(
      JSON.parse(json)
        .blocks.map((b: unknown) => JSON.stringify(b))
        .join(''),
    ).not.toMatch(/\\u001b|\\u0007/);
    expect(blockErrors(slack.blocks)).toEqual([]);
    expect(slack.text.length).toBeLessThanOrEqual(3000);
    // No entity cut in half by a clip.
    expect(json).not.toMatch(/&(?:a|am|amp|l|lt|g|gt)?…/);
    const [approve] = slackButtons(slack.blocks);
    expect(parsePress(approve.value)).toEqual({ press: 'approve', approval: 'apr_7Qm2xK9' });
  });
});

describe('LINE approval card', () => {
  it('is the card as text then, while pending, a confirm template whose two postbacks parse back', () => {
    const messages = toLine(approval({ text: 'checkout: 1 of 3 pods crash-looping' }));
    expect(messages).toHaveLength(2);
    const [text] = messages as messagingApi.TextMessage[];
    expect(text!.text.split('\n')).toEqual([
      'checkout: 1 of 3 pods crash-looping',
      'Approval needed: Restart Deployment store/checkout (rolling restart of its pods)',
      'Cluster prod · namespace store · Deployment checkout',
      'Asked by line:U0123 — checkout has 1 of 3 pods crash-looping',
      'Expires 2026-11-23 08:10:00 UTC; only an approver can approve.',
    ]);
    const confirm = confirmOf(messages);
    expect(confirm.altText).toBe(
      'Approval needed: Restart Deployment store/checkout (rolling restart of its pods)',
    );
    expect(confirm.template.type).toBe('confirm');
    expect(confirm.template.text).toBe(
      'Approve: Restart Deployment store/checkout (rolling restart of its pods)?',
    );
    const [yes, no] = confirm.template.actions;
    expect(confirm.template.actions).toHaveLength(2);
    expect(yes).toMatchObject({ type: 'postback', label: 'Approve', displayText: 'Approve' });
    expect(no).toMatchObject({ type: 'postback', label: 'Reject', displayText: 'Reject' });
    expect(parsePress(yes.data)).toEqual({ press: 'approve', approval: 'apr_7Qm2xK9' });
    expect(parsePress(no.data)).toEqual({ press: 'reject', approval: 'apr_7Qm2xK9' });
    expect(messageErrors(messages)).toEqual([]);
  });

  it.each(STATES.filter((s) => s !== 'pending'))(
    '%s: only the text, with who decided and the outcome',
    (state) => {
      const messages = toLine(decided(state));
      expect(messages.map((m) => m.type)).toEqual(['text']);
      const { text } = messages[0] as messagingApi.TextMessage;
      expect(text).toContain(
        state === 'failed' ? 'the proxy refused: forbidden' : 'rollout: 3 of 3 pods ready',
      );
      expect(text.includes('By slack:UAPPROVER')).toBe(state !== 'expired');
      expect(messageErrors(messages)).toEqual([]);
    },
  );

  it('the short form keeps the confirm template while pending (two messages at most)', () => {
    const short = toLineShort(approval(), 'Update: ');
    expect(short.map((m) => m.type)).toEqual(['text', 'template']);
    expect((short[0] as messagingApi.TextMessage).text.startsWith('Update: Approval needed:')).toBe(true);
    expect(messageErrors(short)).toEqual([]);
    expect(toLineShort(decided('done')).map((m) => m.type)).toEqual(['text']);
  });

  it('keeps hostile cluster text free of control characters and within every LINE limit', () => {
    const hostile = `<!here> \u001b]52;c;ZXZpbA==\u0007\u202eevil ${'漢🍎'.repeat(3000)}`;
    const messages = toLine(
      approval({
        text: hostile,
        description: `Restart Deployment store/${hostile}`,
        target: { kind: 'Deployment', namespace: hostile, name: hostile },
        reason: hostile,
        requestedBy: hostile,
      }),
    );
    expect(messages.length).toBeLessThanOrEqual(LINE_LIMITS.messagesPerCall);
    const confirm = confirmOf(messages);
    expect(confirm.template.text.length).toBeLessThanOrEqual(LINE_LIMITS.confirmTextUnits);
    expect(confirm.template.text.endsWith('?')).toBe(true);
    expect(confirm.altText.length).toBeLessThanOrEqual(LINE_LIMITS.templateAltTextUnits);
    const text = (messages[0] as messagingApi.TextMessage).text;
    expect(text.length).toBeLessThanOrEqual(LINE_LIMITS.textUnits);
    expect(JSON.stringify(messages)).not.toMatch(/\\u001b|\\u0007|\u202e/);
    expect(messageErrors(messages)).toEqual([]);
  });
});
