// `kube-responder diagnose`: diagnoses an alert, a namespace or the whole cluster (fixture or real cluster) in
// process and prints the Report as JSON or as text for a terminal.
import { readFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest, type RequestOptions } from 'node:https';
import { basename } from 'node:path';
import { parse } from 'yaml';
import { reportEnricher } from '../../../lib/agent/index.ts';
import {
  ClusterReadError,
  type ClusterReader,
  RestClusterReader,
  resources,
} from '../../../lib/cluster/index.ts';
import { diagnose, scopeFor } from '../../../lib/diagnosis/index.ts';
import type { Report } from '../../../lib/report/index.ts';
import { CliError, inputFile, parseFlags } from '../args.ts';
import { progressLine, renderReportText } from '../output.ts';
import { readSecretValues, redactingFetch } from '../redaction.ts';

export const usage = `Usage: kube-responder diagnose (--fixture FILE | --kubeconfig FILE [--context C])
                               [--alert FILE] [--namespace NS] [--no-ai] [--output json|text]

  --fixture FILE     a fixture cluster file (docs/fixtures.md), served in process
  --kubeconfig FILE  a real cluster, through its kubeconfig (read-only)
  --context C        kubeconfig context (default: its current context)
  --alert FILE       an Alertmanager webhook payload (its first firing alert) or one alert object (JSON/YAML);
                     the diagnosis leads with the alert's object and its root cause
  --namespace NS     diagnose one namespace (default: the whole cluster)
  --no-ai            rule-based diagnosis only
  --output FORMAT    json (the Report) or text (default; coloured on a TTY)

Exit code 0 when the diagnosis ran, whatever it found.`;

const flags = {
  fixture: { type: 'string' },
  kubeconfig: { type: 'string' },
  context: { type: 'string' },
  alert: { type: 'string' },
  namespace: { type: 'string' },
  'no-ai': { type: 'boolean' },
  output: { type: 'string' },
  'page-size': { type: 'string' },
} as const;

export interface DiagnoseHooks {
  /** Adds the AI part to a report (wired in by the agent); must not throw. */
  enrich?(report: Report, reader: ClusterReader): Promise<Report>;
}

export async function run(argv: string[]): Promise<number> {
  return runDiagnosis(argv, 'diagnose', aiHooks());
}

/** The Gemini (or OpenAI-compatible) agent when the environment configures one; `--no-ai` skips it. */
export function aiHooks(): DiagnoseHooks {
  const enrich = reportEnricher(process.env, {
    onInvestigation: (investigation) => {
      if (investigation.fallback) process.stderr.write(`AI skipped: ${investigation.fallback}\n`);
    },
  });
  return enrich ? { enrich } : {};
}

export async function runDiagnosis(argv: string[], command: 'diagnose' | 'scan', hooks: DiagnoseHooks = {}) {
  const values = parseFlags(argv, flags);
  const output = values.output ?? 'text';
  if (output !== 'json' && output !== 'text')
    throw new CliError(`--output must be json or text, got '${output}'`);
  if (command === 'scan' && (values.alert || values.namespace))
    throw new CliError('scan diagnoses the whole cluster: use diagnose for --alert or --namespace');
  const pageSize = values['page-size'] ? Number(values['page-size']) : undefined;
  if (pageSize !== undefined && (!Number.isInteger(pageSize) || pageSize < 1))
    throw new CliError(`--page-size must be a positive integer, got '${values['page-size']}'`);

  const { reader, cluster, embeddedAlert } = await openCluster(values);
  if (values.namespace) await requireNamespace(reader, cluster, values.namespace);
  // A scenario file may carry its alert (one file, one reproducible incident); --alert and --namespace win.
  const embedded = command === 'diagnose' && !values.alert && !values.namespace ? embeddedAlert : undefined;
  const alert = values.alert ? await readAlert(values.alert) : embedded;
  if (embedded) process.stderr.write(`using the alert in ${values.fixture}: ${embedded.name}\n`);
  else if (command === 'diagnose' && !alert && !values.namespace)
    process.stderr.write(
      `no alert${values.fixture ? ` in ${values.fixture}` : ''} and no --namespace: scanning the whole cluster\n`,
    );
  const scope = scopeFor({ alertLabels: alert?.labels, namespace: values.namespace });

  const progress = progressLine(process.stderr);
  let report: Report;
  try {
    report = await diagnose({
      reader,
      cluster,
      source: 'cli',
      scope,
      ...(alert ? { alert } : {}),
      ...(pageSize ? { pageSize } : {}),
      onProgress: (stage) =>
        progress.update(`diagnosing ${cluster}: ${stage} (${reader.stats.requests} requests)`),
    });
  } finally {
    progress.done();
  }
  if (!values['no-ai'] && hooks.enrich) report = await hooks.enrich(report, reader);

  if (output === 'json') process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else
    process.stdout.write(
      renderReportText(report, { color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR }),
    );
  return 0;
}

