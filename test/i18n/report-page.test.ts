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
