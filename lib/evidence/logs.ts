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

/** How a dependency failed: refused, its name did not resolve, it timed out, or the client had no connection left. */
export const connectionKinds = ['refused', 'dns', 'timeout', 'unavailable'] as const;
export type ConnectionKind = (typeof connectionKinds)[number];

/**
 * The one vocabulary of connection errors, checked in order: each names a kind and the runtime or client
 * that words it so. A line matching one of these is a dependency failure, never a generic application error.
 */
export const connectionErrors: readonly { kind: ConnectionKind; pattern: RegExp; client: string }[] = [
  // JDBC (PostgreSQL) says "Connection to host:port refused"; MySQL's "(111)" is errno ECONNREFUSED.
  { kind: 'refused', pattern: /econnrefused|refused|\(111\)/i, client: 'socket, JDBC' },
  {
    kind: 'dns',
    pattern: /no such host|getaddrinfo (?:ENOTFOUND|EAI_AGAIN)|\bENOTFOUND\b/i,
    client: 'Go/Node DNS',
  },
  {
    kind: 'dns',
    pattern:
      /could(?: not|n't) resolve (?:host|server)|dns resolution failed|name or service not known|temporary failure in name resolution|unknownhostexception|could not translate host name/i,
    client: 'curl/Java/libpq DNS',
  },
  // A socket-level reason on the line says more than the client's own wording, so it comes first.
  {
    kind: 'timeout',
    pattern: /i\/o timeout|etimedout|timed? ?out|unreachable/i,
    client: 'socket',
  },
  { kind: 'unavailable', pattern: /communications link failure/i, client: 'JDBC (MySQL)' },
  {
    kind: 'unavailable',
    pattern: /could not connect to server|connection to server at "[^"]+".*failed/i,
    client: 'PostgreSQL',
  },
  { kind: 'unavailable', pattern: /can't connect to mysql server/i, client: 'MySQL' },
  { kind: 'unavailable', pattern: /error connecting to redis/i, client: 'Redis' },
  {
    kind: 'unavailable',
    pattern: /connection to node -?\d+ .*could not be established|broker may not be available/i,
    client: 'Kafka',
  },
  {
    kind: 'unavailable',
    pattern: /all host\(s\) tried for query failed|no hosts available/i,
    client: 'Cassandra',
  },
  { kind: 'unavailable', pattern: /no available connection/i, client: 'connection pool' },
];

export interface ConnectionFailure {
  host: string;
  port?: number;
  kind: ConnectionKind;
  line: string;
  /** The line names its target itself (`connect ECONNREFUSED 10.96.112.40:3306`), not borrowed from a neighbour. */
  named: boolean;
}

/** The kind of connection error a line reports, if it reports one. */
export function connectionKind(line: string): ConnectionKind | undefined {
  return connectionErrors.find((error) => error.pattern.test(line))?.kind;
}

/** Lines around a connection error that may name its target (a JDBC URL, libpq's "Is the server running on host"). */
const NEARBY = 3;
const NAMES_TARGET =
  /:\/\/|jdbc:|host "|server at|connect(?:ing)? to|tried:|refused|could not|can't connect/i;

/** Connection failures naming host[:port], most recent last. A line without a target borrows one from its neighbours. */
export function connectionFailures(text: string): ConnectionFailure[] {
  const failures: ConnectionFailure[] = [];
  const lines = text.split('\n').map(clean);
  lines.forEach((line, index) => {
    const kind = connectionKind(line);
    if (!kind) return;
    const own = hostPort(line);
    const nearby = [index + 1, index - 1, index + 2, index - 2, index - NEARBY]
      .map((i) => lines[i])
      .filter((l): l is string => l !== undefined && NAMES_TARGET.test(l));
    const targets = nearby.map(hostPort);
    const target = own ?? targets.find(Boolean);
    // "lookup rabbitmq on …: no such host" names no port; "connecting to amqp://rabbitmq:5672" just before does.
    const port = target?.port ?? targets.find((t) => t?.host === target?.host && t?.port)?.port;
    if (target && port !== undefined) target.port = port;
    if (target) failures.push({ ...target, kind, line, named: own !== undefined });
  });
  return failures;
}

function hostPort(line: string): { host: string; port?: number } | undefined {
  // "lookup redis on 10.96.0.10:53": the host looked up, not the DNS server.
  const lookup = /lookup ([a-z0-9][\w.-]*)/i.exec(line);
  const notFound = /(?:ENOTFOUND|EAI_AGAIN)\s+([a-z0-9][\w.-]*)/i.exec(line);
  const resolve = /resolve (?:host|server):?\s+['"]?([a-z0-9][\w.-]*)/i.exec(line);
  const named = lookup ?? notFound ?? resolve;
  // Kafka and the Cassandra driver write "name/ip:port": the name is what the app was told to dial.
  const slashed = /([a-z][\w.-]*)\/\d+\.\d+\.\d+\.\d+:(\d{2,5})\b/i.exec(line);
  const pairs = [...line.matchAll(/([a-z0-9][\w.-]*[a-z0-9]):(\d{2,5})\b/gi)].filter(
    // A listen address (0.0.0.0) is never a dial target; port 53 is the DNS server, not the dependency.
    (m) => !/^\d+$/.test(m[1] ?? '') && m[1] !== '0.0.0.0' && m[2] !== '53',
  );
  if (named?.[1]) {
    const port = pairs.find((m) => m[1] === named[1])?.[2];
    return { host: named[1].replace(/\.$/, ''), ...(port ? { port: Number(port) } : {}) };
  }
  if (slashed?.[1] && slashed[2]) return { host: slashed[1], port: Number(slashed[2]) };
  // libpq: 'connection to server at "db.example.com" (10.0.0.5), port 5432 failed' and 'on host "db"'.
  const quoted = /on '([\w.-]+?)(?::(\d{2,5}))?'|(?:host|server at) "([\w.-]+)"/i.exec(line);
  if (quoted && (quoted[1] || quoted[3])) {
    const port = quoted[2] ?? /port (\d{2,5})/i.exec(line)?.[1];
    return { host: (quoted[1] ?? quoted[3])!, ...(port ? { port: Number(port) } : {}) };
  }
  const pair = pairs.find((m) => !/^(tcp|udp|http|https)$/i.test(m[1] ?? '')) ?? pairs[0];
  if (pair?.[1] && pair[2]) return { host: pair[1], port: Number(pair[2]) };
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

/**
 * The failure to show a person: the most recent one, told by the last line about the same host that names it
 * itself (`Error: connect ECONNREFUSED 10.96.112.40:3306` says more than the stack's `code: 'ECONNREFUSED',`).
 */
export function telling(failures: ConnectionFailure[]): ConnectionFailure | undefined {
  const last = failures.at(-1);
  if (!last || last.named) return last;
  const named = failures.filter((f) => f.named && f.host === last.host).at(-1);
  return named ? { ...named, kind: last.kind } : last;
}