/**
 * A reader for a cluster the CLI reads itself (not through the proxy): every answer redacted like the proxy's,
 * including the values of the Secrets it can list.
 */
async function redactedReader(
  baseUrl: string,
  fetch: (request: Request) => Promise<Response>,
  namespace: string | undefined,
): Promise<ClusterReader> {
  const known = await readSecretValues(fetch, baseUrl, namespace, (message) =>
    process.stderr.write(`warning: ${message}\n`),
  );
  return new RestClusterReader({ baseUrl, fetch: redactingFetch(fetch, known) });
}

async function openCluster(values: {
  fixture?: string;
  kubeconfig?: string;
  context?: string;
  namespace?: string;
}): Promise<{ reader: ClusterReader; cluster: string; embeddedAlert?: AlertInput }> {
  if (values.fixture && values.kubeconfig)
    throw new CliError('give either --fixture or --kubeconfig, not both');
  if (values.fixture) {
    const { createFixtureHandler, loadFixtureFile } = await import('../../sim/index.ts');
    const fixture = await loadFixtureFile(inputFile('fixture', values.fixture));
    const reader = await redactedReader(
      'http://fixture.invalid',
      createFixtureHandler(fixture),
      values.namespace,
    );
    const embeddedAlert = fixtureAlert(fixture.fixture?.alert);
    return {
      reader,
      cluster: basename(values.fixture).replace(/\.ya?ml$/, ''),
      ...(embeddedAlert ? { embeddedAlert } : {}),
    };
  }
  if (values.kubeconfig) {
    const target = await kubeconfigFetch(inputFile('kubeconfig', values.kubeconfig), values.context);
    return {
      reader: await redactedReader(target.server, target.fetch, values.namespace),
      cluster: target.context,
    };
  }
  throw new CliError('give --fixture FILE or --kubeconfig FILE');
}

/**
 * A namespace that does not exist would diagnose as "no problems found": say so instead. Only a 404 counts —
 * a reader allowed into the namespace but not to get Namespace objects (403) diagnoses on.
 */
async function requireNamespace(reader: ClusterReader, cluster: string, namespace: string) {
  try {
    if (await reader.get(resources.namespaces, undefined, namespace)) return;
  } catch (error) {
    if (error instanceof ClusterReadError && error.status === 403) return;
    throw error;
  }
  const known = await reader.list(resources.namespaces).catch(() => []);
  const names = known.map((object) => object.metadata?.name).filter(Boolean);
  throw new CliError(
    `--namespace ${namespace}: no such namespace in ${cluster}${names.length ? ` (has: ${names.join(', ')})` : ''}`,
  );
}

interface AlertInput {
  name: string;
  severity?: string;
  labels: Record<string, string>;
}

