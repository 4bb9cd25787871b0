// LINE postbacks that carry a press: the approval card's confirm template (Approve / Reject) and a report bubble's
// proposal buttons, each `data` an `encodePress` value and every text within LINE's limits.
import type { messagingApi } from '@line/bot-sdk';
import { translator } from '../../i18n/index.ts';
import { type ApprovalMessage, approvalHeading } from '../approval-message.ts';
import type { ReportMessage } from '../message.ts';
import { encodePress, type Press } from '../press.ts';
import { LINE_LIMITS, plain } from './limits.ts';

const postback = (label: string, press: Press, displayText: string): messagingApi.PostbackAction => ({
  type: 'postback',
  label: plain(label, LINE_LIMITS.actionLabelUnits) || ' ',
  data: encodePress(press),
  displayText: plain(displayText, LINE_LIMITS.displayTextUnits) || label,
});

/** `Approve: <description>?` within the confirm template's 240, and Approve / Reject as its two actions. */
export function approvalConfirm(message: ApprovalMessage): messagingApi.TemplateMessage {
  const locale = message.locale ?? 'en';
  const t = translator(locale);
  // The question's own words, measured in the reader's language: the description gets the rest of the 240.
  const room = LINE_LIMITS.confirmTextUnits - t('approval.confirmQuestion', { what: '' }).length;
  const approve = t('approval.approve');
  const reject = t('approval.reject');
  return {
    type: 'template',
    altText: plain(
      t('approval.notification', {
        heading: approvalHeading('pending', locale),
        description: message.description,
      }),
      LINE_LIMITS.templateAltTextUnits,
    ),
    template: {
      type: 'confirm',
      text: t('approval.confirmQuestion', { what: plain(message.description, room) }),
      actions: [
        postback(approve, { press: 'approve', approval: message.approvalId }, approve),
        postback(reject, { press: 'reject', approval: message.approvalId }, reject),
      ],
    },
  };
}

/** One postback button per proposal (at most three): pressing one asks for an approval card, nothing more. */
export function proposalButtons(message: ReportMessage): messagingApi.FlexButton[] {
  const t = translator(message.locale ?? 'en');
  return message.actions.slice(0, LINE_LIMITS.reportButtons).map((action, i) => ({
    type: 'button',
    style: i === 0 ? 'primary' : 'secondary',
    height: 'sm',
    action: postback(
      action.short ?? action.label,
      { press: 'propose', report: message.reportId, proposal: action.id },
      t('report.askFor', { what: action.label }),
    ),
  }));
}
