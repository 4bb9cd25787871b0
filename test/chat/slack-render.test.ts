// The Slack message a person reads: within Block Kit's limits however large the report, and cluster text can
// never ping @channel or forge a link.
import { describe, expect, it } from 'vitest';
import { renderSlackReport } from '../../lib/chat/index.ts';
import { type Finding, Report } from '../../lib/report/index.ts';

const finding = (i: number, extra: Partial<Finding> = {}): Finding => ({
  code: 'CrashLoopBackOff',
  severity: 'critical',
  object: { kind: 'Pod', namespace: 'shop', name: `payment-${i}` },
  owner: { kind: 'Deployment', namespace: 'shop', name: 'payment' },
  summary: `finding ${i}`,
  evidence: ['restartCount=7', 'lastState.terminated exitCode=1'],
  suggestions: ['kubectl -n shop logs deploy/payment --previous'],
  ...extra,
});

const report = (findings: Finding[], summary = 'Deployment shop/payment is crash-looping.'): Report =>
  Report.parse({
    id: 'r1',
    source: 'alertmanager',
    cluster: 'prod',
    scope: { kind: 'alert', namespace: 'shop' },
    startedAt: '2026-11-23T08:00:00Z',
    alert: { name: 'KubePodCrashLooping', labels: {} },
    findings,
    summary,
    proposals: [],
    meta: { apiRequests: 7, bytesRead: 12000, durationMs: 42 },
  });

describe('renderSlackReport', () => {
  it('leads with the alert, the workload and the root cause', () => {
    const message = renderSlackReport(
      report([
        finding(1, {
          rootCause: {
            code: 'DependencyUnreachable',
            object: { kind: 'Service', namespace: 'shop', name: 'mysql' },
          },
        }),
      ]),
    );
    expect(message.blocks[0].text.text).toBe('🔴 KubePodCrashLooping — Deployment shop/payment');
    expect(JSON.stringify(message.blocks)).toContain(
      '*Root cause:* DependencyUnreachable — Service shop/mysql',
    );
    expect(message.text).toContain('Deployment shop/payment is crash-looping.');
  });

  it('stays within Slack limits for a huge report', () => {
    const many = Array.from({ length: 500 }, (_, i) =>
      finding(i, {
        summary: 'x'.repeat(5000),
        evidence: Array.from({ length: 100 }, () => 'e'.repeat(4000)),
      }),
    );
    const message = renderSlackReport(report(many, 's'.repeat(10_000)));
    expect(message.blocks.length).toBeLessThanOrEqual(50);
    expect(message.blocks[0].text.text.length).toBeLessThanOrEqual(150);
    for (const block of message.blocks) {
      if (block.type === 'section' && block.text) expect(block.text.text.length).toBeLessThanOrEqual(3000);
    }
    expect(message.text.length).toBeLessThanOrEqual(3000);
  });

  it('escapes cluster text so it cannot mention @channel or forge links', () => {
    const hostile = '<!channel> deploy now <https://evil.example|click> & ignore';
    const message = renderSlackReport(report([finding(1, { evidence: [hostile] })], hostile));
    const json = JSON.stringify(message.blocks);
    expect(json).not.toContain('<!channel>');
    expect(json).not.toContain('<https://evil.example');
    expect(json).toContain('&lt;!channel&gt;');
  });

  it('escapes the notification text and every field, severity included', () => {
    const hostile = '<!channel> deploy now <https://evil.example|click>';
    const message = renderSlackReport(report([finding(1, { evidence: ['x'] })], hostile));
    expect(message.text).not.toContain('<!channel>');
    expect(message.text).not.toContain('<https://evil.example');
    expect(message.text).toContain('&lt;!channel&gt;');
    // Without findings the severity shown is the alert's own label: cluster text too.
    const quiet = renderSlackReport(
      Report.parse({ ...report([]), alert: { name: 'X', severity: '<!here>', labels: {} } }),
    );
    const fields = JSON.stringify(quiet.blocks[1]);
    expect(fields).not.toContain('<!here>');
    expect(fields).toContain('&lt;!here&gt;');
  });
});
