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

/** Watches a child spawned with `detached: true` (so its own children, e.g. workerd, stop with it). */
export function watchChild(child: ChildProcess): Child {
  let gone = false;
  const exited = new Promise<number | string>((done) => {
    child.once('exit', (code, signal) => {
      gone = true;
      done(code ?? signal ?? 'unknown');
    });
  });
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      if (child.pid) process.kill(-child.pid, signal);
    } catch {}
  };
  return {
    pid: child.pid ?? 0,
    exited,
    get gone() {
      return gone;
    },
    async stop(graceMs = 3000) {
      if (gone) return;
      signalGroup('SIGTERM');
      const timer = setTimeout(() => signalGroup('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}
