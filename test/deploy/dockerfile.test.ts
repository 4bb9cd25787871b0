// The proxy image's Dockerfile builds (no Docker here, so what a build would trip on is checked by reading it):
// every COPY/ADD source exists and is not dropped by .dockerignore, every `--from` names an earlier stage, and
// every module the image's `proxy` and `proxy check` commands load is inside what it copies.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

interface Instruction {
  line: number;
  keyword: string;
  args: string;
}

/** Instructions with continuation lines joined and comments dropped, as BuildKit reads them. */
function instructions(text: string): Instruction[] {
  const out: Instruction[] = [];
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const start = index;
    let line = lines[index]?.trim() ?? '';
    if (!line || line.startsWith('#')) continue;
    while (line.endsWith('\\') && index + 1 < lines.length)
      line = `${line.slice(0, -1)} ${lines[++index]?.trim()}`;
    const match = /^(\w+)\s+(.*)$/.exec(line);
    if (!match) throw new Error(`Dockerfile line ${start + 1}: not an instruction: ${line}`);
    out.push({ line: start + 1, keyword: (match[1] ?? '').toUpperCase(), args: match[2] ?? '' });
  }
  return out;
}

interface Copy {
  line: number;
  from?: string;
  sources: string[];
}

function parse(text: string) {
  const stages: string[] = [];
  const copies: Copy[] = [];
  const unknown: string[] = [];
  const known = new Set([
    'FROM',
    'WORKDIR',
    'COPY',
    'ADD',
    'RUN',
    'ENV',
    'USER',
    'EXPOSE',
    'ENTRYPOINT',
    'CMD',
  ]);
  known
    .add('ARG')
    .add('LABEL')
    .add('HEALTHCHECK')
    .add('SHELL')
    .add('VOLUME')
    .add('STOPSIGNAL')
    .add('ONBUILD');
  let entrypoint: string[] = [];
  let cmd: string[] = [];
  for (const instruction of instructions(text)) {
    if (!known.has(instruction.keyword)) unknown.push(`${instruction.line}: ${instruction.keyword}`);
    if (instruction.keyword === 'FROM') {
      const match = /^(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?$/i.exec(instruction.args);
      if (!match) throw new Error(`line ${instruction.line}: FROM ${instruction.args}`);
      stages.push(match[2] ?? String(stages.length));
    }
    if (instruction.keyword === 'COPY' || instruction.keyword === 'ADD') {
      const words = instruction.args.split(/\s+/);
      const flags = words.filter((word) => word.startsWith('--'));
      const paths = words.filter((word) => !word.startsWith('--'));
      const from = flags.find((flag) => flag.startsWith('--from='))?.slice('--from='.length);
      copies.push({ line: instruction.line, ...(from ? { from } : {}), sources: paths.slice(0, -1) });
      // A stage may only copy from one defined before it.
      if (from && !stages.slice(0, -1).includes(from) && !/^\d+$/.test(from))
        throw new Error(
          `line ${instruction.line}: --from=${from} names no earlier stage (${stages.join(', ')})`,
        );
    }
    if (instruction.keyword === 'ENTRYPOINT') entrypoint = JSON.parse(instruction.args) as string[];
    if (instruction.keyword === 'CMD') cmd = JSON.parse(instruction.args) as string[];
  }
  return { stages, copies, unknown, entrypoint, cmd };
}

/** .dockerignore's patterns, root-anchored as Docker reads them (`*.md` matches only the root's). */
function ignored(path: string): boolean {
  const patterns = readFileSync(join(ROOT, '.dockerignore'), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  return patterns.some((pattern) => {
    const regex = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}(/|$)`);
    return regex.test(path);
  });
}

/**
 * Every file the entries load through relative imports (static and dynamic), transitively; `registries`' dynamic
 * imports are skipped (the CLI's command table loads only the command that runs).
 */
function moduleGraph(entries: string[], registries: string[]): Set<string> {
  const seen = new Set<string>();
  const queue = entries.map((entry) => join(ROOT, entry));
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    const pattern = registries.includes(relative(ROOT, file))
      ? /from\s+'(\.{1,2}\/[^']+)'/g
      : /(?:from\s+|import\(\s*)'(\.{1,2}\/[^']+)'/g;
    for (const match of text.matchAll(pattern)) {
      const target = resolve(dirname(file), match[1] as string);
      if (!existsSync(target))
        throw new Error(`${relative(ROOT, file)} imports ${match[1]}, which does not exist`);
      queue.push(target);
    }
  }
  return new Set([...seen].map((file) => relative(ROOT, file)));
}

const dockerfile = parse(readFileSync(join(ROOT, 'Dockerfile'), 'utf8'));

describe('Dockerfile', () => {
  it('parses: known instructions, a named build stage, a final stage with an exec-form entrypoint', () => {
    expect(dockerfile.unknown).toEqual([]);
    expect(dockerfile.stages).toEqual(['deps', '1']);
    expect(dockerfile.entrypoint).toEqual(['/nodejs/bin/node', 'infra/cli/bin.mjs']);
    expect(dockerfile.cmd[0]).toBe('proxy');
  });

  it('copies only sources that exist in the build context and .dockerignore keeps', () => {
    const fromContext = dockerfile.copies.filter((copy) => !copy.from).flatMap((copy) => copy.sources);
    expect(fromContext).toContain('package-lock.json');
    for (const source of fromContext) {
      expect(existsSync(join(ROOT, source)), `COPY ${source}: no such file`).toBe(true);
      expect(ignored(source), `COPY ${source}: excluded by .dockerignore`).toBe(false);
    }
  });

  it('copies from the deps stage only what that stage made', () => {
    const fromStage = dockerfile.copies.filter((copy) => copy.from);
    expect(fromStage.map((copy) => [copy.from, copy.sources])).toEqual([['deps', ['/app/node_modules']]]);
  });

  it('holds every module the proxy and proxy check commands load', () => {
    const copied = dockerfile.copies.filter((copy) => !copy.from).flatMap((copy) => copy.sources);
    const inImage = (file: string) =>
      copied.some((source) => file === source || file.startsWith(`${source}/`));
    const graph = moduleGraph(
      [
        'infra/cli/bin.mjs',
        'infra/cli/main.ts',
        'infra/cli/commands/proxy.ts',
        'infra/cli/commands/proxy-check.ts',
      ],
      ['infra/cli/main.ts'],
    );
    console.log(`the image's proxy commands load ${graph.size} modules`);
    const missing = [...graph].filter((file) => !inImage(file) || ignored(file));
    expect(missing).toEqual([]);
  });
});
