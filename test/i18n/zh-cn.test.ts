// The health digest and an Argo CD explanation as a reader in mainland China gets them: Simplified Chinese with
// mainland terms; cluster names, kinds and codes as they are.
import { describe, expect, it } from 'vitest';
import { explain } from '../../lib/argocd/explain.ts';
import { digestLines } from '../../lib/chat/index.ts';
import type { ClusterReader } from '../../lib/cluster/index.ts';
import { compareDigest, digestMessage } from '../../lib/health/index.ts';
import type { Finding, Report } from '../../lib/report/index.ts';

describe('in zh-CN', () => {
  it('the health digest', () => {
    const finding: Finding = {
      code: 'CrashLoopBackOff',
      severity: 'critical',
      object: { kind: 'Pod', namespace: 'shop', name: 'payment-abc' },
      owner: { kind: 'Deployment', namespace: 'shop', name: 'payment' },
      rootCause: { code: 'MissingConfig' },
      summary: 'payment keeps crashing',
      evidence: [],
      suggestions: [],
    };
    const report: Report = {
      id: 'report-prod-1',
      source: 'cron',
      cluster: 'prod',
      scope: { kind: 'cluster' },
      startedAt: '2026-11-23T01:00:00Z',
      findings: [finding],
      summary: '',
      proposals: [],
      meta: { apiRequests: 41, bytesRead: 1, durationMs: 120 },
    };
    const digest = compareDigest(undefined, {
      cluster: 'prod',
      reportId: report.id,
      at: report.startedAt,
      findings: [finding],
    });
    const message = digestMessage({
      report,
      digest,
      figures: {
        nodes: { ready: 2, total: 3 },
        podsNotRunning: 4,
        restarts24h: 17,
        pvcsPending: 0,
        certificates: [{ secret: 'shop/shop-tls', notAfter: '2026-11-30T00:00:00Z', daysLeft: 6 }],
      },
      slot: { date: '2026-11-23', time: '0900', timezone: 'Asia/Shanghai' },
      locale: 'zh-CN',
    });
    const lines = digestLines(message);
    console.log(lines.join('\n'));
    expect(lines).toEqual([
      '健康报告 — prod · 2026-11-23 09:00 Asia/Shanghai',
      '节点就绪 2/3 · 未运行的 Pod 4 · 24 小时重启 17 · 等待中的 PVC 0 · 14 天内到期的证书 1（shop/shop-tls 剩 6 天）',
      '新问题（1）',
      '• 🔴 CrashLoopBackOff — Deployment shop/payment · 原因：MissingConfig',
      '报告 report-prod-1 · 41 次 API 读取 · 120 毫秒',
    ]);
    expect(message.notification).toBe('prod：新问题 1 项、持续中 0 项、已解决 0 项（未解决 1 项）');
  });

  it('an Argo CD explanation of a webhook whose Service has no endpoints', async () => {
    const reader = {
      get: async () => ({ kind: 'Endpoints', metadata: { name: 'webhook' }, subsets: [] }),
    } as unknown as ClusterReader;
    const explanation = await explain(
      [
        {
          class: 'admission-webhook',
          detail: 'failed calling webhook validate.kyverno.svc',
          fix: 'check the webhook',
          webhook: {
            name: 'validate.kyverno.svc',
            unreachable: true,
            service: { namespace: 'kyverno', name: 'kyverno-svc' },
          },
        },
      ],
      reader,
      async () => ({ findings: [] }),
      'zh-CN',
    );
    expect(explanation.notes).toEqual([
      'webhook validate.kyverno.svc：Service kyverno/kyverno-svc 有 0 个就绪的端点',
    ]);
    expect(explanation.rootCause?.detail).toBe(
      'webhook validate.kyverno.svc 后面的 Service kyverno/kyverno-svc 没有就绪的端点，这个 webhook 覆盖的每个请求都会失败',
    );
  });
});
