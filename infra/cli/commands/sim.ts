// `kube-responder sim`: serves a fixture cluster over the Kubernetes REST API until SIGINT/SIGTERM/SIGHUP.
import { CliError, inputFile, parseFlags, parsePort } from '../args.ts';
import { untilStopped } from '../lifetime.ts';

export const usage = `Usage: kube-responder sim --fixture FILE [--port P] [--host H] [--kubeconfig FILE]

Serves a fixture cluster (docs/fixtures.md) over the real Kubernetes REST API: discovery, list/get with label
and field selectors and pagination, pods/log, events, and the writes the proxy allows (rollout restart
patch, scale, pod delete, Event create). Every response's Date header is the fixture's "now".
Prints one line: the URL, then how to point kubectl at it. Runs until SIGINT/SIGTERM/SIGHUP or until
whatever started it (npx, npm, a shell) exits.

Options:
  --fixture FILE     the fixture file (multi-document YAML)
  --port P           listen port (default 0: a free one)
  --host H           listen address (default 127.0.0.1)
  --kubeconfig FILE  also write a kubeconfig pointing at the server (for kubectl and client libraries)`;

export async function run(argv: string[]): Promise<number> {
  const flags = parseFlags(argv, {
    fixture: { type: 'string' },
    port: { type: 'string' },
    host: { type: 'string' },
    kubeconfig: { type: 'string' },
  });
  if (!flags.fixture) throw new CliError('--fixture is required');
  const { loadFixtureFile, startFixtureServer, writeKubeconfig } = await import('../../sim/index.ts');
  const cluster = await loadFixtureFile(inputFile('fixture', flags.fixture));
  const server = await startFixtureServer({
    cluster,
    host: flags.host ?? '127.0.0.1',
    port: parsePort(flags.port, 0),
  });
  if (flags.kubeconfig) await writeKubeconfig(server.url, flags.kubeconfig);
  const hint = flags.kubeconfig ? `--kubeconfig ${flags.kubeconfig}` : `--server ${server.url}`;
  // One line, the URL first, so scripts can read it.
  process.stdout.write(`${server.url}  (kubectl ${hint} get pods -A)\n`);
  await untilStopped();
  await server.close();
  return 0;
}
