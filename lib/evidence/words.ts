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

/** A span as a person says it on a phone: "45 s", "30 min", "5 h", "3 days". */
export function duration(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return `${Math.max(0, Math.floor(ms / 1000))} s`;
  if (minutes < 120) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h`;
  return count(Math.floor(hours / 24), 'day');
}
