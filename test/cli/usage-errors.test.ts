// The CLI's small answers a newcomer meets first: --version, a missing file, bad YAML, an unknown namespace.

import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, root } from './run-cli.ts';

const fixture = join(root, 'test/fixtures/demo/crashloop.yaml');
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kr-cli-usage-'));
  await writeFile(
    join(dir, 'bad.yaml'),
    'apiVersion: v1\nkind: Namespace\nmetadata: { name: a }\n---\nkind: [unclosed\n',
  );
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('kube-responder --version', () => {
  it.each(['--version', '-v'])('%s prints the package version', async (flag) => {
    const { code, stdout } = await cli([flag]);
    expect(code).toBe(0);
    expect(stdout).toBe(`${version}\n`);
  });
});

describe('a file a flag names that does not exist', () => {
  it.each([
    [['diagnose', '--fixture'], '--fixture', 'Usage: kube-responder diagnose'],
    [['scan', '--fixture'], '--fixture', 'Usage: kube-responder scan'],
    [['diagnose', '--kubeconfig'], '--kubeconfig', 'Usage: kube-responder diagnose'],
    [['diagnose', '--fixture', fixture, '--alert'], '--alert', 'Usage: kube-responder diagnose'],
    [['sim', '--fixture'], '--fixture', 'Usage: kube-responder sim'],
    [['stack', '--fixture'], '--fixture', 'Usage: kube-responder stack'],
  ])('%j names the flag and shows usage, exit 2', async (args, flag, usage) => {
    const missing = join(dir, 'missing.yaml');
    const { code, stderr } = await cli([...args, missing]);
    expect(code).toBe(2);
    expect(stderr).toContain(`${flag} ${missing}: no such file`);
    expect(stderr).toContain(usage);
    expect(stderr).not.toContain('ENOENT');
  });
});

describe('a fixture that is not valid YAML', () => {
  it("shows the parser's whole message: the document, its line and the parser's line and column", async () => {
    const { code, stderr } = await cli(['diagnose', '--fixture', join(dir, 'bad.yaml'), '--no-ai']);
    expect(code).toBe(1);
    expect(stderr).toContain('fixture document 1 (line 5): invalid YAML');
    expect(stderr).toMatch(/at line \d+, column \d+:\n\nkind: \[unclosed\n/);
  });
});

describe('--namespace that does not exist', () => {
  it('says so and lists the namespaces there are, exit 2', async () => {
    const { code, stdout, stderr } = await cli([
      'diagnose',
      '--fixture',
      fixture,
      '--namespace',
      'shpo',
      '--no-ai',
    ]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('--namespace shpo: no such namespace in crashloop (has: shop)');
  });

  it('an existing one diagnoses as before', async () => {
    const { code, stdout } = await cli(['diagnose', '--fixture', fixture, '--namespace', 'shop', '--no-ai']);
    expect(code).toBe(0);
    expect(stdout).toContain('Deployment shop/payment is crash-looping');
  });
});
