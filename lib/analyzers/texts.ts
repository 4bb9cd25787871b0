// Sentences of the cluster analyzers in both forms: the English they always said and the Text a reader's
// language renders.
import { render, type Text } from '../i18n/index.ts';

/** A root cause's detail in both forms. */
export const said = (text: Text): { detail: string; detailText: Text } => ({
  detail: render(text, 'en'),
  detailText: text,
});

/** A finding's sentences in both forms: summary, evidence and next steps, English beside their Texts. */
export const sentences = (summary: Text, evidence: Text[], suggestions: Text[]) => ({
  summary: render(summary, 'en'),
  evidence: evidence.map((text) => render(text, 'en')),
  suggestions: suggestions.map((text) => render(text, 'en')),
  summaryText: summary,
  evidenceTexts: evidence,
  suggestionTexts: suggestions,
});