/** The `alert:` of a scenario file's Fixture document (`{ name, labels }`), when it has a usable one. */
function fixtureAlert(value: unknown): AlertInput | undefined {
  const alert = value as { name?: unknown; severity?: unknown; labels?: unknown } | undefined;
  if (!alert || typeof alert.name !== 'string' || typeof alert.labels !== 'object' || !alert.labels)
    return undefined;
  const labels = Object.fromEntries(
    Object.entries(alert.labels as Record<string, unknown>).map(([key, v]) => [key, String(v)]),
  );
  return {
    name: alert.name,
    ...(typeof alert.severity === 'string' ? { severity: alert.severity } : {}),
    labels,
  };
}

/** An Alertmanager webhook payload (first firing alert) or one alert object. */
export async function readAlert(path: string): Promise<AlertInput> {
  let body: unknown;
  try {
    body = parse(await readFile(inputFile('alert', path), 'utf8'));
  } catch (error) {
    throw new CliError(`--alert ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const payload = body as {
    alerts?: { status?: string; labels?: Record<string, string> }[];
    labels?: Record<string, string>;
  };
  const alert = Array.isArray(payload?.alerts)
    ? (payload.alerts.find((a) => a.status === 'firing') ?? payload.alerts[0])
    : payload;
  const labels = alert?.labels;
  if (!labels || typeof labels !== 'object')
    throw new CliError(
      `--alert ${path}: no alert with labels (expected an Alertmanager payload or an alert object)`,
    );
  const clean = Object.fromEntries(Object.entries(labels).map(([k, v]) => [k, String(v)]));
  return {
    name: clean.alertname ?? 'unnamed-alert',
    ...(clean.severity ? { severity: clean.severity } : {}),
    labels: clean,
  };
}

/** An authenticated fetch for a kubeconfig context: its auth headers and TLS material, over node:http(s). */
async function kubeconfigFetch(
  file: string,
  context: string | undefined,
): Promise<{ server: string; context: string; fetch: (request: Request) => Promise<Response> }> {
  const { KubeConfig } = await import('@kubernetes/client-node');
  const config = new KubeConfig();
  try {
    config.loadFromFile(file);
  } catch (error) {
    throw new CliError(`--kubeconfig ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (context) {
    if (!config.getContextObject(context))
      throw new CliError(
        `--context ${context}: not in ${file} (has: ${config
          .getContexts()
          .map((c) => c.name)
          .join(', ')})`,
      );
    config.setCurrentContext(context);
  }
  const cluster = config.getCurrentCluster();
  if (!cluster) throw new CliError(`--kubeconfig ${file}: the current context names no cluster`);
  // client-node fills in the Authorization header (token, exec plugin, basic) and ca/cert/key for this context.
  const options: RequestOptions = {};
  await config.applyToHTTPSOptions(options);
  const authHeaders = Object.fromEntries(
    Object.entries((options.headers ?? {}) as Record<string, unknown>).map(([k, v]) => [k, String(v)]),
  );
  return {
    server: cluster.server,
    context: config.getCurrentContext(),
    fetch: (request) =>
      new Promise<Response>((resolve, reject) => {
        const url = new URL(request.url);
        const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
        const outgoing = send(
          url,
          {
            method: request.method,
            headers: { ...Object.fromEntries(request.headers), ...authHeaders },
            ...(url.protocol === 'https:'
              ? {
                  ca: options.ca,
                  cert: options.cert,
                  key: options.key,
                  rejectUnauthorized: options.rejectUnauthorized ?? true,
                }
              : {}),
            signal: request.signal,
          },
          (incoming) => {
            const chunks: Buffer[] = [];
            incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
            incoming.on('error', reject);
            incoming.on('end', () => {
              const headers = new Headers();
              for (const [key, value] of Object.entries(incoming.headers))
                if (typeof value === 'string') headers.set(key, value);
              const status = incoming.statusCode ?? 502;
              const body = status === 204 || status === 304 ? null : Buffer.concat(chunks);
              resolve(new Response(body, { status, headers }));
            });
          },
        );
        outgoing.on('error', reject);
        outgoing.end();
      }),
  };
}
