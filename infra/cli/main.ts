// Entry of the `kube-responder` command: dispatches to one module per subcommand.
import { readFileSync } from 'node:fs';
import { CliError } from './args.ts';

type Command = { run(argv: string[]): Promise<number>; usage: string };

const commands: Record<string, () => Promise<Command>> = {
  diagnose: () => import('./commands/diagnose.ts'),
  scan: () => import('./commands/scan.ts'),
  sim: () => import('./commands/sim.ts'),
  proxy: () => import('./commands/proxy.ts'),
  'proxy check': () => import('./commands/proxy-check.ts'),
  stack: () => import('./commands/stack.ts'),
};

const help = `kube-responder — an on-call responder for Kubernetes

Usage: kube-responder <command> [options]

Commands:
  diagnose   diagnose an alert, a namespace or an object (fixture or real cluster) and print the report
  scan       diagnose the whole cluster
  sim        serve a fixture cluster over the Kubernetes REST API
  proxy      run the authenticated in-cluster proxy
  proxy check  check, with a signed request per kind, what a deployed proxy lets the analyzers read
  stack      run the whole local stack (prints one JSON line, runs until SIGINT/SIGTERM)

Options:
  -v, --version  print the version

Run 'kube-responder <command> --help' for a command's options.`;

/** The package's version, read from package.json so there is one place to bump it. */
export function version(): string {
  const path = new URL('../../package.json', import.meta.url);
  return (JSON.parse(readFileSync(path, 'utf8')) as { version: string }).version;
}

export async function main(argv: string[]): Promise<number> {
  // Two-word commands (`proxy check`) first, so `proxy` alone still runs the proxy.
  const [name, ...rest] =
    argv[0] && commands[`${argv[0]} ${argv[1]}`] ? [`${argv[0]} ${argv[1]}`, ...argv.slice(2)] : argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(help);
    return name ? 0 : 2;
  }
  if (name === '--version' || name === '-v') {
    console.log(version());
    return 0;
  }
  const load = commands[name];
  if (!load) {
    console.error(`kube-responder: unknown command '${name}'\n\n${help}`);
    return 2;
  }
  const command = await load();
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(command.usage);
    return 0;
  }
  try {
    return await command.run(rest);
  } catch (error) {
    if (error instanceof CliError) {
      console.error(`kube-responder ${name}: ${error.message}\n\n${command.usage}`);
      return 2;
    }
    console.error(`kube-responder ${name}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}
