// Sentences of the cluster analyzers in both forms: the English they always said and the Text a reader's
// language renders; lists ("cpu and memory") as nested Texts, two items at a time.
import { render, type Text } from '../i18n/index.ts';

type Item = string | Text;

/** `items` joined by `key` ('cluster.and', 'cluster.then'): the English reads as the old `join(' and ')` did. */
export function listText(key: 'cluster.and' | 'cluster.then', items: Item[]): Item {
  const [first, ...rest] = items;
  if (first === undefined) return '';
  if (rest.length === 0) return first;
  return { key, params: { first, second: listText(key, rest) } };
}

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
