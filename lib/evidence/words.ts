// Counted nouns as words a person reads: `count(1, 'pod')` → "1 pod", `count(3, 'pod')` → "3 pods", never "pod(s)".

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
