// Approval cards and health digests in every language stay within Slack's and LINE's limits (as the fakes check
// them), with Chinese cluster text long enough to be cut; the card as a person reads it is printed for the note.
import type { messagingApi } from '@line/bot-sdk';
import { describe, expect, it } from 'vitest';
import { messageErrors } from '../../infra/stack/line-messages.ts';
import { blockErrors } from '../../infra/stack/slack-blocks.ts';
import { approvalMessage } from '../../lib/approvals/index.ts';
import { type ApprovalState, approvalLines, toLine, toSlack } from '../../lib/chat/index.ts';
import { compareDigest, digestMessage } from '../../lib/health/index.ts';
import { locales } from '../../lib/locale/index.ts';
import type { Finding, Report } from '../../lib/report/index.ts';
import type { PendingApproval } from '../../lib/store/index.ts';

const STATES: ApprovalState[] = ['pending', 'approved', 'rejected', 'expired', 'done', 'failed'];

const pending = (extra: Partial<PendingApproval> = {}): PendingApproval => ({
  id: 'apr_7Qm2xK9',
  action: 'scale',
  target: { kind: 'Deployment', namespace: 'store', name: 'checkout' },
  cluster: 'prod',
  replicas: 3,
  description: 'Scale Deployment store/checkout to 3 replicas',
  reason: 'checkout has 1 of 3 pods crash-looping',
  requestedBy: 'line:U0123',
  replyTo: [],
  approvers: ['line:U0123'],
  createdAt: '2026-11-23T08:00:00.000Z',
  expiresAt: '2026-11-23T08:10:00.000Z',
  ...extra,
});

/** A reason and an outcome far past every limit, in the script that is widest per character. */
const longChinese = '無法連線到 Service mysql:3306（拒絕連線）😀'.repeat(200);

describe('approval cards in every language', () => {
  it('read as a person on call would say it (printed for the note)', () => {
    for (const locale of locales) {
      const card = approvalMessage(pending({ locale }), 'pending');
      console.log(`--- ${locale}\n${approvalLines(card).join('\n')}`);
      const confirm = toLine(card).find((m) => m.type === 'template') as messagingApi.TemplateMessage;
      console.log(`[${(confirm.template as messagingApi.ConfirmTemplate).text}]`);
    }
    const zhTW = approvalLines(approvalMessage(pending({ locale: 'zh-TW' }), 'pending'));
    expect(zhTW[0]).toBe('等待核准：將 Deployment store/checkout 擴展到 3 個副本');
    expect(zhTW[1]).toBe('叢集 prod · 命名空間 store · Deployment checkout');
    const zhCN = approvalLines(approvalMessage(pending({ locale: 'zh-CN' }), 'pending'));
    expect(zhCN[0]).toBe('等待批准：将 Deployment store/checkout 扩容到 3 个副本');
    // English keeps the action catalog's own words.
    expect(approvalLines(approvalMessage(pending(), 'pending'))[0]).toBe(
      'Approval needed: Scale Deployment store/checkout to 3 replicas',
    );
  });

  it('fit LINE and Slack in every state, however long the cluster text', () => {
    for (const locale of locales)
      for (const state of STATES) {
        const card = approvalMessage(pending({ locale, reason: longChinese }), state, {
          decidedBy: 'slack:UAPPROVER',
          outcome: longChinese,
          text: longChinese,
        });
        expect(messageErrors(toLine(card)), `${locale} ${state}`).toEqual([]);
        expect(blockErrors(toSlack(card).blocks), `${locale} ${state}`).toEqual([]);
      }
  });
});

describe('health digests in every language', () => {
  const finding = (index: number): Finding => ({
    code: 'CrashLoopBackOff',
    severity: 'critical',
    object: { kind: 'Pod', namespace: 'shop', name: `payment-${index}-abc` },
    owner: { kind: 'Deployment', namespace: 'shop', name: `payment-${index}` },
    rootCause: { code: 'MissingConfig', detail: longChinese.slice(0, 400) },
    summary: longChinese.slice(0, 600),
    evidence: [],
    suggestions: [],
  });
  const report: Report = {
    id: 'report-prod-2026-11-23T0900-abc123',
    source: 'cron',
    cluster: 'prod',
    scope: { kind: 'cluster' },
    startedAt: '2026-11-23T01:00:00Z',
    findings: Array.from({ length: 40 }, (_, index) => finding(index)),
    summary: '',
    proposals: [],
    meta: { apiRequests: 41, bytesRead: 1000, durationMs: 120 },
  };
  const digest = compareDigest(undefined, {
    cluster: 'prod',
    reportId: report.id,
    at: report.startedAt,
    findings: report.findings,
  });
  const figures = {
    nodes: { ready: 2, total: 3 },
    podsNotRunning: 4,
    restarts24h: 17,
    pvcsPending: 1,
    argo: { outOfSync: 2, degraded: 1 },
    certificates: [{ secret: 'shop/shop-tls', notAfter: '2026-11-30T00:00:00Z', daysLeft: 6 }],
  };
  const slot = { date: '2026-11-23', time: '0900', timezone: 'Asia/Taipei' };

  it('fit LINE and Slack however many and long the problems', () => {
    for (const locale of locales) {
      const message = digestMessage({ report, digest, figures, slot, locale });
      expect(messageErrors(toLine(message)), locale).toEqual([]);
      expect(blockErrors(toSlack(message).blocks), locale).toEqual([]);
    }
  });
});
