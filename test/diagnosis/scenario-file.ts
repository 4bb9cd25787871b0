// Reads a scenario fixture's own parts: its Fixture document (alert, expect) and every Secret value (the canaries).
import { parseAllDocuments } from 'yaml';
import type { K8sObject } from '../../lib/cluster/index.ts';

const FIXTURE_API = 'fixture.kube-responder.dev/v1';

export interface ParsedFixture {
  now: string;
  fixture: Record<string, unknown>;
  objects: K8sObject[];
  logs: { namespace: string; pod: string; container?: string; previous: boolean; text: string }[];
  /**
   * Every Secret value (decoded) in the fixture: must never appear in a report. Values under 8 characters are
   * left out: a username like `payment` is also the workload's name and rightly appears everywhere.
   */
  secretValues: string[];
}

export function parseFixture(text: string): ParsedFixture {
  const docs = parseAllDocuments(text);
  const result: ParsedFixture = { now: '', fixture: {}, objects: [], logs: [], secretValues: [] };
  docs.forEach((doc, index) => {
    if (doc.errors.length) throw new Error(`fixture document ${index}: ${doc.errors[0]?.message}`);
    const value = doc.toJS() as K8sObject | null;
    if (!value) return;
    if (value.apiVersion === FIXTURE_API && value.kind === 'Fixture') {
      result.fixture = value as Record<string, unknown>;
      result.now = String(value.now);
    } else if (value.apiVersion === FIXTURE_API && value.kind === 'PodLog') {
      result.logs.push({
        namespace: value.metadata.namespace ?? 'default',
        pod: value.metadata.name,
        ...(value.container ? { container: value.container } : {}),
        previous: Boolean(value.previous),
        text: String(value.text ?? ''),
      });
    } else {
      if (value.kind === 'Secret') {
        const values = [
          ...Object.values(value.data ?? {}).map((v) => atob(String(v))),
          ...Object.values(value.stringData ?? {}).map(String),
        ];
        result.secretValues.push(...values.filter((v) => v.length >= 8));
      }
      result.objects.push(value);
    }
  });
  return result;
}
