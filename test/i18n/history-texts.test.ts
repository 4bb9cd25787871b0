// Probes, Jobs and CronJobs are said language-neutral: every sentence the history area writes has its Text, the Text
// renders to the English byte for byte, and a zh-TW / zh-CN reader reads it in Chinese with names left as they are.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { render, type Text } from '../../lib/i18n/index.ts';
import type { Finding } from '../../lib/report/index.ts';
import { diagnoseScenario } from '../diagnosis/expectations.ts';

const scenarios = [
  'probe-failure.yaml',
  'history-liveness-kills.yaml',
  'chain-ingress-readiness-redis-loading.yaml',
  'chain-readiness-log-postgres.yaml',
  'job-failed-exception.yaml',
  'job-serviceaccount-missing.yaml',
  'job-stale-failedcreate-db.yaml',
  'cronjob-failing-missing-env.yaml',
  'cronjob-not-run.yaml',
  'cronjob-pods-gone-stale-event.yaml',
];
const ours = new Set(['ProbeFailure', 'JobFailed', 'CronJobFailing']);
const cjk = /[\u4e00-\u9fff]/;

async function findingsOf(file: string): Promise<Finding[]> {
  const text = readFileSync(join(import.meta.dirname, '../fixtures/scenarios', file), 'utf8');
  const { report } = await diagnoseScenario(text);
  return report.findings.filter((finding) => ours.has(finding.code));
}

/** A Text that is not only a quoted line must read in Chinese. */
const translated = (text: Text) => text.key !== 'verbatim';

describe('history area in three languages', () => {
  it.each(scenarios)(
    '%s: each sentence has its Text, the same in English, Chinese in zh-TW and zh-CN',
    async (file) => {
      const findings = await findingsOf(file);
      expect(findings.length, file).toBeGreaterThan(0);
      for (const finding of findings) {
        expect(finding.summaryText, finding.summary).toBeDefined();
        expect(render(finding.summaryText!, 'en')).toBe(finding.summary);
        // The diagnosis may append a folded finding's lines after ours; ours come first, one for one.
        const texts = finding.evidenceTexts ?? [];
        expect(texts.length).toBeGreaterThan(0);
        for (const [index, text] of texts.entries()) expect(render(text, 'en')).toBe(finding.evidence[index]);
        expect(finding.suggestionTexts?.map((text) => render(text, 'en'))).toEqual(finding.suggestions);
        if (finding.rootCause?.detailText)
          expect(render(finding.rootCause.detailText, 'en')).toBe(finding.rootCause.detail);
        for (const locale of ['zh-TW', 'zh-CN'] as const) {
          expect(render(finding.summaryText!, locale)).toMatch(cjk);
          for (const text of [...texts, ...(finding.suggestionTexts ?? [])].filter(translated))
            expect(render(text, locale), text.key).toMatch(cjk);
        }
      }
    },
  );

  it('says the redis chain in the reader’s words, names untranslated', async () => {
    const [probe] = await findingsOf('chain-ingress-readiness-redis-loading.yaml');
    const said = (locale: 'en' | 'zh-TW' | 'zh-CN') => render(probe!.summaryText!, locale);
    for (const locale of ['en', 'zh-TW', 'zh-CN'] as const) console.log(`${locale}: ${said(locale)}`);
    expect(said('zh-TW')).toContain(
      'StatefulSet shop/redis 回應 LOADING，所以 Deployment shop/web 的就緒探針',
    );
    expect(said('zh-CN')).toContain(
      'StatefulSet shop/redis 返回 LOADING，所以 Deployment shop/web 的就绪探针',
    );
    expect(probe!.rootCause?.stateText).toEqual({ key: 'verbatim', params: { text: 'LOADING' } });
  });
});
