// `kube-responder proxy check`: signs one list request per kind the analyzers read and says which the proxy lets through.
import { type Analyzer, analyzers } from '../../../lib/analyzers/index.ts';
import { collectionPath, type ResourceName, resources } from '../../../lib/cluster/index.ts';
import {
  ACTOR_HEADER,
  SIGNATURE_HEADER,
  signRequest,
  stripControl,
  TIMESTAMP_HEADER,
} from '../../../lib/security/index.ts';
import { CliError, parseFlags } from '../args.ts';

export const usage = `Usage: kube-responder proxy check --url URL --secret-file FILE [--actor NAME] [--namespace NS]

Signs a list request (limit=1) for every kind the analyzers read, and one pod-log read, and prints per kind
whether the proxy lets it be read: ok, forbidden (the proxy's policy or the cluster's RBAC refused) or error
(with the status). Exits 1 when a kind every diagnosis reads (the ones marked essential) is not readable.

Options:
  --url URL           the proxy as the Worker reaches it (CLUSTERS.<name>.proxyUrl), e.g. https://proxy.example.com
  --secret-file FILE  the HMAC key the Worker signs with (CLUSTERS.<name>.key): the first non-comment line
  --actor NAME        the X-KR-Actor to send (default: proxy-check; it appears in the proxy's audit lines)
  --namespace NS      read namespaced kinds in NS only (for a chart installed with rbac.clusterWide=false)`;

export type Verdict = 'ok' | 'forbidden' | 'error';

export interface KindCheck {
  /** `pods`, `nodes`, … as the resource table names them; `pods/log` for the log read. */
  name: ResourceName | 'pods/log';
  kind: string;
  /** Read by every diagnosis (what the pod analyzers read, and pod logs). */
  essential: boolean;
  verdict: Verdict;
  /** The status and the proxy's or API server's message, when not ok. */
  detail?: string;
  /** The analyzers that read it (what goes missing when it is not readable). */
  readBy: string[];
}

export interface CheckOptions {
  url: string;
  key: string;
  actor: string;
  namespace?: string;
  fetch?: typeof fetch;
}

/** Every list any analyzer reads, in the resource table's order; essential: what the pod analyzers read. */
export function kindsToCheck(all: readonly Analyzer[] = analyzers): Omit<KindCheck, 'verdict'>[] {
  const essential = new Set(all.flatMap((analyzer) => analyzer.reads.Pod ?? []));
  const read = new Set(
    all.flatMap((analyzer) => Object.values(analyzer.reads).flatMap((names) => names ?? [])),
  );
  return (Object.keys(resources) as ResourceName[])
    .filter((name) => read.has(name))
    .map((name) => ({
      name,
      kind: resources[name].kind,
      essential: essential.has(name),
      readBy: all
        .filter((analyzer) => Object.values(analyzer.reads).some((names) => names?.includes(name)))
        .map((analyzer) => analyzer.name),
    }));
}

async function signedGet(options: CheckOptions, pathAndQuery: string): Promise<Response> {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = await signRequest(options.key, {
    method: 'GET',
    pathAndQuery,
    timestamp,
    actor: options.actor,
    body: '',
  });
  return (options.fetch ?? fetch)(new URL(pathAndQuery, options.url), {
    headers: {
      [TIMESTAMP_HEADER]: timestamp,
      [ACTOR_HEADER]: options.actor,
      [SIGNATURE_HEADER]: signature,
      accept: 'application/json',
    },
    signal: AbortSignal.timeout(20_000),
  });
}

/** The status and the first line of the answer's message (cluster text: control characters stripped). */
async function describeRefusal(response: Response): Promise<string> {
  const text = await response.text().catch(() => '');
  let message = text;
  try {
    const parsed = JSON.parse(text) as { message?: unknown; error?: unknown };
    message = String(parsed.message ?? parsed.error ?? text);
  } catch {}
  const hint =
    response.status === 401
      ? ' (signature refused: does --secret-file hold a key the proxy has, and is this clock right?)'
      : response.status === 404
        ? ' (not served: is this API installed in the cluster?)'
        : '';
  const line = stripControl(message).split('\n')[0]?.trim().slice(0, 160) ?? '';
  return `${response.status}${line ? ` ${line}` : ''}${hint}`;
}

