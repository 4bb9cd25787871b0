// `kube-responder proxy`: the authenticated proxy in front of a cluster's API server (in a pod: in-cluster config).
import { CliError, parseFlags, parsePort } from '../args.ts';
import { untilStopped } from '../lifetime.ts';

export const usage = `Usage: kube-responder proxy [--kubeconfig FILE] [--context C] --secret-file FILE [--policy FILE]
                            [--port P] [--host H]

Serves the Kubernetes REST API to callers that sign each request (X-KR-Signature), within the policy's
allow-list, with Secret values, sensitive env values and token-like strings redacted. Prints its URL on
the first line, writes one JSON audit line per request on stdout, and runs until
SIGINT/SIGTERM/SIGHUP or until whatever started it (npx, npm, a shell, the stack) exits.

Options:
  --kubeconfig FILE   kubeconfig of the cluster (default in a pod: the in-cluster service account)
  --context C         kubeconfig context (default: the current one)
  --secret-file FILE  HMAC keys, one per line: the first signs, all verify (rotation); # comments ignored
  --policy FILE       policy (YAML/JSON) (default: the shipped default policy)
  --port P            listen port (default 8080; 0 picks a free one)
  --host H            listen address (default 127.0.0.1; 0.0.0.0 in a pod)`;

export async function run(argv: string[]): Promise<number> {
  const flags = parseFlags(argv, {
    kubeconfig: { type: 'string' },
    context: { type: 'string' },
    'secret-file': { type: 'string' },
    policy: { type: 'string' },
    port: { type: 'string' },
    host: { type: 'string' },
  });
  if (!flags['secret-file']) throw new CliError('--secret-file is required');
  const { readSecretFile, startProxy } = await import('../../proxy/index.ts');
  const keys = readSecretFile(flags['secret-file']);
  const proxy = await startProxy({
    keys,
    ...(flags.kubeconfig ? { kubeconfigPath: flags.kubeconfig } : {}),
    ...(flags.context ? { context: flags.context } : {}),
    ...(flags.policy ? { policyPath: flags.policy } : {}),
    host: flags.host ?? '127.0.0.1',
    port: parsePort(flags.port, 8080),
  });
  // One line, the URL alone, so scripts can read it; audit lines follow.
  process.stdout.write(`${proxy.url}\n`);
  await untilStopped();
  await proxy.close();
  return 0;
}
