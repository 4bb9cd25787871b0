// The English words left in a Chinese message: what is not a name, a kind, a command, a field path or quoted text.
// The catalogue test runs it on every Chinese message; the zh-TW/zh-CN chat tests on every message the bot sent.

/** Latin text a Chinese message may hold: code, commands, flags, `<args>`, quotes, Kinds/reasons, names and units. */
const KEPT =
  /`[^`]*`|\/\w+|--?\w+|<\w+>|"[^"]*"|\b[A-Z][A-Za-z]+\b|\b(pod|deploy|svc|node|kubectl|en|zh|TW|CN|maxReplicas|metrics-server|webhook|ms|ns|crash)\b/g;

/** Kubernetes names, ids, addresses, field paths: words joined by `-`, `.`, `/`, `:` or `_`, or with digits. */
const NAMES = /[\w]*\d[\w]*|\b\w+(?:[-./:_]\w+)+\b/g;

/** The Latin words (3 letters or more) of `text` that are none of the above nor one of `names`; null when none. */
export function untranslated(text: string, names: readonly string[] = []): string[] | null {
  let rest = text.replace(KEPT, '').replace(NAMES, '');
  for (const name of names) rest = rest.replace(new RegExp(`\\b${name}\\b`, 'g'), '');
  return rest.match(/[a-z]{3,}/gi);
}
