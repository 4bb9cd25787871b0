// `kube-responder stack`: the whole local stack on free loopback ports; ONE JSON line on stdout, then runs
// until SIGINT/SIGTERM and stops everything it started.
import { inputFile, parseFlags } from '../args.ts';

export const usage = `Usage: kube-responder stack [--fixture FILE] [--json]

Starts, on free loopback ports: the fixture cluster server, the proxy, redis-server with the Upstash REST
bridge, the QStash emulator, the Slack, LINE and Gemini fakes, and the Worker under \`wrangler dev
--test-scheduled\`. Prints one JSON line (URLs, generated secrets, approvers) on stdout and runs until
SIGINT/SIGTERM. Without --json a short guide is also printed on stderr. If the Worker or the proxy exits,
it says so on stderr, stops the rest and exits 1.

Options:
  --fixture FILE   fixture cluster to serve (default: test/fixtures/demo/crashloop.yaml)
  --json           print only the JSON line`;

export async function run(argv: string[]): Promise<number> {
  const flags = parseFlags(argv, { fixture: { type: 'string' }, json: { type: 'boolean', default: false } });
  const { startStack } = await import('../../stack/stack.ts');
  const stack = await startStack({
    ...(flags.fixture ? { fixturePath: inputFile('fixture', flags.fixture) } : {}),
  });
  process.stdout.write(`${JSON.stringify(stack.info)}\n`);
  if (!flags.json) {
    process.stderr.write(
      [
        `worker   ${stack.info.worker}   (POST /events/alertmanager with Bearer secrets.alertmanagerToken)`,
        `cluster  ${stack.info.cluster}   (kubectl --kubeconfig ${stack.info.kubeconfig} get pods -A)`,
        `proxy    ${stack.info.proxy}   (audit lines: ${stack.info.proxyAudit})`,
        `slack    ${stack.info.slack}/__messages   line ${stack.info.line}/__messages`,
        'Ctrl-C stops everything.',
        '',
      ].join('\n'),
    );
  }
  const signalled = new Promise<void>((done) => {
    const finish = () => done();
    process.once('SIGINT', finish);
    process.once('SIGTERM', finish);
  });
  // A dead Worker or proxy ends the stack: running on would answer every request with a refused connection.
  const failure = await Promise.race([signalled.then(() => undefined), stack.failed]);
  if (failure) process.stderr.write(`kube-responder stack: ${failure}\nStopping the rest of the stack.\n`);
  await stack.stop();
  return failure ? 1 : 0;
}
