// A child process of the stack: started as its own process group, watched for an early exit, stopped with its group.
import type { ChildProcess } from 'node:child_process';

export interface Child {
  pid: number;
  /** Settles when the process exits, with its code (or the signal's name). */
  exited: Promise<number | string>;
  /** True once it has exited. */
  readonly gone: boolean;
  /** SIGTERM to the group, SIGKILL after `graceMs`; resolves once the process has exited. */
  stop(graceMs?: number): Promise<void>;
}

/** Process groups of the children still running: what a forced stop or this process's exit kills. */
const running = new Set<number>();

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {}
}

/** SIGKILL to every child's group still running; synchronous, so it also runs in an 'exit' handler. */
export function killAllChildren(): void {
  for (const pid of running) signalGroup(pid, 'SIGKILL');
}

// A throw or process.exit() that skips stop() must not leave the groups behind (a signal death is handled by
// the command's signal handlers; SIGKILL of this process cannot be).
process.on('exit', killAllChildren);

/**
 * Watches a child spawned with `detached: true`: its own process group, so its own children (workerd, esbuild)
 * stop with it and a Ctrl-C at the terminal reaches only the stack, which then stops the children in order.
 */
export function watchChild(child: ChildProcess): Child {
  let gone = false;
  const pid = child.pid ?? 0;
  if (pid) running.add(pid);
  const exited = new Promise<number | string>((done) => {
    child.once('exit', (code, signal) => {
      gone = true;
      // The leader is gone, but what it started may still be in its group (wrangler's workerd): end those too.
      signalGroup(pid, 'SIGKILL');
      running.delete(pid);
      done(code ?? signal ?? 'unknown');
    });
  });
  return {
    pid,
    exited,
    get gone() {
      return gone;
    },
    async stop(graceMs = 3000) {
      if (gone || !pid) return;
      signalGroup(pid, 'SIGTERM');
      const timer = setTimeout(() => signalGroup(pid, 'SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}
