// Counted nouns as words a person reads: `count(1, 'pod')` → "1 pod", `count(3, 'pod')` → "3 pods", never "pod(s)".
// In a `Text` the number is a parameter and ICU plural agrees with it in the reader's language (`span`).
import { render, type Text } from '../i18n/index.ts';

/** Nouns whose plural is not the singular plus "s" (or "es" after s, x, z, ch, sh). */
const IRREGULAR: Readonly<Record<string, string>> = {
  replica: 'replicas',
  policy: 'policies',
  child: 'children',
  entry: 'entries',
  person: 'people',
  dependency: 'dependencies',
  proxy: 'proxies',
};

/** The noun's plural: irregulars from the table, else English's regular endings. */
export function plural(noun: string): string {
  const known = IRREGULAR[noun];
  if (known) return known;
  if (/(s|x|z|ch|sh)$/.test(noun)) return `${noun}es`;
  if (/[^aeiou]y$/.test(noun)) return `${noun.slice(0, -1)}ies`;
  return `${noun}s`;
}

/** "1 pod", "0 pods", "3 NetworkPolicies" — the number and the noun agreeing with it. */
export function count(n: number, noun: string): string {
  return `${n} ${n === 1 ? noun : plural(noun)}`;
}

/** A span as a person says it on a phone: "45 s", "30 min", "5 h", "3 days". */
export function duration(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return `${Math.max(0, Math.floor(ms / 1000))} s`;
  if (minutes < 120) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h`;
  return count(Math.floor(hours / 24), 'day');
}

/** `duration` as a `Text`: the number a parameter, the unit said in the reader's language. */
export function span(ms: number): Text {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return { key: 'pods.span.seconds', params: { n: Math.max(0, Math.floor(ms / 1000)) } };
  if (minutes < 120) return { key: 'pods.span.minutes', params: { n: minutes } };
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return { key: 'pods.span.hours', params: { n: hours } };
  return { key: 'pods.span.days', params: { count: Math.floor(hours / 24) } };
}

/** Sentences as a Finding stores them: the English it always said, beside the language-neutral `Text`s. */
export function inTwoForms(said: { summary: Text; evidence: Text[]; suggestions: Text[] }) {
  const english = (texts: Text[]) => texts.map((text) => render(text, 'en'));
  return {
    summary: render(said.summary, 'en'),
    summaryText: said.summary,
    evidence: english(said.evidence),
    evidenceTexts: said.evidence,
    suggestions: english(said.suggestions),
    suggestionTexts: said.suggestions,
  };
}
