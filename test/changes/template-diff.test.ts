// The pod-template diff a person reads: what changed, in words, and never a Secret's value or a credential.
import { describe, expect, it } from 'vitest';
import { templateDiff } from '../../lib/changes/index.ts';
import { previousEnvValues } from '../../lib/changes/template-diff.ts';

const template = (container: Record<string, unknown>, annotations?: Record<string, string>) => ({
  metadata: { ...(annotations ? { annotations } : {}) },
  spec: { containers: [{ name: 'app', ...container }] },
});

describe('templateDiff', () => {
  it('names the image, env, resources, probes and a restart', () => {
    const before = template({
      image: 'a:1',
      env: [{ name: 'DB_HOST', value: 'db' }],
      resources: { limits: { memory: '1Gi' } },
    });
    const after = template(
      {
        image: 'a:2',
        env: [
          { name: 'DB_HOST', value: 'db2' },
          { name: 'MODE', value: 'fast' },
        ],
        resources: { limits: { memory: '2Gi' } },
        readinessProbe: { httpGet: { path: '/ready' } },
      },
      { 'kubectl.kubernetes.io/restartedAt': '2026-11-23T09:00:00Z' },
    );
    expect(templateDiff(before, after)).toEqual([
      'image a:1 → a:2',
      'env DB_HOST changed',
      'env MODE added',
      'memory limit 1Gi → 2Gi',
      'readiness probe changed',
      'restarted (kubectl rollout restart)',
    ]);
  });

  it('alike templates: nothing', () => {
    expect(templateDiff(template({ image: 'a:1' }), template({ image: 'a:1' }))).toEqual([]);
  });

  it('a Secret-sourced env is named, never valued; credential-like plain values are not quoted', () => {
    const before = template({
      env: [
        { name: 'API_KEY', valueFrom: { secretKeyRef: { name: 'old-keys', key: 'k' } } },
        { name: 'DB_PASSWORD', value: 'hunter2-CANARY' },
        { name: 'REGION', value: 'eu-1' },
      ],
    });
    const after = template({
      env: [
        { name: 'API_KEY', valueFrom: { secretKeyRef: { name: 'new-keys', key: 'k' } } },
        { name: 'DB_PASSWORD', value: 'hunter3-CANARY' },
        { name: 'REGION', value: 'eu-2' },
      ],
    });
    const words = [...templateDiff(before, after), ...previousEnvValues(before, after)].join('\n');
    expect(words).toContain('env API_KEY changed');
    expect(words).toContain('REGION was eu-1');
    expect(words).not.toContain('CANARY');
    expect(words).not.toContain('API_KEY was');
  });
});
