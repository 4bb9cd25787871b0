// What a diagnosis reads from the API server: namespaced, paginated lists, and a bounded previous log of the
// crash-looping pod only — never Secrets unless a container config error points at one.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFixtureHandler, loadFixture } from '../../infra/sim/index.ts';
import { RestClusterReader } from '../../lib/cluster/index.ts';
import { diagnose, scopeFromAlert } from '../../lib/diagnosis/index.ts';

const scenarios = join(import.meta.dirname, '../fixtures/scenarios');

function recordingReader(file: string, pageSize?: number) {
  const handler = createFixtureHandler(loadFixture(readFileSync(join(scenarios, file), 'utf8')));
  const paths: string[] = [];
  const reader = new RestClusterReader({
    baseUrl: 'http://fixture.invalid',
    ...(pageSize ? { pageSize } : {}),
    fetch: (request) => {
      const url = new URL(request.url);
      paths.push(decodeURIComponent(`${url.pathname}${url.search}`));
      return handler(request);
    },
  });
  return { reader, paths };
}

describe('reads of a diagnosis', () => {
  it('an alert reads its namespace only, pages lists and pulls one bounded previous log', async () => {
    const { reader, paths } = recordingReader('crashloop-selector-mismatch.yaml');
    const labels = { namespace: 'shop', deployment: 'payment' };
    const report = await diagnose({
      reader,
      cluster: 'c',
      source: 'alertmanager',
      scope: scopeFromAlert(labels),
    });
    expect(report.meta?.apiRequests).toBe(paths.length);
    const lists = paths.filter((path) => !path.includes('/log'));
    for (const path of lists) {
      expect(path).toContain('/namespaces/shop/');
      expect(path).toContain('limit=');
    }
    expect(paths.some((path) => path.includes('/secrets'))).toBe(false);
    const logs = paths.filter((path) => path.includes('/log'));
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatch(
      /pods\/payment-[\w-]+\/log\?container=app&previous=true&tailLines=\d+&limitBytes=\d+/,
    );
  });

  it('follows continue tokens when a list is larger than a page', async () => {
    const { reader, paths } = recordingReader('crashloop-selector-mismatch.yaml', 1);
    await diagnose({ reader, cluster: 'c', source: 'cli', scope: { kind: 'namespace', namespace: 'shop' } });
    const podPages = paths.filter((path) => /\/namespaces\/shop\/pods\?/.test(path));
    expect(podPages.length).toBe(3); // three pods, one per page
    expect(podPages.slice(1).every((path) => path.includes('continue='))).toBe(true);
  });

  it('reads Secrets (keys only reach the analyzers) when a container config error names one', async () => {
    const { reader, paths } = recordingReader('config-missing-secret-key.yaml');
    const report = await diagnose({
      reader,
      cluster: 'c',
      source: 'alertmanager',
      scope: scopeFromAlert({ namespace: 'pay', deployment: 'payments-api' }),
    });
    expect(paths.some((path) => path.startsWith('/api/v1/namespaces/pay/secrets'))).toBe(true);
    expect(report.findings[0]?.rootCause?.detail).toBe('Secret stripe has no key api-key');
  });
});
