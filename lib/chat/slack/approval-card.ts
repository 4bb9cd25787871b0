// The Slack approval card: exactly what Approve will do (action, object, namespace, cluster), who asked, why and
// until when; Approve and Reject while it is pending, and after the decision who decided and what came of it.
import { translator } from '../../i18n/index.ts';
import { type ApprovalMessage, approvalExpiry, approvalHeading, approvalIcon } from '../approval-message.ts';
import { describeObject } from '../message.ts';
import { pressButton } from './buttons.ts';
import { escapedWithin, plainWithin, SLACK_BLOCK_LIMITS } from './text.ts';

const MAX_HEADER = SLACK_BLOCK_LIMITS.header;
/** Every value is cluster text; a field holds 2,000 characters, a section 3,000, after escaping. */
const MAX_FIELD = 1000;
const MAX_SECTION = SLACK_BLOCK_LIMITS.section;

// verbatim: Slack must not turn a bare `@here` or a channel name in cluster text into a mention or a link.
const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text, verbatim: true } });
const field = (label: string, value: string) => ({
  type: 'mrkdwn',
  text: `*${label}*\n${escapedWithin(value, MAX_FIELD)}`,
  verbatim: true,
});
const context = (text: string) => ({ type: 'context', elements: [{ type: 'mrkdwn', text, verbatim: true }] });

function decisionButtons(message: ApprovalMessage) {
  const t = translator(message.locale ?? 'en');
  const what = plainWithin(message.description, 200);
  return {
    type: 'actions',
    block_id: 'kr.approval',
    elements: [
      pressButton({
        press: { press: 'approve', approval: message.approvalId },
        text: t('approval.approve'),
        style: 'primary',
        accessibilityLabel: t('approval.approveLabel'),
        confirm: {
          title: t('approval.confirmTitle'),
          text: t('approval.confirmText', { what, cluster: plainWithin(message.cluster, 60) }),
          confirm: t('approval.approve'),
          deny: t('approval.cancel'),
          style: 'primary',
        },
      }),
      pressButton({
        press: { press: 'reject', approval: message.approvalId },
        text: t('approval.reject'),
        style: 'danger',
        accessibilityLabel: t('approval.rejectLabel'),
      }),
    ],
  };
}

export function approvalBlocks(message: ApprovalMessage) {
  const { target } = message;
  const locale = message.locale ?? 'en';
  const t = translator(locale);
  const heading = approvalHeading(message.state, locale);
  const blocks: unknown[] = [];
  if (message.text) blocks.push(section(escapedWithin(message.text, MAX_SECTION)));
  blocks.push(
    {
      type: 'header',
      text: {
        type: 'plain_text',
        text: plainWithin(`${approvalIcon[message.state]} ${heading}`, MAX_HEADER),
        emoji: true,
      },
    },
    section(`*${escapedWithin(message.description, MAX_SECTION - 2)}*`),
    {
      type: 'section',
      fields: [
        field(t('approval.cluster'), message.cluster),
        field(t('approval.namespace'), target.namespace ?? '—'),
        field(t('approval.object'), describeObject({ kind: target.kind, name: target.name })),
        field(t('approval.asker'), message.requestedBy),
      ],
    },
  );
  if (message.reason)
    blocks.push(section(`*${t('approval.why')}* ${escapedWithin(message.reason, MAX_SECTION - 20)}`));
  if (message.state === 'pending') {
    blocks.push(decisionButtons(message));
    blocks.push(context(t('approval.expiresShort', { at: escapedWithin(approvalExpiry(message), 100) })));
  } else {
    const by = message.decidedBy
      ? ` ${t('approval.decidedByShort', { who: escapedWithin(message.decidedBy, 200) })}`
      : '';
    const outcome = message.outcome ? ` ${escapedWithin(message.outcome, 2500)}` : '';
    blocks.push(context(`*${heading}${locale === 'en' ? '.' : '。'}*${by}${outcome}`));
  }
  return blocks;
}
