// Slack buttons that carry a press: the value is `encodePress` (it names a stored thing, never the action), the
// action_id one of `PRESS_ACTION_IDS`, and every text within Block Kit's limits.
import { t } from '../../i18n/index.ts';
import type { Locale } from '../../locale/index.ts';
import type { MessageAction } from '../message.ts';
import { encodePress, PRESS_ACTION_IDS, type Press } from '../press.ts';
import { escapedWithin, plainWithin } from './text.ts';

/** Block Kit's limits for what these buttons use (button and confirmation dialog object references). */
export const SLACK_BUTTON_LIMITS = {
  text: 75,
  accessibilityLabel: 75,
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
  /** Buttons per message that ask for an approval card (one section each: action_ids are unique per block). */
  proposals: 5,
} as const;

const plain = (text: string, max: number) => ({
  type: 'plain_text',
  text: plainWithin(text, max),
  emoji: true,
});

export interface Confirm {
  title: string;
  text: string;
  confirm: string;
  deny: string;
  style?: 'primary' | 'danger';
}

/** A Slack confirmation dialog: what pressing the button will do, said before it does it. */
export const confirmDialog = (confirm: Confirm) => ({
  title: plain(confirm.title, SLACK_BUTTON_LIMITS.confirmTitle),
  text: plain(confirm.text, SLACK_BUTTON_LIMITS.confirmText),
  confirm: plain(confirm.confirm, SLACK_BUTTON_LIMITS.confirmButton),
  deny: plain(confirm.deny, SLACK_BUTTON_LIMITS.confirmButton),
  ...(confirm.style ? { style: confirm.style } : {}),
});

export interface PressButton {
  press: Press;
  text: string;
  style?: 'primary' | 'danger';
  confirm?: Confirm;
  /** What a screen reader says (and a hint of what the press does). */
  accessibilityLabel?: string;
}

export const pressButton = (button: PressButton) => ({
  type: 'button',
  action_id: PRESS_ACTION_IDS[button.press.press],
  text: plain(button.text, SLACK_BUTTON_LIMITS.text),
  value: encodePress(button.press),
  ...(button.style ? { style: button.style } : {}),
  ...(button.accessibilityLabel
    ? { accessibility_label: plainWithin(button.accessibilityLabel, SLACK_BUTTON_LIMITS.accessibilityLabel) }
    : {}),
  ...(button.confirm ? { confirm: confirmDialog(button.confirm) } : {}),
});

/**
 * A report's proposals, one section each with its button (Slack refuses two equal action_ids in one block).
 * Pressing one only asks for an approval card; nothing runs on that press, and the dialog says so.
 */
export function proposalBlocks(reportId: string, actions: MessageAction[], locale: Locale = 'en') {
  const shown = actions.slice(0, SLACK_BUTTON_LIMITS.proposals);
  const blocks: unknown[] = shown.map((action) => ({
    type: 'section',
    text: {
      type: 'mrkdwn',
      text: `*${t(locale, 'report.proposed')}* ${escapedWithin(action.label, 300)}${action.detail ? ` — ${escapedWithin(action.detail, 1000)}` : ''}`,
      verbatim: true,
    },
    accessory: pressButton({
      press: { press: 'propose', report: reportId, proposal: action.id },
      text: action.label,
      accessibilityLabel: t(locale, 'report.askHint'),
      confirm: {
        title: t(locale, 'report.askTitle'),
        text: t(locale, 'report.askText', { what: plainWithin(action.label, 150) }),
        confirm: t(locale, 'report.askConfirm'),
        deny: t(locale, 'report.askCancel'),
      },
    }),
  }));
  const hidden = actions.length - shown.length;
  if (hidden > 0)
    blocks.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: t(locale, 'report.moreProposals', { count: hidden }) }],
    });
  return blocks;
}
