// Reads the few log lines that matter (errors, exceptions, connection failures, OOM) and never more.

import { redactText } from '../security/index.ts';

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})\s+/;
const INTERESTING =
  /\b(error|err|fatal|panic|exception|traceback|refused|timed? ?out|no such host|unreachable|enotfound|econnrefused|oom|out of memory|killed|not set|missing|undefined|denied|failed|cannot|can't)\b/i;
const MAX_LINE = 200;

/** The lines worth showing a person: at most `max`, de-duplicated, secrets masked, each ≤ 200 chars. */
export function keyLines(text: string, max = 4): string[] {
  const seen = new Set<string>();
  const picked: string[] = [];
  const lines = text.split('\n').map(clean).filter(Boolean);
  for (const line of lines) {
    if (!INTERESTING.test(line)) continue;
    if (/^\s+at\s/.test(line) || /^\s*File "/.test(line)) continue; // stack frames say little on call
    const normal = line.replace(/\d+/g, '#');
    if (seen.has(normal)) continue;
    seen.add(normal);
    picked.push(line);
  }
  // The last lines before a crash usually carry the cause.
  return picked.slice(-max);
}

export function clean(line: string): string {
  let out = line.replace(TIMESTAMP, '').trimEnd();
  out = redactText(out);
  return out.length > MAX_LINE ? `${out.slice(0, MAX_LINE - 1)}…` : out;
}

export interface ConnectionFailure {
  host: string;
  port?: number;
  kind: 'refused' | 'dns' | 'timeout';
  line: string;
}

/** Connection failures naming host[:port], most recent last. */
export function connectionFailures(text: string): ConnectionFailure[] {
  const failures: ConnectionFailure[] = [];
  for (const raw of text.split('\n')) {
    const line = clean(raw);
    const kind = /refused|econnrefused|\(111\)/i.test(line)
      ? 'refused'
      : /no such host|enotfound|name or service not known|could not resolve|temporary failure in name resolution/i.test(
            line,
          )
        ? 'dns'
        : /timed? ?out|etimedout|i\/o timeout|unreachable/i.test(line)
          ? 'timeout'
          : undefined;
    if (!kind) continue;
    const target = hostPort(line);
    if (target) failures.push({ ...target, kind, line });
  }
  return failures;
}

function hostPort(line: string): { host: string; port?: number } | undefined {
  // "lookup redis on 10.96.0.10:53": the host looked up, not the DNS server.
  const lookup = /lookup ([a-z0-9][\w.-]*)/i.exec(line);
  const notFound = /(?:ENOTFOUND|EAI_AGAIN)\s+([a-z0-9][\w.-]*)/i.exec(line);
  const named = lookup ?? notFound;
  const pairs = [...line.matchAll(/([a-z0-9][\w.-]*[a-z0-9]):(\d{2,5})\b/gi)].filter(
    (m) => !/^\d+$/.test(m[1] ?? '') && m[2] !== '53',
  );
  if (named?.[1]) {
    const port = pairs.find((m) => m[1] === named[1])?.[2];
    return { host: named[1], ...(port ? { port: Number(port) } : {}) };
  }
  const pair = pairs.find((m) => !/^(tcp|udp|http|https)$/i.test(m[1] ?? '')) ?? pairs[0];
  if (pair?.[1] && pair[2]) return { host: pair[1], port: Number(pair[2]) };
  // Quoted host names, e.g. MySQL's "Can't connect to MySQL server on 'mysql' (111)".
  const quoted = /on '([\w.-]+)'|host "([\w.-]+)"/i.exec(line);
  const host = quoted?.[1] ?? quoted?.[2];
  if (host) {
    const port = /port (\d{2,5})/i.exec(line)?.[1];
    return { host, ...(port ? { port: Number(port) } : {}) };
  }
  return undefined;
}

/** An env var or config key the app says is missing. */
export function missingSetting(text: string): { name: string; line: string; env: boolean } | undefined {
  for (const raw of text.split('\n').reverse()) {
    const line = clean(raw);
    const match =
      /(?:environment variable|env var|env)\s+['"`]?([A-Z][A-Z0-9_]{2,})['"`]?\s+(?:is\s+)?(?:not set|missing|required|undefined|empty)/i.exec(
        line,
      ) ??
      /(?:missing|required)\s+(?:environment variable|env var|env|setting|config(?:uration)? key)\s+['"`]?([A-Za-z][\w.]{2,})/i.exec(
        line,
      ) ??
      /KeyError:\s*['"]([A-Z][A-Z0-9_]{2,})['"]/.exec(line);
    if (match?.[1])
      return {
        name: match[1],
        line,
        env: /env|KeyError|os\.environ|process\.env/i.test(line) || /^[A-Z][A-Z0-9_]+$/.test(match[1]),
      };
  }
  return undefined;
}

/** The app's own failure: an exception, a panic, a fatal line. */
export function applicationError(text: string): string | undefined {
  const lines = text.split('\n').map(clean).filter(Boolean).reverse();
  return lines.find((line) =>
    /(exception|traceback|panic:|fatal|uncaught|unhandled|segmentation fault|error:)/i.test(line),
  );
}

export function mentionsOom(text: string): boolean {
  return /out of memory|outofmemoryerror|oomkilled|heap out of memory|cannot allocate memory/i.test(text);
}
