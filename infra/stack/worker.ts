// Runs the Worker under the real `wrangler dev` (workerd) on a loopback port, with vars from a private env file.
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { freeLoopbackPort } from './http.ts';

const root = resolve(import.meta.dirname, '../..');

export interface WranglerDev {
  url: string;
  logPath: string;
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
  const child: ChildProcess = spawn(
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
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });

  const url = `http://127.0.0.1:${port}`;
  const close = async () => {
    if (!exited && child.pid) {
      const gone = new Promise<void>((done) => child.once('exit', () => done()));
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {}
      const timer = setTimeout(() => {
        try {
          if (child.pid) process.kill(-child.pid, 'SIGKILL');
        } catch {}
      }, 3000);
      await gone;
      clearTimeout(timer);
    }
    log.end();
  };

  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  while (Date.now() < deadline) {
    if (exited) break;
    try {
      const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return { url, logPath, close };
    } catch {}
    await new Promise((done) => setTimeout(done, 250));
  }
  await close();
  const { readFile } = await import('node:fs/promises');
  const tail = (await readFile(logPath, 'utf8').catch(() => '')).split('\n').slice(-30).join('\n');
  throw new Error(`wrangler dev did not become ready on ${url}${exited ? ' (it exited)' : ''}:\n${tail}`);
}
