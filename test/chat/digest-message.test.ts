// The health digest in Slack and LINE: lists capped for a phone ("…and N more"), cluster text escaped in Slack,
// LINE a single text within its limits, all clear one line in both.
import { describe, expect, it } from 'vitest';
import { type DigestMessage, LINE_LIMITS, MAX_DIGEST_ITEMS, toLine, toSlack } from '../../lib/chat/index.ts';
import { compareDigest, digestMessage, type HealthFigures } from '../../lib/health/index.ts';
import type { Finding, Report } from '../../lib/report/index.ts';

const finding = (name: string): Finding => ({
  code: 'CrashLoopBackOff',
  severity: 'critical',
  object: { kind: 'Pod', namespace: 'shop', name: `${name}-abc` },
  owner: { kind: 'Deployment', namespace: 'shop', name },
  rootCause: { code: 'MissingConfig', object: { kind: 'Secret', namespace: 'shop', name: 'db' } },
  summary: `${name} keeps crashing`,
  evidence: [],
  suggestions: [],
});

const figures: HealthFigures = {
  nodes: { ready: 2, total: 3 },
  podsNotRunning: 4,
  restarts24h: 17,
  pvcsPending: 0,
  certificates: [{ secret: 'shop/shop-tls', notAfter: '2026-11-30T00:00:00Z', daysLeft: 6 }],
};

function message(findings: Finding[], allFigures = figures): DigestMessage {
  const report: Report = {
    id: 'report-prod-2026-11-23T0900-abc123',
    source: 'cron',
    cluster: 'prod',
    scope: { kind: 'cluster' },
    startedAt: '2026-11-23T01:00:00Z',
    findings,
    summary: '',
    proposals: [],
  };
  const digest = compareDigest(undefined, {
    cluster: 'prod',
    reportId: report.id,
    at: report.startedAt,
    findings,
  });
  return digestMessage({
    report,
    digest,
    figures: allFigures,
    slot: { date: '2026-11-23', time: '0900', timezone: 'Asia/Taipei' },
  });
}

describe('the digest message', () => {
  it('caps each list for a phone and says how many more', () => {
    const names = Array.from({ length: 8 }, (_, i) => `svc-${i}`);
    const digest = message(names.map(finding));
    expect(digest.newProblems.items).toHaveLength(MAX_DIGEST_ITEMS);
    expect(digest.newProblems.more).toBe(3);
    const slack = toSlack(digest);
    const text = JSON.stringify(slack.blocks);
    expect(text).toContain('New (8)');
    expect(text).toContain('…and 3 more');
    expect(slack.blocks[0]).toMatchObject({ type: 'header' });
    expect(slack.blocks[1].fields).toContainEqual({ type: 'mrkdwn', text: '*Nodes ready*\n2/3' });
    const [line] = toLine(digest);
    expect(line?.type).toBe('text');
    expect((line as { text: string }).text).toContain(
      '• 🔴 CrashLoopBackOff — Deployment shop/svc-0 · cause: MissingConfig — Secret shop/db',
    );
    expect((line as { text: string }).text.length).toBeLessThanOrEqual(LINE_LIMITS.textUnits);
  });

  it('escapes cluster text in Slack so it cannot @channel or forge a link', () => {
    const hostile = finding('<!channel>');
    const text = JSON.stringify(toSlack(message([hostile])).blocks);
    expect(text).not.toContain('<!channel>');
    expect(text).toContain('&lt;!channel&gt;');
  });

  it('all clear is one line in Slack and LINE; figures that worry keep it from being all clear', () => {
    const calm: HealthFigures = {
      nodes: { ready: 3, total: 3 },
      podsNotRunning: 0,
      restarts24h: 2,
      pvcsPending: 0,
      certificates: [],
    };
    const clear = message([], calm);
    expect(clear.allClear).toBe(true);
    expect(toSlack(clear).blocks).toHaveLength(1);
    expect(toLine(clear)).toEqual([{ type: 'text', text: clear.allClearLine }]);
    // A certificate about to expire is worth a message even with no finding.
    expect(message([], figures).allClear).toBe(false);
  });
});
