// The approval card of a pending approval, in any state: what it does, where, who asked, and once decided who
// decided and what happened. Serializers (Slack blocks, LINE) decide only how it looks.
import { type ApprovalMessage, type ApprovalState, approvalHeading } from '../chat/index.ts';
import { actionDescription, renderOr, t } from '../i18n/index.ts';
import type { Locale } from '../locale/index.ts';
import type { PendingApproval } from '../store/index.ts';

export interface CardDetails {
  /** The command's answer above the card. */
  text?: string;
  decidedBy?: string;
  outcome?: string;
}

/** What pressing Approve does, in the asker's language: the catalog's English line as it is, or its translation. */
export const approvalDescription = (
  approval: PendingApproval,
  locale: Locale = approval.locale ?? 'en',
): string => actionDescription(approval, approval.description, locale);

/** The notification's heading: "Approved" alone (the card says it runs). */
const notificationHeading = (state: ApprovalState, locale: Locale) =>
  state === 'approved' ? t(locale, 'approval.notifyApproved') : approvalHeading(state, locale);

export function approvalMessage(
  approval: PendingApproval,
  state: ApprovalState,
  details: CardDetails = {},
): ApprovalMessage {
  const { target } = approval;
  const locale = approval.locale ?? 'en';
  const description = approvalDescription(approval, locale);
  const heading = notificationHeading(state, locale);
  return {
    type: 'approval',
    reportId: approval.id,
    approvalId: approval.id,
    state,
    ...(details.text ? { text: details.text } : {}),
    description,
    action: approval.action,
    target: {
      kind: target.kind,
      ...(target.namespace ? { namespace: target.namespace } : {}),
      name: target.name,
    },
    cluster: approval.cluster,
    reason: renderOr(approval.reasonText, approval.reason, locale),
    requestedBy: approval.requestedBy,
    expiresAt: approval.expiresAt ?? approval.createdAt,
    ...(details.decidedBy ? { decidedBy: details.decidedBy } : {}),
    ...(details.outcome ? { outcome: details.outcome } : {}),
    // Why it failed is what a notification of a failure must say; the other states are told by their name.
    notification:
      state === 'failed' && details.outcome
        ? t(locale, 'approval.notificationFailed', { heading, description, failure: details.outcome })
        : t(locale, 'approval.notification', { heading, description }),
    ...(approval.locale ? { locale: approval.locale } : {}),
  };
}
