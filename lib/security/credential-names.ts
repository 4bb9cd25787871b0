// Whether a name (env var, flag, ConfigMap or Secret key, annotation key) names a credential, and the masking of
// credential flags in a command line. Local stand-ins for lib/security/redact.ts `isSensitiveName` and
// `redactArgs`, which another branch adds; the lead switches these to them at merge.
import { SENSITIVE_NAME } from './redact.ts';

/**
 * Whether a name (an env var, a flag, a ConfigMap key, an annotation key) names a credential. An annotation key's
 * prefix (`example.com/`) is a domain, not a name, so only its last segment is judged.
 */
export function namesCredential(name: string): boolean {
  const last = name.slice(name.lastIndexOf('/') + 1);
  return SENSITIVE_NAME.test(last);
}

// `--db-password=V`, `--token V`, `-password V` inside one string (a shell command line).
const FLAG_IN_TEXT = /(^|\s)(--?[A-Za-z0-9][\w.-]*)(=|\s+)("[^"]*"|'[^']*'|[^\s"']+)/g;

/**
 * Masks the values of credential flags in a command line: `--password=V`, `--password V` (the next item),
 * and the same inside a single shell string (`sh -c "mysql --password V"`).
 */
export function maskCredentialArgs(argv: readonly string[], mask: string): string[] {
  const out: string[] = [];
  let maskNext = false;
  for (const arg of argv) {
    if (maskNext) {
      out.push(mask);
      maskNext = false;
      continue;
    }
    const flag = /^(--?[A-Za-z0-9][\w.-]*)(=(.*))?$/s.exec(arg);
    const name = flag?.[1] ?? '';
    if (flag && namesCredential(name) && !name.startsWith('--no-')) {
      if (flag[2] !== undefined) out.push(`${name}=${mask}`);
      else {
        out.push(arg);
        maskNext = true;
      }
      continue;
    }
    out.push(
      arg.replace(FLAG_IN_TEXT, (whole, lead: string, name: string, sep: string) =>
        namesCredential(name) && !name.startsWith('--no-') ? `${lead}${name}${sep}${mask}` : whole,
      ),
    );
  }
  return out;
}
