// A stored report read in another language than its chat message (`?lang=`): the page's headings and a converted
// analyzer's sentences follow the page's language; names, codes and commands stay as they are.
import { describe, expect, it } from 'vitest';
import { renderReportPage } from '../../functions/pages/report-page.tsx';
import { hpaAtLimit } from '../../lib/analyzers/hpa.ts';
import type { Report } from '../../lib/report/index.ts';

const hpa = {
  apiVersion: 'autoscaling/v2',
  kind: 'HorizontalPodAutoscaler',
  metadata: { name: 'checkout', namespace: 'store' },
  spec: { maxReplicas: 10, scaleTargetRef: { kind: 'Deployment', name: 'checkout' } },
  status: { currentReplicas: 10, desiredReplicas: 10, conditions: [] },
};

const findings = hpaAtLimit.analyze({
  list: (name: string) => (name === 'horizontalPodAutoscalers' ? [hpa] : []),
} as never);

const report: Report = {
  id: 'report-hpa-1',
  source: 'slack',
  cluster: 'prod',
  scope: { kind: 'namespace', namespace: 'store' },
  startedAt: '2026-11-23T01:00:00Z',
  findings: findings as Report['findings'],
  summary: 'checkout is at its limit',
  proposals: [],
};

describe('the report page in the reader’s language', () => {
  it('keeps the English of a converted analyzer as it was', () => {
    const [finding] = report.findings;
    expect(finding?.summary).toBe(
      'HorizontalPodAutoscaler store/checkout is pinned at maxReplicas=10 for Deployment checkout: load exceeds what it may scale to.',
    );
    expect(finding?.summaryText).toEqual({
      key: 'hpa.pinned',
      params: { hpa: 'HorizontalPodAutoscaler store/checkout', max: '10', owner: 'Deployment checkout' },
    });
  });

  it('renders ?lang=zh-TW headings and sentences in Traditional Chinese', () => {
    const html = renderReportPage(report, { locale: 'zh-TW' });
    expect(html).toContain('<html lang="zh-TW">');
    expect(html).toContain('<h2 id="findings">發現</h2>');
    expect(html).toContain(
      'HorizontalPodAutoscaler store/checkout 已卡在 maxReplicas=10（Deployment checkout）：負載超過它能擴展的上限。',
    );
    expect(html).toContain('調高 maxReplicas，或查出負載為何增加：kubectl -n store describe hpa checkout');
    expect(renderReportPage(report)).toContain('<h2 id="findings">Findings</h2>');
  });
});

describe('the alert report page in Chinese', () => {
  it('renders ?lang=zh-TW findings, facts, the start and the summary in Traditional Chinese', async () => {
    const { demoReport } = await import('./demo-message.ts');
    const demo = await demoReport();
    const html = renderReportPage(demo, { locale: 'zh-TW', linkExpiresAt: '2026-11-30T00:00:00Z' });
    expect(html).toContain('<dt>叢集</dt><dd>demo</dd>');
    expect(html).toContain('<dt>工作負載</dt><dd>Deployment shop/payment</dd>');
    expect(html).toContain('<span class="badge critical">嚴重</span> 2');
    expect(html).toContain('屬於 Deployment shop/payment');
    expect(html).toContain('起因 <code>DependencyUnreachable</code> — Service shop/mysql');
    expect(html).toContain(
      '告警 <strong>KubePodCrashLooping</strong>（嚴重程度 warning），來自 <code>alertmanager</code>。',
    );
    expect(html).toContain('此連結有效至 <time datetime="2026-11-30T00:00:00Z">');
    // The English page of the same stored report is as it always was.
    const english = renderReportPage(demo);
    expect(english).toContain('caused by <code>DependencyUnreachable</code> — Service shop/mysql');
    expect(english).toContain(
      'Alert <strong>KubePodCrashLooping</strong> (severity warning) from <code>alertmanager</code>.',
    );
  });

  it('frames a converted finding’s sentence in the page’s language (the stored summary is language-neutral)', () => {
    const framed: Report = {
      ...report,
      summaryText: {
        key: 'report.summary',
        params: {
          target: 'none',
          namespace: 'store',
          lead: 0,
          cause: 'none',
          subject: 'Deployment store/checkout',
          stateCode: 'HPAAtLimit',
          probe: 'none',
          rest: 2,
        },
      },
    };
    const html = renderReportPage(framed, { locale: 'zh-CN' });
    expect(html).toContain(
      '<p>HorizontalPodAutoscaler store/checkout 已达到 maxReplicas=10（Deployment checkout）：负载超出了它能扩容的上限。下方还有 2 项发现。</p>',
    );
  });
});
