// The Slack approval card: exactly what Approve will do (action, object, namespace, cluster), who asked, why and
// until when; Approve and Reject while it is pending, and after the decision who decided and what came of it.
import {
  type ApprovalMessage,
  approvalExpiry,
  approvalHeading,
  approvalIcon,
  describeObject,
} from '../message.ts';
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
  const what = plainWithin(message.description, 200);
  return {
    type: 'actions',
    block_id: 'kr.approval',
    elements: [
      pressButton({
        press: { press: 'approve', approval: message.approvalId },
        text: 'Approve',
        style: 'primary',
        accessibilityLabel: 'Approve: runs this change now, as you',
        confirm: {
          title: 'Approve this change?',
          text: `${what} — cluster ${plainWithin(message.cluster, 60)}. It runs at once, with you as the actor.`,
          confirm: 'Approve',
          deny: 'Cancel',
          style: 'primary',
        },
      }),
      pressButton({
        press: { press: 'reject', approval: message.approvalId },
        text: 'Reject',
        style: 'danger',
        accessibilityLabel: 'Reject: nothing changes',
      }),
    ],
  };
}

export function approvalBlocks(message: ApprovalMessage) {
  const { target } = message;
  const blocks: unknown[] = [];
  if (message.text) blocks.push(section(escapedWithin(message.text, MAX_SECTION)));
  blocks.push(
    {
      type: 'header',
      text: {
        type: 'plain_text',
        text: plainWithin(`${approvalIcon[message.state]} ${approvalHeading[message.state]}`, MAX_HEADER),
        emoji: true,
      },
    },
    section(`*${escapedWithin(message.description, MAX_SECTION - 2)}*`),
    {
      type: 'section',
      fields: [
        field('Cluster', message.cluster),
        field('Namespace', target.namespace ?? '—'),
        field('Object', describeObject({ kind: target.kind, name: target.name })),
        field('Asked by', message.requestedBy),
      ],
    },
  );
  if (message.reason) blocks.push(section(`*Why:* ${escapedWithin(message.reason, MAX_SECTION - 10)}`));
  if (message.state === 'pending') {
    blocks.push(decisionButtons(message));
    blocks.push(
      context(`Expires ${escapedWithin(approvalExpiry(message), 100)} · only an approver can approve`),
    );
  } else {
    const by = message.decidedBy ? ` Decided by ${escapedWithin(message.decidedBy, 200)}.` : '';
    const outcome = message.outcome ? ` ${escapedWithin(message.outcome, 2500)}` : '';
    blocks.push(context(`*${approvalHeading[message.state]}.*${by}${outcome}`));
  }
  return blocks;
}
