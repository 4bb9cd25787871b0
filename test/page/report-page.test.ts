// The report page's HTML: every part of the report a person needs, cluster text escaped (a hostile finding's
// `<script>` or `javascript:` URL is text, never markup), secrets masked again, timestamps as UTC `<time>`.
import { describe, expect, it } from 'vitest';
import { renderReportPage, utcText } from '../../functions/pages/report-page.tsx';
import { type Finding, Report } from '../../lib/report/index.ts';

const hostile = '<script>alert(1)</script><a href="javascript:alert(2)">x</a><img src=x onerror=alert(3)>';

const finding = (extra: Partial<Finding> = {}): Finding => ({
  code: 'CrashLoopBackOff',
  severity: 'critical',
  object: { kind: 'Pod', namespace: 'shop', name: 'payment-7d9f8c6b5d-q9n4w' },
  owner: { kind: 'Deployment', namespace: 'shop', name: 'payment' },
  rootCause: {
    code: 'DependencyUnreachable',
    object: { kind: 'Service', namespace: 'shop', name: 'mysql' },
    detail: 'selector app=mysql matches no pod',
  },
  summary: 'Deployment shop/payment is crash-looping.',
  evidence: ['log: Error: connect ECONNREFUSED 10.96.112.40:3306'],
  suggestions: ['kubectl -n shop get endpoints mysql'],
  ...extra,
});

const report = (extra: Partial<Report> = {}): Report =>
  Report.parse({
    id: 'am-1',
    source: 'alertmanager',
    cluster: 'demo',
    scope: { kind: 'alert', namespace: 'shop' },
    startedAt: '2026-11-23T08:00:00.123Z',
    alert: {
      name: 'KubePodCrashLooping',
      severity: 'warning',
      labels: { namespace: 'shop', pod: 'payment-1' },
    },
    findings: [
      finding(),
      finding({ code: 'PVCPending', severity: 'warning', rootCause: undefined, owner: undefined }),
    ],
    summary: 'Deployment shop/payment cannot reach Service mysql.',
    proposals: [
      {
        id: 'p1',
        action: 'restart',
        target: { kind: 'Deployment', namespace: 'shop', name: 'payment' },
        reason: 'crash-looping',
      },
    ],
    meta: { apiRequests: 8, bytesRead: 1000, durationMs: 39 },
    ...extra,
  });

describe('renderReportPage', () => {
  it('shows the title, severity counts, root-cause chain, evidence, the alert, proposals and UTC times', () => {
    const html = renderReportPage(report(), { linkExpiresAt: '2026-11-30T08:00:00.000Z' });
    expect(html.startsWith('<!doctype html><html lang="en">')).toBe(true);
    expect(html).toContain('<title>KubePodCrashLooping — Deployment shop/payment</title>');
    expect(html.match(/<h1[ >]/g)).toHaveLength(1);
    for (const landmark of ['<header>', '<main>', '<footer>']) expect(html).toContain(landmark);
    expect(html).toContain(
      'caused by <code>DependencyUnreachable</code> — Service shop/mysql: selector app=mysql matches no pod',
    );
    expect(html).toContain('owned by Deployment shop/payment');
    expect(html).toContain('<pre>log: Error: connect ECONNREFUSED 10.96.112.40:3306</pre>');
    expect(html).toContain('<strong>KubePodCrashLooping</strong>');
    expect(html).toContain('restart Deployment shop/payment');
    expect(html).toContain('<time datetime="2026-11-23T08:00:00.123Z">2026-11-23 08:00:00 UTC</time>');
    expect(html).toContain('<time datetime="2026-11-30T08:00:00.000Z">2026-11-30 08:00:00 UTC</time>');
    expect(html).toMatch(/<h3><span class="badge critical">critical<\/span> 1 critical<\/h3>/);
    expect(html).toMatch(/<h3><span class="badge warning">warning<\/span> 1 warning<\/h3>/);
    expect(html).not.toContain('AI explanation');
  });

  it('renders hostile cluster text as text, never as markup', () => {
    const html = renderReportPage(
      report({
        summary: hostile,
        findings: [
          finding({
            summary: hostile,
            evidence: [hostile],
            rootCause: { code: 'ApplicationError', detail: hostile },
          }),
        ],
        alert: { name: hostile, labels: { [hostile]: hostile } },
        ai: { model: hostile, text: hostile, toolCalls: 1, tokens: { prompt: 1, output: 1 } },
      }),
    );
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<a href');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    // Only the page's own script element exists.
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html).toContain('AI explanation');
  });

  it('masks credentials in evidence again before showing them', () => {
    const html = renderReportPage(
      report({ findings: [finding({ evidence: ['log: connecting with password=hunter2-very-secret'] })] }),
    );
    expect(html).not.toContain('hunter2-very-secret');
    expect(html).toContain('***');
  });

  it('says what started a report without an alert', () => {
    const html = renderReportPage(report({ alert: undefined, source: 'cron', scope: { kind: 'cluster' } }));
    expect(html).toContain('Started by <code>cron</code> (cluster scope).');
    expect(utcText('not a time')).toBe('not a time');
  });
});
