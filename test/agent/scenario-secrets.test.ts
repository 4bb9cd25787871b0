// Over every scenario fixture: the incident is investigated (the model also asks for the Secrets and the failing
// object) and no Secret value of the fixture appears in anything sent to the model.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { loadFixture } from '../../infra/sim/index.ts';
import type { GeminiFake } from '../../infra/stack/gemini.ts';
import { investigate } from '../../lib/agent/index.ts';
import { diagnose, scopeFromAlert } from '../../lib/diagnosis/index.ts';
import { fixtureCluster } from './cluster.ts';
import { sentText, startModel } from './support.ts';

// The scenarios and the demo fixture (its Secret holds the demo's canary), whichever exist.
const fixtures = join(import.meta.dirname, '../fixtures');
const files = ['scenarios', 'demo']
  .filter((folder) => existsSync(join(fixtures, folder)))
  .flatMap((folder) =>
    readdirSync(join(fixtures, folder))
      .filter((file) => file.endsWith('.yaml'))
      .map((file) => `${folder}/${file}`),
  )
  .sort();

let model: Awaited<ReturnType<typeof startModel>>;
let fake: GeminiFake;
beforeAll(async () => {
  model = await startModel();
  fake = model.fake;
});
afterAll(() => fake.close());

test.each(files)('%s: investigated, and no Secret value reaches the model', async (file) => {
  const text = readFileSync(join(fixtures, file), 'utf8');
  const fixture = loadFixture(text).fixture ?? {};
  const alert = fixture.alert as { name: string; labels: Record<string, string> } | undefined;
  const cluster = fixtureCluster(text);
  const report = await diagnose({
    reader: cluster.reader,
    cluster: 'scenario',
    source: alert ? 'alertmanager' : 'cli',
    scope: alert ? scopeFromAlert(alert.labels) : { kind: 'cluster' },
    ...(alert ? { alert } : {}),
  });
  const first = report.findings[0];
  fake.clearRequests();
  fake.script([
    {
      functionCalls: [
        { name: 'list_resources', args: { kind: 'Secret' } },
        ...(first ? [{ name: 'describe_object', args: { ...first.object } }] : []),
        ...(first?.object.kind === 'Pod'
          ? [
              {
                name: 'get_logs',
                args: { namespace: first.object.namespace, pod: first.object.name, tail: 500 },
              },
            ]
          : []),
      ],
    },
  ]);
  const result = await investigate({ llm: model.llm, reader: cluster.reader, report });
  expect(result.fallback).toBeUndefined();
  expect(result.ai?.toolCalls).toBeGreaterThan(0);
  const sent = sentText(fake);
  // A value that is also public in the fixture (the demo's username `payment` is the Deployment's name) proves
  // nothing; every other Secret value must be absent.
  const secrets = cluster.secretValues.filter((secret) => secret.length >= 6 && !text.includes(secret));
  for (const [index, value] of secrets.entries())
    expect(sent.includes(value), `Secret value #${index} of ${file} was sent to the model`).toBe(false);
  expect(cluster.requests.every((request) => request.startsWith('GET '))).toBe(true);
});
