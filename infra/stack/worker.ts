// Runs the Worker under the real `wrangler dev` (workerd) on a loopback port, with vars from a private env file.
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { watchChild } from './child.ts';
import { freeLoopbackPort } from './http.ts';

const root = resolve(import.meta.dirname, '../..');

export interface WranglerDev {
  url: string;
  logPath: string;
  /** The wrangler process (its workerd runs in the same process group). */
  pid: number;
  /** Settles when wrangler dev exits, with its exit code or signal. */
  exited: Promise<number | string>;
  close(): Promise<void>;
}

/** dotenv quoting: single quotes keep a value literal (JSON included); dotenv has no escape for a quote inside. */
function quote(key: string, value: string): string {
  if (/[\r\n]/.test(value)) throw new Error(`${key}: a Worker var cannot hold a newline in the env file`);
  if (!value.includes("'")) return `'${value}'`;
  if (!value.includes('"')) return `"${value}"`;
  throw new Error(`${key}: a value with both quote kinds cannot be written to the env file`);
}

export async function startWranglerDev(options: {
  vars: Record<string, string>;
  dir: string;
  port?: number;
  timeoutMs?: number;
}): Promise<WranglerDev> {
  const port = options.port ?? (await freeLoopbackPort());
  const envFile = join(options.dir, 'worker.env');
  await writeFile(
    envFile,
    Object.entries(options.vars)
      .map(([key, value]) => `${key}=${quote(key, value)}`)
      .join('\n'),
    { mode: 0o600 },
  );
  const logPath = join(options.dir, 'wrangler.log');
  const log = createWriteStream(logPath);
  const child = spawn(
    process.execPath,
    [
      join(root, 'node_modules/wrangler/bin/wrangler.js'),
      'dev',
      '--config',
      join(root, 'wrangler.toml'),
      '--ip',
      '127.0.0.1',
      '--port',
      String(port),
      '--inspector-port',
      String(await freeLoopbackPort()),
      '--env-file',
      envFile,
      '--persist-to',
      join(options.dir, 'wrangler-state'),
      '--test-scheduled',
      '--show-interactive-dev-session=false',
      '--log-level',
      'log',
    ],
    {
      cwd: root,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        CI: 'true',
        WRANGLER_SEND_METRICS: 'false',
        CLOUDFLARE_CF_FETCH_ENABLED: 'false',
        WRANGLER_LOG_PATH: join(options.dir, 'wrangler-logs'),
        NO_COLOR: '1',
      },
    },
  );
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const wrangler = watchChild(child);

  const url = `http://127.0.0.1:${port}`;
  const close = async () => {
    await wrangler.stop();
    log.end();
  };
  const ready = { url, logPath, pid: wrangler.pid, exited: wrangler.exited, close };

  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  while (Date.now() < deadline) {
    if (wrangler.gone) break;
    try {
      const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return ready;
    } catch {}
    await new Promise((done) => setTimeout(done, 250));
  }
  await close();
  const tail = await logTail(logPath);
  throw new Error(
    `wrangler dev did not become ready on ${url}${wrangler.gone ? ' (it exited)' : ''}:\n${tail}`,
  );
}

/** The last lines of a log file, for a message saying why a child stopped. */
export async function logTail(path: string, lines = 30): Promise<string> {
  return (await readFile(path, 'utf8').catch(() => '')).split('\n').slice(-lines).join('\n');
}
