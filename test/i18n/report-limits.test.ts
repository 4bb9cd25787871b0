// No report message exceeds a channel's limit in any language: every scenario's report, with a long Chinese variant,
// rendered for en, zh-TW and zh-CN through the Slack and LINE fakes' validators (cheap, in process).
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { messageErrors } from '../../infra/stack/line-messages.ts';
import { blockErrors } from '../../infra/stack/slack-blocks.ts';
import {
  aiFollowupMessage,
  fitToPhone,
  messageWords,
  PHONE_WORDS,
  reportMessage,
  toLine,
  toLineShort,
  toSlack,
  withReportUrl,
  wordsOf,
} from '../../lib/chat/index.ts';
import { locales } from '../../lib/locale/index.ts';
import type { Report } from '../../lib/report/index.ts';
import { diagnoseScenario, scenarioDir } from '../changes/diagnose-fixture.ts';

const files = readdirSync(scenarioDir).filter((file) => file.endsWith('.yaml'));
const longChinese = '無法連線到 Service mysql:3306（拒絕連線）😀'.repeat(120);

/** The report with every finding's sentence, evidence and next steps far past every limit, in Chinese. */
const overlong = (report: Report): Report => ({
  ...report,
  summary: longChinese,
  findings: report.findings.map((finding) => ({
    ...finding,
    summary: longChinese,
    evidence: [...finding.evidence, longChinese, longChinese],
    suggestions: [...finding.suggestions, longChinese],
  })),
  ai: {
    model: 'gemini-2.5-flash',
    text: longChinese,
    rootCause: longChinese,
    nextSteps: [longChinese, longChinese],
    toolCalls: 3,
    tokens: { prompt: 4000, output: 300 },
  },
  proposals: Array.from({ length: 7 }, (_, index) => ({
    id: `p${index}`,
    action: 'restart' as const,
    target: { kind: 'Deployment', namespace: 'shop', name: `payment-${index}-${'x'.repeat(200)}` },
    reason: longChinese,
  })),
});

describe('report messages within every channel limit, in every language', () => {
  it('holds for every scenario, as diagnosed and with overlong Chinese text', async () => {
    let checked = 0;
    for (const file of files) {
      const { report } = await diagnoseScenario(file);
      for (const variant of [report, overlong(report)])
        for (const locale of locales) {
          const url = `https://kr.example/reports/${report.id}?exp=1&sig=abc`;
          const message = withReportUrl(reportMessage(variant, locale), url);
          const followup = withReportUrl(aiFollowupMessage(overlong(report), locale), url);
          const where = `${file} ${locale}`;
          expect(blockErrors(toSlack(message).blocks), where).toEqual([]);
          expect(messageErrors(toLine(message)), where).toEqual([]);
          expect(messageErrors(toLineShort(message)), where).toEqual([]);
          expect(blockErrors(toSlack(followup).blocks), where).toEqual([]);
          expect(messageErrors(toLine(followup)), where).toEqual([]);
          checked++;
        }
    }
    console.log(
      `report limits: ${files.length} scenarios × 2 variants × ${locales.length} languages = ${checked} messages`,
    );
    expect(checked).toBe(files.length * 2 * locales.length);
  });

  it('measures Chinese for the phone by characters, so a long Chinese message is cut like an English one', async () => {
    expect(wordsOf('cannot reach Service mysql')).toBe(4);
    // Five Han characters are three words' worth; the names are words of their own.
    expect(wordsOf('無法連線到 Service mysql')).toBe(3 + 2);
    const { report } = await diagnoseScenario(files[0]!);
    // Six lines of Chinese without a space: six "words" if counted by spaces, about 300 by characters.
    const line = '容器反覆崩潰重啟最後一次結束代碼為一'.repeat(3);
    const long: Report = {
      ...report,
      findings: report.findings.map((finding, index) =>
        index === 0 ? { ...finding, evidence: Array.from({ length: 6 }, (_, i) => `${line}${i}`) } : finding,
      ),
    };
    const message = reportMessage(long, 'zh-TW');
    expect(message.evidence).toHaveLength(4);
    expect(messageWords(fitToPhone(message))).toBeGreaterThan(PHONE_WORDS);
  });
});
