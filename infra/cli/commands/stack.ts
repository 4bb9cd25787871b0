// `kube-responder stack`: the whole local stack on free loopback ports; ONE JSON line on stdout, then runs
// until SIGINT/SIGTERM/SIGHUP (or its launcher's exit) and stops everything it started.
import { rmSync } from 'node:fs';
import { inputFile, parseFlags } from '../args.ts';
import { untilStopped } from '../lifetime.ts';

export const usage = `Usage: kube-responder stack [--fixture FILE] [--json]

Starts, on free loopback ports: the fixture cluster server, the proxy, redis-server with the Upstash REST
bridge, the QStash emulator, the Slack, LINE and Gemini fakes, and the Worker under \`wrangler dev
--test-scheduled\`. Prints one JSON line (URLs, generated secrets, approvers, the pid to signal) on stdout
and runs until SIGINT, SIGTERM or SIGHUP (a second one kills everything at once), or until whatever started
it (npx, npm, a shell) exits; then it stops everything it started and removes its temp directory. Without
--json a short guide is also printed on stderr. If the Worker, the proxy or redis-server exits, it says so
on stderr, stops the rest and exits 1.

Options:
  --fixture FILE   fixture cluster to serve (default: test/fixtures/demo/crashloop.yaml)
  --json           print only the JSON line`;

export async function run(argv: string[]): Promise<number> {
  const flags = parseFlags(argv, { fixture: { type: 'string' }, json: { type: 'boolean', default: false } });
  const { startStack } = await import('../../stack/stack.ts');
  const { killAllChildren } = await import('../../stack/child.ts');
  let dir: string | undefined;
  // Listening from the start: a signal while the stack starts stops it as soon as it is up.
  const stopped = untilStopped({
    force() {
      killAllChildren();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  });
  const stack = await startStack({
    ...(flags.fixture ? { fixturePath: inputFile('fixture', flags.fixture) } : {}),
  });
  dir = stack.dir;
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
  // A dead Worker, proxy or redis ends the stack: running on would answer requests with refused connections.
  const failure = await Promise.race([stopped.then(() => undefined), stack.failed]);
  if (failure) process.stderr.write(`kube-responder stack: ${failure}\nStopping the rest of the stack.\n`);
  await stack.stop();
  return failure ? 1 : 0;
}
