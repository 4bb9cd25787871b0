// CLUSTERS (the Worker's cluster → proxy map): valid maps parse, bad ones are refused naming the field, never the key.
import { describe, expect, it } from 'vitest';
import { ClustersConfigError, clusterTarget, parseClusters } from '../../lib/cluster/index.ts';

const key = 'k'.repeat(32);

describe('CLUSTERS', () => {
  it('maps cluster names to proxy URL and signing key', () => {
    const clusters = parseClusters(
      JSON.stringify({
        prod: { proxyUrl: 'https://proxy.prod.example.com/', key },
        staging: {
          proxyUrl: 'https://proxy.staging.example.com',
          keys: [`${key}-next`, key],
          actor: 'cron:health',
        },
      }),
    );
    expect(clusterTarget(clusters, 'prod')).toEqual({ proxyUrl: 'https://proxy.prod.example.com', key });
    expect(clusterTarget(clusters, 'staging')).toEqual({
      proxyUrl: 'https://proxy.staging.example.com',
      key: `${key}-next`,
      actor: 'cron:health',
    });
  });

  it('names an unknown cluster and the known ones', () => {
    const clusters = parseClusters(JSON.stringify({ prod: { proxyUrl: 'https://p.example.com', key } }));
    expect(() => clusterTarget(clusters, 'dev')).toThrow("cluster 'dev' is not in CLUSTERS (known: prod)");
    expect(() => clusterTarget(clusters, 'constructor')).toThrow(ClustersConfigError);
  });

  const bad: [string, unknown, string][] = [
    ['a bad URL', { prod: { proxyUrl: 'proxy.example.com', key } }, 'CLUSTERS.prod.proxyUrl'],
    ['a missing key', { prod: { proxyUrl: 'https://p.example.com' } }, 'CLUSTERS.prod.key: is required'],
    [
      'a short key',
      { prod: { proxyUrl: 'https://p.example.com', key: 'short-secret' } },
      'CLUSTERS.prod.key: must be at least 16',
    ],
    ['an unknown field', { prod: { proxyUrl: 'https://p.example.com', key, token: 'x' } }, 'CLUSTERS.prod'],
    [
      'a bad cluster name',
      { 'prod cluster': { proxyUrl: 'https://p.example.com', key } },
      'CLUSTERS.prod cluster',
    ],
  ];
  for (const [what, value, message] of bad) {
    it(`refuses ${what}, naming the field and never the key`, () => {
      let error: unknown;
      try {
        parseClusters(JSON.stringify(value));
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(ClustersConfigError);
      expect((error as Error).message).toContain(message);
      expect((error as Error).message).not.toContain(key);
      expect((error as Error).message).not.toContain('short-secret');
    });
  }

  it('refuses JSON that does not parse and an empty map', () => {
    expect(() => parseClusters('{prod:')).toThrow('CLUSTERS is not valid JSON');
    expect(() => parseClusters('{}')).toThrow('CLUSTERS names no cluster');
  });
});
