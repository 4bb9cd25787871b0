// A report's summary in the reader's language: the diagnosis's frame (`report.summary`) around the findings' own
// sentences, which it names by index so each is rendered in the same language as the frame.
import { render, renderOr, t } from '../i18n/index.ts';
import type { Locale } from '../locale/index.ts';
import type { Report } from '../report/index.ts';

/** The summary through its stored `Text` in any language (en included); undefined when there is none to use. */
export function renderSummary(report: Report, locale: Locale): string | undefined {
  const text = report.summaryText;
  if (!text) return undefined;
  if (text.key !== 'report.summary') return render(text, locale);
  const { lead, cause, stateCode, probe, ...params } = text.params ?? {};
  const sentence = (index: unknown) => {
    const finding = typeof index === 'number' ? report.findings[index] : undefined;
    return finding && renderOr(finding.summaryText, finding.summary, locale);
  };
  const leadSentence = sentence(lead);
  const causeSentence = cause === 'none' ? 'none' : sentence(cause);
  // A report whose findings were changed after it was summarized says its stored English instead.
  if (leadSentence === undefined || causeSentence === undefined) return undefined;
  return t(locale, 'report.summary', {
    ...params,
    lead: leadSentence,
    cause: causeSentence,
    state: t(locale, 'report.state', { code: String(stateCode), probe: String(probe ?? 'none') }),
  });
}

/** The summary as a person reading `locale` sees it: English as it was stored, else through its `Text`. */
export const reportSummary = (report: Report, locale: Locale): string =>
  locale === 'en' ? report.summary : (renderSummary(report, locale) ?? report.summary);
