// An approval card as every chat shows it: what pressing Approve will do, who asked, until when, and where it stands.
import { type MessageKey, t } from '../i18n/index.ts';
import type { Locale } from '../locale/index.ts';

/** Where an approval stands; the card is updated in place as it moves (Slack) or a note follows (LINE). */
export type ApprovalState = 'pending' | 'approved' | 'rejected' | 'expired' | 'done' | 'failed';

/**
 * An approval card: exactly what pressing Approve will do (action, object, namespace, cluster), who asked, until
 * when, and two buttons while it is pending. After the decision the same card shows who decided and the outcome.
 */
export interface ApprovalMessage {
  type: 'approval';
  /** The approval id (also what the card's identity and a retried send are keyed on). */
  reportId: string;
  approvalId: string;
  state: ApprovalState;
  /** The command's answer above the card ("checkout has 1 of 3 pods crash-looping…"), if any. */
  text?: string;
  /** One line: `Restart Deployment store/checkout (rolling restart of its pods)`. */
  description: string;
  action: string;
  target: { kind: string; namespace?: string; name: string };
  cluster: string;
  /** Why it is proposed (the finding or the words that asked). */
  reason: string;
  /** `line:U…` / `slack:U…` of who asked. */
  requestedBy: string;
  /** ISO time the approval expires. */
  expiresAt: string;
  /** Who approved or rejected it (`slack:U…`), once decided. */
  decidedBy?: string;
  /** What happened once decided: the action's outcome, the rollout, or why it failed. */
  outcome?: string;
  notification: string;
  /** The page of the report the proposal came from, when it came from one. */
  reportUrl?: string;
  /** The language of the person who asked (the card and its outcome stay in it); default en. */
  locale?: Locale;
}

const approvalHeadingKey: Record<ApprovalState, MessageKey> = {
  pending: 'approval.pending',
  approved: 'approval.approved',
  rejected: 'approval.rejected',
  expired: 'approval.expired',
  done: 'approval.done',
  failed: 'approval.failed',
};

/** Where an approval stands, in the reader's language (the card's header). */
export const approvalHeading = (state: ApprovalState, locale: Locale = 'en'): string =>
  t(locale, approvalHeadingKey[state]);

/** A glance at where an approval stands (the card's header in Slack). */
export const approvalIcon: Record<ApprovalState, string> = {
  pending: '🟡',
  approved: '🔵',
  rejected: '⚪',
  expired: '⌛',
  done: '✅',
  failed: '🔴',
};

/** The expiry as a person reads it: `2026-11-23 08:10:00 UTC`. */
export const approvalExpiry = (message: ApprovalMessage): string =>
  message.expiresAt.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC');

/** The card's lines in reading order, the same in every chat: what will happen, where, who asked, the state. */
export function approvalLines(message: ApprovalMessage): string[] {
  const { target } = message;
  const locale = message.locale ?? 'en';
  const who = message.requestedBy;
  // The heading and the description are one line; Chinese joins them with a full-width colon.
  const colon = locale === 'en' ? ': ' : '：';
  return [
    `${approvalHeading(message.state, locale)}${colon}${message.description}`,
    t(locale, 'approval.where', {
      cluster: message.cluster,
      namespace: target.namespace ?? '—',
      kind: target.kind,
      name: target.name,
    }),
    message.reason
      ? t(locale, 'approval.askedByBecause', { who, reason: message.reason })
      : t(locale, 'approval.askedBy', { who }),
    message.state === 'pending'
      ? t(locale, 'approval.expires', { at: approvalExpiry(message) })
      : `${message.decidedBy ? `${t(locale, 'approval.decidedBy', { who: message.decidedBy })} ` : ''}${message.outcome ?? ''}`.trim(),
  ].filter((line) => line !== '');
}
