// The API server side of the proxy: a KubeConfig (in-cluster or a kubeconfig file) and one request to it with
// the kubeconfig's credentials applied by @kubernetes/client-node, the body read with a byte cap.
import type { Agent as HttpAgent, IncomingMessage } from 'node:http';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { KubeConfig } from '@kubernetes/client-node';

export interface UpstreamOptions {
  kubeconfigPath?: string;
  kubeConfig?: KubeConfig;
  context?: string;
}

/** Builds the KubeConfig: the given one, a kubeconfig file, or in-cluster config when running in a pod. */
export function loadKubeConfig(options: UpstreamOptions): KubeConfig {
  let config = options.kubeConfig;
  if (!config) {
    config = new KubeConfig();
    if (options.kubeconfigPath) config.loadFromFile(options.kubeconfigPath);
    else if (process.env.KUBERNETES_SERVICE_HOST) config.loadFromCluster();
    else throw new Error('no kubeconfig given and not running in a pod (KUBERNETES_SERVICE_HOST is not set)');
  }
  if (options.context) {
    if (!config.getContextObject(options.context)) {
      const known = config.getContexts().map((c) => c.name);
      throw new Error(
        `context '${options.context}' is not in the kubeconfig (known: ${known.join(', ') || 'none'})`,
      );
    }
    config.setCurrentContext(options.context);
  }
  const cluster = config.getCurrentCluster();
  if (!cluster)
    throw new Error(`the kubeconfig's current context '${config.getCurrentContext()}' names no cluster`);
  if (cluster.server.startsWith('http:') && !cluster.skipTLSVerify) {
    // client-node refuses plain http unless skipTLSVerify is set. Credentials must not cross a network in clear
    // text, so plain http is accepted only on loopback (a local API server, the fixture cluster) and then marked
    // as such, there being no TLS to verify.
    const host = new URL(cluster.server).hostname;
    if (!/^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/.test(host))
      throw new Error(
        `cluster '${cluster.name}' uses plain http on ${host}: only https is allowed off loopback`,
      );
    const plain = new KubeConfig();
    plain.loadFromOptions({
      clusters: config.clusters.map((c) => (c.name === cluster.name ? { ...c, skipTLSVerify: true } : c)),
      contexts: config.contexts,
      users: config.users,
      currentContext: config.getCurrentContext(),
    });
    return plain;
  }
  return config;
}

export interface UpstreamRequest {
  method: string;
  pathAndQuery: string;
  headers: Record<string, string>;
  body?: Uint8Array;
  timeoutMs: number;
  /** Stop reading (and fail) past this many bytes, unless `keepTail` is set. */
  maxBytes: number;
  /** Keep only the last `maxBytes` instead of failing (logs: the newest lines matter). */
  keepTail?: boolean;
}

export interface UpstreamResponse {
  status: number;
  headers: IncomingMessage['headers'];
  body: Uint8Array;
  /** Bytes dropped from the front (keepTail) — the body is the tail of a longer response. */
  droppedBytes: number;
}

export class UpstreamError extends Error {
  constructor(
    readonly status: 502 | 504,
    message: string,
  ) {
    super(message);
    this.name = 'UpstreamError';
  }
}

/** Sends one request to the API server with the kubeconfig's auth (token, client cert, exec plugin, CA). */
export async function sendUpstream(config: KubeConfig, request: UpstreamRequest): Promise<UpstreamResponse> {
  const cluster = config.getCurrentCluster();
  if (!cluster) throw new UpstreamError(502, 'the kubeconfig names no cluster');
  // client-node puts credentials in headers/auth and TLS material (CA, client cert) in an Agent it builds.
  const options: {
    headers?: Record<string, string>;
    agent?: HttpAgent;
    auth?: string;
  } = { headers: {} };
  await config.applyToHTTPSOptions(options as Parameters<KubeConfig['applyToHTTPSOptions']>[0]);
  const base = new URL(cluster.server);
  const url = new URL(`${base.pathname.replace(/\/+$/, '')}${request.pathAndQuery}`, base);
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;

  return await new Promise<UpstreamResponse>((resolve, reject) => {
    const outgoing = send(url, {
      method: request.method,
      headers: {
        ...request.headers,
        ...options.headers,
        ...(request.body ? { 'content-length': String(request.body.byteLength) } : {}),
      },
      ...(options.agent ? { agent: options.agent } : {}),
      ...(options.auth ? { auth: options.auth } : {}),
      signal: AbortSignal.timeout(request.timeoutMs),
    });
    outgoing.on('error', (error: Error & { code?: string }) => {
      if (error.name === 'AbortError' || error.name === 'TimeoutError' || error.code === 'ABORT_ERR')
        reject(new UpstreamError(504, `the API server did not answer within ${request.timeoutMs} ms`));
      else reject(new UpstreamError(502, `cannot reach the API server: ${error.code ?? error.message}`));
    });
    outgoing.on('response', (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let dropped = 0;
      response.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        size += chunk.byteLength;
        if (size <= request.maxBytes) return;
        if (!request.keepTail) {
          response.destroy();
          reject(new UpstreamError(502, `the API server's response exceeds ${request.maxBytes} bytes`));
          return;
        }
        // Drop whole chunks from the front while what remains still covers maxBytes.
        while (chunks.length > 1 && size - (chunks[0]?.byteLength ?? 0) >= request.maxBytes) {
          const first = chunks.shift() as Buffer;
          size -= first.byteLength;
          dropped += first.byteLength;
        }
      });
      response.on('error', (error) =>
        reject(new UpstreamError(502, `reading the API server's answer: ${error.message}`)),
      );
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 502,
          headers: response.headers,
          body: new Uint8Array(Buffer.concat(chunks)),
          droppedBytes: dropped,
        }),
      );
    });
    outgoing.end(request.body ? Buffer.from(request.body) : undefined);
  });
}
