// How a long-running command (stack, sim, proxy) ends: SIGINT, SIGTERM or SIGHUP, or the process that started it
// going away without passing a signal on; a second signal ends it at once.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

/** The signals that stop a command in order; whichever arrives second forces the end. */
export const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** What ended the command: a signal's name, or the launcher (npm, npx, a shell) having exited. */
export type StopCause = (typeof STOP_SIGNALS)[number] | 'launcher-exited';

export interface LifetimeOptions {
  /** Runs on a second signal, synchronously, before the process exits 1: kill what is left, remove temp files. */
  force?: () => void;
  /** How often to check that the launcher is still there. */
  pollMs?: number;
}

const SHELLS = new Set(['sh', 'dash', 'bash', 'zsh', 'ash', 'ksh']);

/** A process's parent from /proc (Linux); undefined once it is gone or where there is no /proc. */
function parentOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The name, in parentheses, may hold spaces: the fields after the last ')' are "state ppid …".
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

/** `sh -c …` as npm and npx run a bin: it waits for us and passes no signal on, so its parent counts too. */
function isShellWrapper(pid: number): boolean {
  try {
    const [shell, flag] = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    return SHELLS.has(basename(shell ?? '')) && flag === '-c';
  } catch {
    return false;
  }
}

/** The launcher chain: our parent and, through any `sh -c` in between, the process that ran it, each with its parent. */
function launchers(): { pid: number; parent: number }[] {
  const chain: { pid: number; parent: number }[] = [];
  let pid = process.ppid;
  for (let depth = 0; depth < 4 && pid > 1; depth++) {
    const parent = parentOf(pid);
    if (parent === undefined) break;
    chain.push({ pid, parent });
    if (!isShellWrapper(pid)) break;
    pid = parent;
  }
  return chain;
}

/**
 * Settles with the cause once the command should stop. A launcher that died (SIGHUP to npx kills npm but not the
 * `sh -c` it ran; SIGTERM kills that shell but not us) shows as a process of the chain re-parented or gone.
 */
export function untilStopped(options: LifetimeOptions = {}): Promise<StopCause> {
  // Once the launcher is gone our stdout/stderr may be a closed pipe: a failed write must not end the stop.
  process.stdout.on('error', () => {});
  process.stderr.on('error', () => {});
  return new Promise((done) => {
    let stopping = false;
    const parent = process.ppid;
    const chain = launchers();
    const stop = (cause: StopCause) => {
      if (stopping) return;
      stopping = true;
      clearInterval(timer);
      done(cause);
    };
    for (const signal of STOP_SIGNALS) {
      process.on(signal, () => {
        if (!stopping) return stop(signal);
        process.stderr.write(`${signal} again: killing everything now.\n`);
        options.force?.();
        process.exit(1);
      });
    }
    const timer = setInterval(() => {
      const gone = process.ppid !== parent || chain.some(({ pid, parent }) => parentOf(pid) !== parent);
      if (gone) stop('launcher-exited');
    }, options.pollMs ?? 500);
    timer.unref();
  });
}
