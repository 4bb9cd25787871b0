// Shared set-up for the agent tests: the Gemini fake, the adapter pointed at it, and a diagnosed incident.

import { type GeminiFake, startGeminiFake } from '../../infra/stack/gemini.ts';
import { GeminiLlm } from '../../lib/agent/index.ts';
import { diagnose, scopeFromAlert } from '../../lib/diagnosis/index.ts';
import type { Report } from '../../lib/report/index.ts';
import { AGENT_FIXTURE, fixtureCluster, POD, type TestCluster } from './cluster.ts';

export const API_KEY = 'test-gemini-key-5b1e';

export async function startModel(): Promise<{ fake: GeminiFake; llm: GeminiLlm }> {
  const fake = await startGeminiFake({ apiKey: API_KEY });
  return { fake, llm: new GeminiLlm({ apiKey: API_KEY, baseUrl: fake.url }) };
}

/** The agent fixture, diagnosed for a KubePodCrashLooping alert on the payment pod. */
export async function crashLoopIncident(): Promise<{ cluster: TestCluster; report: Report }> {
  const cluster = fixtureCluster(AGENT_FIXTURE);
  const labels = { alertname: 'KubePodCrashLooping', namespace: 'shop', pod: POD, severity: 'critical' };
  const report = await diagnose({
    reader: cluster.reader,
    cluster: 'test',
    source: 'alertmanager',
    scope: scopeFromAlert(labels),
    alert: { name: 'KubePodCrashLooping', severity: 'critical', labels },
  });
  cluster.requests.length = 0;
  return { cluster, report };
}

/** A valid final answer, as a model would send it. */
export const ANSWER = {
  summary: 'payment crash-loops because Service mysql has no endpoints.',
  rootCause: 'Service shop/mysql selects app=mysql, which matches no pod.',
  evidence: ['FATAL dial tcp mysql:3306: connect: connection refused', 'mysql endpoints: 0'],
  nextSteps: ['Fix the selector of Service mysql to match the database pods.'],
  confidence: 'high',
};

/** Every recorded request body to the model, as one string (for "never sent" assertions). */
export const sentText = (fake: GeminiFake) => JSON.stringify(fake.requests().map((request) => request.body));
