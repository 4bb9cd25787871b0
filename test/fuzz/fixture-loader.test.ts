// The fixture loader under bad input: any text, any YAML of the wrong shape, a valid fixture with one line
// broken → a cluster or a FixtureError saying what is wrong, never another exception.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { beforeAll, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { FixtureError, loadFixture } from '../../infra/sim/index.ts';
import { broken, junk } from './bodies.ts';
import './seed.ts';

let demo: string;
beforeAll(async () => {
  demo = await readFile(resolve(import.meta.dirname, '../fixtures/demo/crashloop.yaml'), 'utf8');
});

/** Loads `text`; answers 'loaded' or the FixtureError's message, and fails on any other exception. */
function outcome(text: string): string {
  try {
    loadFixture(text);
    return 'loaded';
  } catch (error) {
    if (error instanceof FixtureError) return error.message;
    throw new Error(
      `loadFixture threw ${error instanceof Error ? error.name : typeof error}: ${String(error)}`,
    );
  }
}

it('loads the demo fixture', () => {
  expect(outcome(demo)).toBe('loaded');
});

it('any text: a cluster or a FixtureError', () => {
  fc.assert(
    fc.property(junk, (text) => {
      expect(typeof outcome(text)).toBe('string');
    }),
    { numRuns: 200 },
  );
});

it('YAML of any shape: a cluster or a FixtureError', () => {
  fc.assert(
    fc.property(fc.jsonValue({ maxDepth: 4 }), (value) => {
      expect(typeof outcome(stringify(value))).toBe('string');
    }),
    { numRuns: 200 },
  );
});

it('the demo fixture with one line dropped, doubled or cut: a cluster or a FixtureError', () => {
  const lines = () => demo.split('\n');
  fc.assert(
    fc.property(fc.nat(), fc.constantFrom('drop', 'double', 'cut'), fc.nat(40), (at, how, cut) => {
      const all = lines();
      const i = at % all.length;
      if (how === 'drop') all.splice(i, 1);
      else if (how === 'double') all.splice(i, 0, all[i]!);
      else all[i] = all[i]!.slice(0, cut);
      expect(typeof outcome(all.join('\n'))).toBe('string');
    }),
    { numRuns: 200 },
  );
});

it('one object of the demo with one field broken (JSON is YAML): a cluster or a FixtureError', () => {
  const pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', namespace: 'shop', labels: { app: 'p' } },
    spec: { containers: [{ name: 'c', image: 'i' }] },
    status: { phase: 'Running' },
  };
  fc.assert(
    fc.property(broken(pod), (text) => {
      expect(typeof outcome(text)).toBe('string');
    }),
    { numRuns: 200 },
  );
});
