// Sentences of the cluster analyzers in both forms: the English they always said and the Text a reader's
// language renders.

import { inTwoForms } from '../evidence/index.ts';
import { type ListItem, render, type Text } from '../i18n/index.ts';

/**
 * Another producer's sentence as a parameter: its Text when that still says the English stored beside it, else
 * that English as it is (a producer not converted yet).
 */
export const kept = (text: Text | undefined, english: string): ListItem =>
  text && render(text, 'en') === english ? text : english;

/** A root cause's detail in both forms. */
export const said = (text: Text): { detail: string; detailText: Text } => ({
  detail: render(text, 'en'),
  detailText: text,
});

/** A finding's sentences in both forms: summary, evidence and next steps, English beside their Texts. */
export const sentences = (summary: Text, evidence: Text[], suggestions: Text[]) =>
  inTwoForms({ summary, evidence, suggestions });