async function probe(
  options: CheckOptions,
  pathAndQuery: string,
): Promise<Pick<KindCheck, 'verdict' | 'detail'> & { body?: unknown }> {
  let response: Response;
  try {
    response = await signedGet(options, pathAndQuery);
  } catch (error) {
    const cause =
      error instanceof Error
        ? error.cause instanceof Error
          ? error.cause.message
          : error.message
        : String(error);
    return { verdict: 'error', detail: `unreachable: ${cause}` };
  }
  if (response.ok) {
    const body = pathAndQuery.includes('/log') ? undefined : await response.json().catch(() => undefined);
    return { verdict: 'ok', body };
  }
  return {
    verdict: response.status === 403 ? 'forbidden' : 'error',
    detail: await describeRefusal(response),
  };
}

/** Checks every kind, then one pod's log (the first pod the pods list shows). */
export async function checkProxy(options: CheckOptions): Promise<KindCheck[]> {
  const checks: KindCheck[] = [];
  let firstPod: { namespace: string; name: string } | undefined;
  for (const kind of kindsToCheck()) {
    const path = `${collectionPath(resources[kind.name as ResourceName], options.namespace)}?limit=1`;
    const { body, ...result } = await probe(options, path);
    checks.push({ ...kind, ...result });
    if (kind.name === 'pods' && result.verdict === 'ok') {
      const item = (body as { items?: { metadata?: { name?: string; namespace?: string } }[] })?.items?.[0];
      if (item?.metadata?.name && item.metadata.namespace)
        firstPod = { name: item.metadata.name, namespace: item.metadata.namespace };
    }
  }
  const logs = {
    name: 'pods/log' as const,
    kind: 'Pod log',
    essential: true,
    readBy: ['logs of suspect pods'],
  };
  if (!firstPod) {
    checks.push({ ...logs, essential: false, verdict: 'error', detail: 'no pod listed to read a log of' });
  } else {
    const path = `${collectionPath(resources.pods, firstPod.namespace)}/${encodeURIComponent(firstPod.name)}/log?tailLines=1`;
    const { body: _, ...result } = await probe(options, path);
    // A pod that has not started has no log yet (400): the read itself was allowed.
    checks.push({ ...logs, ...(result.detail?.startsWith('400') ? { verdict: 'ok' } : result) });
  }
  return checks;
}

export function formatChecks(
  checks: readonly KindCheck[],
  options: Pick<CheckOptions, 'url' | 'namespace'>,
): string {
  const width = Math.max(...checks.map((check) => `${check.kind} (${check.name})`.length));
  const lines = [
    `proxy ${options.url}, ${options.namespace ? `namespace ${options.namespace}` : 'cluster-wide'}:`,
    ...checks.map((check) => {
      const label = `${check.kind} (${check.name})`.padEnd(width);
      const tail =
        check.verdict === 'ok' ? '' : ` — ${check.detail ?? ''}; without it: ${check.readBy.join(', ')}`;
      return `  ${check.verdict.padEnd(9)} ${label} ${check.essential ? 'essential' : 'optional '}${tail}`;
    }),
  ];
  const missing = checks.filter((check) => check.essential && check.verdict !== 'ok');
  const optional = checks.filter((check) => !check.essential && check.verdict !== 'ok');
  lines.push(
    missing.length > 0
      ? `NOT READY: ${missing.length} essential kind(s) not readable: ${missing.map((check) => check.name).join(', ')}`
      : `ready: every essential kind is readable${optional.length > 0 ? `; ${optional.length} optional kind(s) are not: ${optional.map((check) => check.name).join(', ')}` : ''}`,
  );
  return lines.join('\n');
}

export async function run(argv: string[]): Promise<number> {
  const flags = parseFlags(argv, {
    url: { type: 'string' },
    'secret-file': { type: 'string' },
    actor: { type: 'string' },
    namespace: { type: 'string' },
  });
  if (!flags.url) throw new CliError('--url is required');
  if (!URL.canParse(flags.url) || !/^https?:$/.test(new URL(flags.url).protocol))
    throw new CliError(`--url must be an http(s) URL, got '${flags.url}'`);
  if (!flags['secret-file']) throw new CliError('--secret-file is required');
  // The proxy's own secret-file format; its first key is the one that signs (the Worker's CLUSTERS key).
  const { readSecretFile } = await import('../../proxy/index.ts');
  const [key = ''] = readSecretFile(flags['secret-file']);
  const options = {
    url: flags.url,
    key,
    actor: flags.actor ?? 'proxy-check',
    ...(flags.namespace ? { namespace: flags.namespace } : {}),
  };
  const checks = await checkProxy(options);
  console.log(formatChecks(checks, options));
  return checks.some((check) => check.essential && check.verdict !== 'ok') ? 1 : 0;
}
