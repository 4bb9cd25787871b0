// The Slack message a person reads: within Block Kit's limits however large the report, cluster text can never
// ping @channel or forge a link, and each proposal's button only asks for an approval card.
import { describe, expect, it } from 'vitest';
import { blockErrors } from '../../infra/stack/slack-blocks.ts';
import { PRESS_ACTION_IDS, parsePress, renderSlackReport } from '../../lib/chat/index.ts';
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

describe('renderSlackReport (proposal buttons)', () => {
  const proposal = (i: number, name = 'payment') => ({
    id: `p${i}`,
    action: 'restart',
    target: { kind: 'Deployment', namespace: 'shop', name },
    reason: `crash-looping since the config change (${i})`,
  });
  const withProposals = (proposals: unknown[]) =>
    renderSlackReport(Report.parse({ ...report([finding(1)]), proposals }));
  // biome-ignore lint/suspicious/noExplicitAny: Block Kit JSON
  const buttons = (blocks: any[]) => blocks.flatMap((b) => (b.accessory ? [b.accessory] : []));

  it('gives each proposal a button that only asks for an approval card, and says so', () => {
    const message = withProposals([proposal(1)]);
    const [button] = buttons(message.blocks);
    expect(button).toMatchObject({
      action_id: PRESS_ACTION_IDS.propose,
      text: { text: 'restart Deployment shop/payment' },
    });
    expect(parsePress(button.value)).toEqual({ press: 'propose', report: 'r1', proposal: 'p1' });
    expect(button.confirm.text.text).toContain('Nothing changes until an approver presses Approve');
    expect(JSON.stringify(message.blocks)).toContain('crash-looping since the config change (1)');
    expect(blockErrors(message.blocks)).toEqual([]);
  });

  it('shows at most 5, one per block (Slack refuses a repeated action_id in a block), labels within 75', () => {
    const message = withProposals(
      Array.from({ length: 8 }, (_, i) => proposal(i, `<!here>${'n'.repeat(240)}`)),
    );
    const shown = buttons(message.blocks);
    expect(shown).toHaveLength(5);
    for (const button of shown) expect(button.text.text.length).toBeLessThanOrEqual(75);
    expect(JSON.stringify(message.blocks)).toContain('…and 3 more proposals in the report');
    expect(blockErrors(message.blocks)).toEqual([]);
  });
});
