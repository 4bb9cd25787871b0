// Serves the fixture handler over node:http on loopback, and writes a kubeconfig that points at it.
import { writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { stringify } from 'yaml';
import { type FixtureCluster, loadFixtureFile } from './fixture.ts';
import { createFixtureHandler } from './server.ts';

export interface FixtureServerOptions {
  /** A loaded cluster; takes precedence over fixturePath. */
  cluster?: FixtureCluster;
  /** A fixture file to load when no cluster is given. */
  fixturePath?: string;
  /** Defaults to 127.0.0.1. */
  host?: string;
  /** Defaults to 0 (a free port). */
  port?: number;
}

export interface FixtureServer {
  /** `http://HOST:PORT`, the cluster's API server URL. */
  url: string;
  cluster: FixtureCluster;
  close(): Promise<void>;
}

async function toRequest(incoming: IncomingMessage, origin: string): Promise<Request> {
  const headers = new Headers();
  for (const [key, value] of Object.entries(incoming.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(key, v);
    else if (value !== undefined) headers.set(key, value);
  }
  const method = incoming.method ?? 'GET';
  let body: Buffer | undefined;
  if (method !== 'GET' && method !== 'HEAD') {
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) chunks.push(chunk as Buffer);
    body = Buffer.concat(chunks);
  }
  return new Request(new URL(incoming.url ?? '/', origin), { method, headers, ...(body ? { body } : {}) });
}

async function send(response: Response, outgoing: ServerResponse): Promise<void> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, key) => {
    headers[key] = value;
  });
  const body = Buffer.from(await response.arrayBuffer());
  headers['content-length'] = String(body.length);
  outgoing.writeHead(response.status, headers);
  outgoing.end(body);
}

export async function startFixtureServer(options: FixtureServerOptions = {}): Promise<FixtureServer> {
  const cluster =
    options.cluster ?? (options.fixturePath ? await loadFixtureFile(options.fixturePath) : undefined);
  if (!cluster) throw new Error('startFixtureServer needs a cluster or a fixturePath');
  const handler = createFixtureHandler(cluster);
  const host = options.host ?? '127.0.0.1';
  const server = createServer((incoming, outgoing) => {
    toRequest(incoming, `http://${incoming.headers.host ?? host}`)
      .then(handler)
      .then((response) => send(response, outgoing))
      .catch((error: unknown) => {
        if (!outgoing.headersSent) outgoing.writeHead(500, { 'content-type': 'text/plain' });
        outgoing.end(`fixture server: ${error instanceof Error ? error.message : String(error)}`);
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return {
    url,
    cluster,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** Writes a kubeconfig (context `fixture`, a token user) that kubectl and @kubernetes/client-node accept. */
export async function writeKubeconfig(
  url: string,
  path: string,
  options: { namespace?: string } = {},
): Promise<void> {
  const kubeconfig = {
    apiVersion: 'v1',
    kind: 'Config',
    // client-node refuses plain http unless TLS verification is off; kubectl ignores the flag for http.
    clusters: [
      { name: 'fixture', cluster: { server: url, 'insecure-skip-tls-verify': url.startsWith('http:') } },
    ],
    users: [{ name: 'fixture', user: { token: 'fixture-token' } }],
    contexts: [
      {
        name: 'fixture',
        context: {
          cluster: 'fixture',
          user: 'fixture',
          ...(options.namespace ? { namespace: options.namespace } : {}),
        },
      },
    ],
    'current-context': 'fixture',
    preferences: {},
  };
  await writeFile(path, stringify(kubeconfig), { mode: 0o600 });
}
