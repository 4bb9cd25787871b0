// LINE postbacks that carry a press: the approval card's confirm template (Approve / Reject) and a report bubble's
// proposal buttons, each `data` an `encodePress` value and every text within LINE's limits.
import type { messagingApi } from '@line/bot-sdk';
import type { ApprovalMessage, ReportMessage } from '../message.ts';
import { encodePress, type Press } from '../press.ts';
import { LINE_LIMITS, plain } from './limits.ts';

const postback = (label: string, press: Press, displayText: string): messagingApi.PostbackAction => ({
  type: 'postback',
  label: plain(label, LINE_LIMITS.actionLabelUnits) || ' ',
  data: encodePress(press),
  displayText: plain(displayText, LINE_LIMITS.displayTextUnits) || label,
});

const CONFIRM_PREFIX = 'Approve: ';

/** `Approve: <description>?` within the confirm template's 240, and Approve / Reject as its two actions. */
export function approvalConfirm(message: ApprovalMessage): messagingApi.TemplateMessage {
  const room = LINE_LIMITS.confirmTextUnits - CONFIRM_PREFIX.length - 1;
  return {
    type: 'template',
    altText: plain(`Approval needed: ${message.description}`, LINE_LIMITS.templateAltTextUnits),
    template: {
      type: 'confirm',
      text: `${CONFIRM_PREFIX}${plain(message.description, room)}?`,
      actions: [
        postback('Approve', { press: 'approve', approval: message.approvalId }, 'Approve'),
        postback('Reject', { press: 'reject', approval: message.approvalId }, 'Reject'),
      ],
    },
  };
}

/** One postback button per proposal (at most three): pressing one asks for an approval card, nothing more. */
export function proposalButtons(message: ReportMessage): messagingApi.FlexButton[] {
  return message.actions.slice(0, LINE_LIMITS.reportButtons).map((action, i) => ({
    type: 'button',
    style: i === 0 ? 'primary' : 'secondary',
    height: 'sm',
    action: postback(
      action.short ?? action.label,
      { press: 'propose', report: message.reportId, proposal: action.id },
      `Ask for approval: ${action.label}`,
    ),
  }));
}
