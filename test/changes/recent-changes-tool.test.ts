// The agent's recent_changes tool: the workload's changes newest first, the verdict, the way back; compact,
// capped, and never a Secret value or a Helm release payload.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFixtureHandler, loadFixture } from '../../infra/sim/index.ts';
import { estimateTokens, runTool, type ToolContext } from '../../lib/agent/index.ts';
import { RestClusterReader } from '../../lib/cluster/index.ts';
import { parseFixture } from '../diagnosis/scenario-file.ts';
import { scenarioDir } from './diagnose-fixture.ts';

function contextFor(file: string, maxTokens = 600) {
  const text = readFileSync(join(scenarioDir, file), 'utf8');
  const reader = new RestClusterReader({
    baseUrl: 'http://fixture.invalid',
    fetch: createFixtureHandler(loadFixture(text)),
  });
  const context: ToolContext = {
    reader,
    maxTokens,
    vetProposal: () => 'not in this test',
    addProposal: () => 'never',
  };
  return { context, secrets: parseFixture(text).secretValues, reader };
}

describe('recent_changes', () => {
  it('names the Helm upgrade and the rollout it brought, with both ways back', async () => {
    const { context, secrets, reader } = contextFor('change-helm-upgrade.yaml');
    const output = await runTool('recent_changes', { namespace: 'web', name: 'frontend' }, context);
    expect(output).toContain(
      'verdict: started 2 min after Helm upgraded release frontend to version 4 (deployed)',
    );
    expect(output).toContain(
      'rollout: Deployment web/frontend rolled out revision 9: memory limit 512Mi → 64Mi',
    );
    expect(output).toContain('way back: Roll back the release: helm -n web rollback frontend 3');
    expect(output).not.toContain('redis');
    for (const value of secrets) expect(output).not.toContain(value);
    expect(estimateTokens(output)).toBeLessThanOrEqual(600);
    console.log(`recent_changes: ${reader.stats.requests} requests, ${estimateTokens(output)} tokens`);
  });

  it('says no change when none came', async () => {
    const { context } = contextFor('change-none-crashloop.yaml');
    const output = await runTool('recent_changes', { namespace: 'books', name: 'ledger' }, context);
    expect(output).toContain('verdict: No change in the last 3 days before it started');
    expect(output).not.toContain('way back');
  });

  it('refuses a kind without revisions', async () => {
    const { context } = contextFor('change-none-crashloop.yaml');
    const output = await runTool(
      'recent_changes',
      { namespace: 'books', kind: 'Service', name: 'x' },
      context,
    );
    expect(output).toMatch(/^error: recent_changes arguments: kind/);
  });
});
