// The proxy as its own process (`kube-responder proxy`), as it runs in a cluster: fault tests can kill it, and its
// audit lines (one JSON line per request) are kept in a file of the stack's directory.
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { join, resolve } from 'node:path';
import { type Child, watchChild } from './child.ts';

const bin = resolve(import.meta.dirname, '../cli/bin.mjs');

export interface ProxyProcess {
  url: string;
  pid: number;
  /** The proxy's audit trail: its stdout after the URL line, and its stderr. */
  auditPath: string;
  exited: Child['exited'];
  close(): Promise<void>;
}

export async function startProxyProcess(options: {
  dir: string;
  kubeconfig: string;
  secretFile: string;
  /** A port chosen up front, so callers know the URL before the process is up (default: any free one). */
  port?: number;
  timeoutMs?: number;
}): Promise<ProxyProcess> {
  const auditPath = join(options.dir, 'proxy-audit.log');
  const audit = createWriteStream(auditPath);
  const child = spawn(
    process.execPath,
    [
      bin,
      'proxy',
      '--kubeconfig',
      options.kubeconfig,
      '--secret-file',
      options.secretFile,
      '--port',
      String(options.port ?? 0),
    ],
    { detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const proxy = watchChild(child);
  child.stderr.pipe(audit, { end: false });
  const close = async () => {
    await proxy.stop();
    audit.end();
  };
  // The first stdout line is the URL alone; everything after it is audit.
  const url = new Promise<string>((done, fail) => {
    let head = '';
    const onData = (chunk: Buffer) => {
      head += chunk.toString('utf8');
      const newline = head.indexOf('\n');
      if (newline < 0) return;
      child.stdout.off('data', onData);
      audit.write(head.slice(newline + 1));
      child.stdout.pipe(audit, { end: false });
      done(head.slice(0, newline).trim());
    };
    child.stdout.on('data', onData);
    void proxy.exited.then((code) => fail(new Error(`the proxy exited (${code}) before printing its URL`)));
    setTimeout(
      () => fail(new Error('the proxy did not print its URL in time')),
      options.timeoutMs ?? 30_000,
    ).unref();
  });
  try {
    return { url: await url, pid: proxy.pid, auditPath, exited: proxy.exited, close };
  } catch (error) {
    await close();
    const { readFile } = await import('node:fs/promises');
    const output = await readFile(auditPath, 'utf8').catch(() => '');
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${output}`);
  }
}
