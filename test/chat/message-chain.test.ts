// The report message with a chain of causes: the deepest cause's evidence and next steps lead, the chain is the
// root-cause line's detail, "Also found" repeats nothing on the chain, and the whole fits a phone screen.
import { expect, it } from 'vitest';
import { fitToPhone, messageWords, PHONE_WORDS, reportMessage } from '../../lib/chat/index.ts';
import { count } from '../../lib/evidence/index.ts';
import type { Finding, Report } from '../../lib/report/index.ts';

const ref = (kind: string, name: string) => ({ kind, namespace: 'shop', name });
const finding = (code: Finding['code'], name: string, extra: Partial<Finding> = {}): Finding => ({
  code,
  severity: 'critical',
  object: ref('Deployment', name),
  owner: ref('Deployment', name),
  summary: `${name} is broken.`,
  evidence: [`${name} evidence`],
  suggestions: [`kubectl -n shop describe deployment ${name}`],
  ...extra,
});

const report = (findings: Finding[], chain?: Report['chain']): Report => ({
  id: 'kr-1',
  source: 'cli',
  cluster: 'prod',
  scope: { kind: 'namespace', namespace: 'shop' },
  startedAt: '2026-11-23T10:00:00Z',
  findings,
  ...(chain ? { chain } : {}),
  summary: 'redis is broken. That is what breaks Deployment shop/web (crash-looping).',
  proposals: [],
});

it('leads with the deepest cause and does not repeat the chain under "Also found"', () => {
  const web = finding('CrashLoopBackOff', 'web', {
    rootCause: { code: 'DependencyUnreachable', object: ref('Service', 'redis') },
  });
  const redis = finding('ProbeFailure', 'redis');
  const other = finding('OOMKilled', 'batch');
  const message = reportMessage(
    report(
      [web, redis, other],
      [
        { object: ref('Deployment', 'web'), code: 'CrashLoopBackOff', state: 'crash-looping' },
        { object: ref('Service', 'redis'), code: 'ServiceNoEndpoints', state: 'no ready endpoints' },
        { object: ref('Deployment', 'redis'), code: 'ProbeFailure', state: 'readiness probe fails' },
      ],
    ),
  );
  expect(message.rootCause).toEqual({
    code: 'DependencyUnreachable',
    object: 'Service shop/redis',
    detail:
      'Deployment shop/web → Service shop/redis (no ready endpoints) → Deployment shop/redis (readiness probe fails)',
  });
  expect(message.nextSteps[0]).toBe('kubectl -n shop describe deployment redis');
  expect(message.evidence).toEqual(['web evidence', 'redis evidence']);
  expect(message.otherFindings.map((f) => f.code)).toEqual(['OOMKilled']);
});

it('cuts a long message to a phone screen, keeping the count of what it left out', () => {
  const others = Array.from({ length: 5 }, (_, i) =>
    finding('OOMKilled', `batch-${i}`, { summary: 'word '.repeat(30) }),
  );
  const lead = finding('CrashLoopBackOff', 'web', {
    evidence: Array.from({ length: 6 }, (_, i) => `line ${i} ${'word '.repeat(10)}`),
  });
  const full = reportMessage(report([lead, ...others]));
  expect(messageWords(full)).toBeLessThanOrEqual(PHONE_WORDS);
  expect(full.otherFindings.length + full.moreFindings).toBe(5);
  expect(full.evidence.length).toBeGreaterThanOrEqual(4);
  const loose = fitToPhone(full, 10_000);
  expect(loose).toEqual(full);
});

it('counts nouns in words', () => {
  expect([
    count(1, 'pod'),
    count(3, 'pod'),
    count(0, 'replica'),
    count(2, 'policy'),
    count(2, 'process'),
  ]).toEqual(['1 pod', '3 pods', '0 replicas', '2 policies', '2 processes']);
});
