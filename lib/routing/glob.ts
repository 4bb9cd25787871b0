// Name patterns of a route (`prod-*`): `*` is any run of characters, `?` one character, everything else literal.

/** Whether `value` matches `pattern` as a whole (`prod-*` matches `prod-eu`, not `preprod-eu`). */
export function globMatcher(pattern: string): (value: string) => boolean {
  const source = [...pattern]
    .map((char) => (char === '*' ? '.*' : char === '?' ? '.' : char.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  const regex = new RegExp(`^${source}$`);
  return (value) => regex.test(value);
}
