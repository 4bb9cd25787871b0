// The in-cluster proxy: the only holder of cluster credentials. Serves the Kubernetes REST API to signed callers,
// within a policy, with redaction and an audit trail (docs/design.md, "Proxy protocol").
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { KubeConfig } from '@kubernetes/client-node';
import { type AuditLine, type AuditSink, writeAuditToStdout } from './audit.ts';
import { defaultPolicy } from './default-policy.ts';
import { loadPolicy, type Policy } from './policy.ts';
import { noSecretValueStore, secretValueStore } from './secret-values.ts';
import { createPipeline } from './server.ts';
import { loadKubeConfig } from './upstream.ts';

export type { AuditLine, AuditSink } from './audit.ts';
export { defaultPolicy } from './default-policy.ts';
export {
  checkWrite,
  loadPolicy,
  type Policy,
  PolicyError,
  type PolicyRule,
  PolicySchema,
  parsePolicy,
} from './policy.ts';
export { maskText } from './redact.ts';

export interface ProxyOptions {
  /** Kubeconfig file; without it (and without `kubeConfig`) the in-cluster config is used in a pod. */
  kubeconfigPath?: string;
  /** An already loaded KubeConfig (wins over kubeconfigPath). */
  kubeConfig?: KubeConfig;
  /** Kubeconfig context (default: the current one). */
  context?: string;
  /** HMAC keys: the first is the current one, all verify (rotation). */
  keys: string[];
  /** Policy file (YAML/JSON); default: the shipped default policy (default-policy.ts). */
  policyPath?: string;
  /** A parsed policy (wins over policyPath). */
  policy?: Policy;
  /** Listen address; default 127.0.0.1 (a pod passes 0.0.0.0). */
  host?: string;
  /** Listen port; default 0 (a free port). */
  port?: number;
  /** Where audit lines go; default one JSON line per request on stdout. */
  audit?: (line: AuditLine) => void;
}

export interface RunningProxy {
  url: string;
  close(): Promise<void>;
}

const MIN_KEY_LENGTH = 16;

/** Reads the proxy's secret file: one key per line, first signs, all verify; blank lines and # comments ignored. */
export function readSecretFile(path: string): string[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(
      `cannot read secret file ${path}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`,
    );
  }
  const keys: string[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    // Never echo the key itself: only where it is and what is wrong with it.
    if (line.length < MIN_KEY_LENGTH)
      throw new Error(
        `secret file ${path}, line ${index + 1}: a key must be at least ${MIN_KEY_LENGTH} characters`,
      );
    keys.push(line);
  });
  if (keys.length === 0)
    throw new Error(
      `secret file ${path} holds no key (one key per line; blank lines and # comments are ignored)`,
    );
  return keys;
}

export async function startProxy(options: ProxyOptions): Promise<RunningProxy> {
  if (options.keys.length === 0 || options.keys.some((key) => key.length === 0))
    throw new Error('the proxy needs at least one non-empty key');
  const policy = options.policy ?? (options.policyPath ? loadPolicy(options.policyPath) : defaultPolicy());
  const kubeConfig = loadKubeConfig(options);
  const audit: AuditSink = options.audit ?? writeAuditToStdout;
  const secretValues = policy.secretValueMasking.enabled
    ? secretValueStore(kubeConfig, policy)
    : noSecretValueStore;
  // Read the values now, so the first request does not wait for them (a failure is retried on that request).
  secretValues.forNamespaces([]).catch(() => {});
  const pipeline = createPipeline({ keys: [...options.keys], policy, kubeConfig, audit, secretValues });

  const server = createServer((request, response) => {
    void pipeline.handle(request, response);
  });
  server.on('upgrade', (request, socket) => {
    void pipeline.handleUpgrade(request, socket);
  });
  // Slow or stuck callers must not hold sockets forever.
  server.requestTimeout = (policy.limits.requestTimeoutSeconds + 10) * 1000;
  server.headersTimeout = 15_000;
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        secretValues.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
export { type ProxySigner, proxyApiConfiguration, signingMiddleware } from './client.ts';
