// Agent benchmark: prompt tokens and model calls per incident across the scenario fixtures, against the naive
// baseline of sending `kubectl get pods -o json` plus every pod's full logs. Model: the Gemini fake, scripted to
// behave as the agent is meant to be used — answer straight from the findings when they name a root cause,
// otherwise look once (describe the object) and then answer.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadFixture } from '../../infra/sim/index.ts';
import { startGeminiFake } from '../../infra/stack/gemini.ts';
import { GeminiLlm, investigate } from '../../lib/agent/index.ts';
import { type ClusterReader, resources } from '../../lib/cluster/index.ts';
import { diagnose, scopeFor } from '../../lib/diagnosis/index.ts';
import { fixtureCluster, generatedCluster, largeFixture } from '../agent/cluster.ts';
import { type BenchRow, row as benchRow } from './table.ts';

const SCENARIOS = join(import.meta.dirname, '../fixtures/scenarios');
const API_KEY = 'bench-key';

interface Row {
  scenario: string;
  findings: number;
  promptTokens: number;
  modelCalls: number;
  toolCalls: number;
  naiveTokens: number;
  /** The first prompt's own content (alert + findings), without the fixed rules, tool and answer schemas. */
  evidenceTokens: number;
  fallback?: string;
}

interface Incident {
  name: string;
  reader: () => ClusterReader;
  alert: { name: string; labels: Record<string, string> } | undefined;
  namespace: string | undefined;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

export async function run(): Promise<BenchRow[]> {
  const files = readdirSync(SCENARIOS)
    .filter((file) => file.endsWith('.yaml'))
    .sort();
  const fake = await startGeminiFake({ apiKey: API_KEY });
  const llm = new GeminiLlm({ apiKey: API_KEY, baseUrl: fake.url });
  const rows: Row[] = [];
  try {
    const inputs = files.map((file) => ({
      name: file.replace(/\.yaml$/, ''),
      text: readFileSync(join(SCENARIOS, file), 'utf8'),
    }));
    // A big namespace, where the naive approach hurts: 5,000 pods over 50 namespaces, 100 in the alert's.
    inputs.push({ name: 'large-5000-pods (alert in a 100-pod namespace)', text: largeFixture(5_000) });
    const incidents: Incident[] = inputs.map((input) => {
      const fixture = loadFixture(input.text).fixture ?? {};
      const alert = fixture.alert as { name: string; labels: Record<string, string> } | undefined;
      const namespace = (fixture.namespace as string | undefined) ?? alert?.labels.namespace ?? undefined;
      return { name: input.name, reader: () => fixtureCluster(input.text).reader, alert, namespace };
    });
    // The diagnosis generator's 5,000-pod cluster: each injected fault is one alert incident.
    const generated = generatedCluster(5_000);
    for (const fault of generated.generated.faults)
      incidents.push({
        name: `gen-5000/${fault.kind}`,
        reader: () => generated.reader,
        alert: { name: fault.alert.alertname ?? fault.kind, labels: fault.alert },
        namespace: fault.namespace,
      });
    for (const incident of incidents) {
      const { alert, namespace } = incident;
      const reader = incident.reader();
      const report = await diagnose({
        reader,
        cluster: 'bench',
        source: alert ? 'alertmanager' : 'cli',
        scope: scopeFor({ alertLabels: alert?.labels, namespace }),
        ...(alert ? { alert } : {}),
      });
      const first = report.findings[0];
      if (first && !first.rootCause) {
        fake.script([
          {
            functionCalls: [
              {
                name: 'describe_object',
                args: { kind: first.object.kind, namespace: first.object.namespace, name: first.object.name },
              },
            ],
          },
        ]);
      }
      fake.clearRequests();
      const result = await investigate({ llm, reader, report });
      rows.push({
        scenario: incident.name,
        findings: report.findings.length,
        promptTokens: result.stats.promptTokens,
        modelCalls: result.stats.modelCalls,
        toolCalls: result.stats.toolCalls,
        naiveTokens: await naiveTokens(reader, namespace),
        evidenceTokens: Math.ceil(firstUserText(fake.requests()[0]?.body).length / 4),
        ...(result.fallback ? { fallback: result.fallback } : {}),
      });
    }
  } finally {
    await fake.close();
  }

  const pad = (text: string | number, width: number) => String(text).padStart(width);
  console.error('\nagent: prompt tokens and model calls per incident (Gemini fake; tokens ≈ chars/4)');
  console.error(
    `${'scenario'.padEnd(48)}${pad('prompt', 8)}${pad('evid.', 7)}${pad('calls', 7)}${pad('tools', 7)}${pad('naive', 9)}${pad('ratio', 8)}`,
  );
  for (const row of rows) {
    console.error(
      `${row.scenario.padEnd(48)}${pad(row.promptTokens, 8)}${pad(row.evidenceTokens, 7)}${pad(row.modelCalls, 7)}${pad(row.toolCalls, 7)}${pad(row.naiveTokens, 9)}${pad(`${(row.naiveTokens / Math.max(1, row.promptTokens)).toFixed(1)}×`, 8)}${row.fallback ? `  FALLBACK ${row.fallback}` : ''}`,
    );
  }
  const prompt = rows.map((row) => row.promptTokens);
  const calls = rows.map((row) => row.modelCalls);
  const ratios = rows.map((row) => row.naiveTokens / Math.max(1, row.promptTokens));
  const medianPrompt = median(prompt);
  const medianCalls = median(calls);
  console.error(
    `agent: ${rows.length} incidents; prompt tokens median ${medianPrompt} max ${Math.max(...prompt)}; model calls median ${medianCalls} max ${Math.max(...calls)}; naive/ours median ${median(ratios).toFixed(1)}× max ${Math.max(...ratios).toFixed(1)}× (naive median ${median(rows.map((row) => row.naiveTokens))} tokens; our evidence part median ${median(rows.map((row) => row.evidenceTokens))}); fallbacks ${rows.filter((row) => row.fallback).length}`,
  );
  const big = rows.filter((row) => row.scenario.startsWith('gen-5000/'));
  if (big.length > 0)
    console.error(
      `agent: on the generated 5,000-pod cluster (${big.length} incidents): prompt tokens median ${median(big.map((row) => row.promptTokens))}, naive median ${median(big.map((row) => row.naiveTokens))}, naive/ours median ${median(big.map((row) => row.naiveTokens / Math.max(1, row.promptTokens))).toFixed(1)}×`,
    );
  const note = `${rows.length} incidents, Gemini fake, tokens ≈ chars/4`;
  const out = [
    benchRow('agent: prompt tokens per incident (median)', medianPrompt, 'tokens', { target: 6000, note }),
    benchRow('agent: prompt tokens per incident (max)', Math.max(...prompt), 'tokens', { note }),
    benchRow('agent: model calls per incident (median)', medianCalls, 'calls', { target: 3, note }),
    benchRow('agent: fallbacks', rows.filter((row) => row.fallback).length, 'incidents', { target: 0, note }),
    benchRow('agent: naive baseline / ours (median)', round1(median(ratios)), 'ratio', { note }),
  ];
  if (big.length > 0)
    out.push(
      benchRow(
        'agent: naive baseline / ours, 5,000-pod cluster (median)',
        round1(median(big.map((row) => row.naiveTokens / Math.max(1, row.promptTokens)))),
        'ratio',
        { note: `${big.length} incidents; naive median ${median(big.map((row) => row.naiveTokens))} tokens` },
      ),
    );
  console.error(
    `agent: target median ≤ 6000 prompt tokens and ≤ 3 model calls — ${medianPrompt <= 6000 && medianCalls <= 3 ? 'met' : 'NOT met'}`,
  );
  return out;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

function firstUserText(body: unknown): string {
  const contents = (body as { contents?: { parts?: { text?: string }[] }[] } | undefined)?.contents ?? [];
  return (contents[0]?.parts ?? []).map((part) => part.text ?? '').join('');
}

/** `kubectl get pods -o json` in the incident's namespace (all namespaces without one) plus every pod's full log. */
async function naiveTokens(reader: ClusterReader, namespace: string | undefined): Promise<number> {
  const pods = await reader.list(resources.pods, namespace ? { namespace } : {});
  let chars = JSON.stringify({ apiVersion: 'v1', kind: 'List', items: pods }, null, 4).length;
  for (const pod of pods) {
    for (const container of pod.spec?.containers ?? []) {
      for (const previous of [false, true]) {
        chars += (
          await reader.logs(pod.metadata.namespace ?? 'default', pod.metadata.name, {
            container: container.name,
            previous,
          })
        ).length;
      }
    }
  }
  return Math.ceil(chars / 4);
}

if (process.argv[1]?.endsWith('agent.ts')) console.log(JSON.stringify(await run(), null, 1));
