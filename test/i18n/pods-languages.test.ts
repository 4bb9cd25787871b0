// The pod analyzers' findings read in zh-TW and zh-CN: every sentence kept as a Text, its English byte for byte
// what the finding says, and no English word left in Chinese but names, kinds, commands and quoted cluster text.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { render, type Text } from '../../lib/i18n/index.ts';
import type { Finding } from '../../lib/report/index.ts';
import { diagnoseScenario } from '../diagnosis/expectations.ts';

const fixtures = join(import.meta.dirname, '../fixtures');

/** Scenarios whose findings come from the pod analyzers and the shared evidence builders. */
const scenarios = [
  'demo/crashloop.yaml',
  'scenarios/crashloop-selector-mismatch.yaml',
  'scenarios/crashloop-backend-scaled-to-zero.yaml',
  'scenarios/crashloop-networkpolicy-ingress.yaml',
  'scenarios/crashloop-wrong-port.yaml',
  'scenarios/crashloop-missing-env.yaml',
  'scenarios/crashloop-app-exception.yaml',
  'scenarios/dep-typo-service.yaml',
  'scenarios/dep-external-host.yaml',
  'scenarios/dep-missing-externalname.yaml',
  'scenarios/history-crashloop-startup-probe.yaml',
  'scenarios/oomkilled.yaml',
  'scenarios/image-pull-bad-tag.yaml',
  'scenarios/image-pull-unauthorized.yaml',
  'scenarios/pull-denied-dockerhub-typo.yaml',
  'scenarios/pull-denied-runs-elsewhere.yaml',
  'scenarios/config-missing-configmap.yaml',
  'scenarios/config-missing-secret-key.yaml',
  'scenarios/init-container-waits-for-db.yaml',
  'scenarios/failed-mount-secret.yaml',
  'scenarios/evicted-node-pressure.yaml',
];

const podCodes = new Set([
  'CrashLoopBackOff',
  'OOMKilled',
  'ImagePullFailure',
  'ContainerConfigError',
  'InitContainerFailure',
  'FailedMount',
  'Evicted',
]);

/** Lines that only join quoted parts (describeProbe's sentences, lib/evidence/history.ts, are still English). */
const quotesOnly = new Set(['pods.probeListens']);

/** The parameters a Text quotes as they are (names, log lines, commands), however deeply nested. */
function quoted(text: Text, into: string[] = []): string[] {
  for (const value of Object.values(text.params ?? {}))
    if (typeof value === 'string') into.push(value);
    else if (typeof value === 'object') quoted(value, into);
  return into;
}

/** The English words left in a Chinese sentence once what it quotes, kinds and commands are taken out. */
function untranslated(text: Text, locale: 'zh-TW' | 'zh-CN'): string[] | null {
  let said = render(text, locale);
  for (const value of quoted(text).sort((a, b) => b.length - a.length)) said = said.split(value).join(' ');
  // The same allowance as the catalogue test: kinds and proper names are capitalised, a few words are Kubernetes'.
  return said.replace(/\b[A-Z][A-Za-z]+\b|\b(pod|kubectl|ms|ns)\b/g, '').match(/[a-z]{3,}/gi);
}

/** Every sentence of a finding as the Text it keeps beside its English. */
function sentences(finding: Finding): { english: string; text: Text | undefined }[] {
  return [
    { english: finding.summary, text: finding.summaryText },
    ...(finding.rootCause?.detail
      ? [{ english: finding.rootCause.detail, text: finding.rootCause.detailText }]
      : []),
    ...finding.evidence.map((english, i) => ({ english, text: finding.evidenceTexts?.[i] })),
    ...finding.suggestions.map((english, i) => ({ english, text: finding.suggestionTexts?.[i] })),
  ];
}

describe('pod findings in three languages', () => {
  for (const scenario of scenarios) {
    it(scenario, async () => {
      const { report } = await diagnoseScenario(readFileSync(join(fixtures, scenario), 'utf8'));
      const findings = report.findings.filter((finding) => podCodes.has(finding.code));
      expect(findings.length, 'a pod finding').toBeGreaterThan(0);
      for (const finding of findings) {
        expect(finding.evidenceTexts?.length, 'one evidence Text per line').toBe(finding.evidence.length);
        expect(finding.suggestionTexts?.length, 'one suggestion Text per step').toBe(
          finding.suggestions.length,
        );
        for (const { english, text } of sentences(finding)) {
          expect(text, english).toBeDefined();
          expect(render(text!, 'en')).toBe(english);
          if (text!.key === 'verbatim') continue; // a command or a quoted line reads the same everywhere
          for (const locale of ['zh-TW', 'zh-CN'] as const) {
            expect(untranslated(text!, locale), `${locale}: ${render(text!, locale)}`).toBeNull();
            if (!quotesOnly.has(text!.key))
              expect(render(text!, locale), `${locale}: ${english}`).toMatch(/[\u4e00-\u9fff]/);
          }
        }
      }
      const lead = findings[0]!;
      console.log(
        `${scenario}\n  en    ${lead.summary}\n  zh-TW ${render(lead.summaryText!, 'zh-TW')}\n  zh-CN ${render(lead.summaryText!, 'zh-CN')}`,
      );
    });
  }

  it('says the demo cause as an on-call engineer in Taiwan and on the mainland would', async () => {
    const { report } = await diagnoseScenario(readFileSync(join(fixtures, 'demo/crashloop.yaml'), 'utf8'));
    const crash = report.findings.find((finding) => finding.code === 'CrashLoopBackOff')!;
    expect(render(crash.rootCause!.detailText!, 'zh-TW')).toMatch(/無法連線到 Service \S+（拒絕連線）/);
    expect(render(crash.rootCause!.detailText!, 'zh-CN')).toMatch(/无法连接到 Service \S+（连接被拒绝）/);
  });
});
