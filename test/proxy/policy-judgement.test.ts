// How the policy reads requests and judges write bodies, for shapes the attack table does not send through the
// fixture cluster (PUT of a Scale, JSON patches, odd paths).
import { describe, expect, it } from 'vitest';
import { checkWrite, defaultPolicy } from '../../infra/proxy/index.ts';
import { authorize } from '../../infra/proxy/policy.ts';
import { type ApiRequest, parseApiRequest } from '../../infra/proxy/request.ts';

const policy = defaultPolicy();

function judge(method: string, path: string, contentType = '', body = ''): string {
  const request: ApiRequest = parseApiRequest(method, path);
  const decision = authorize(policy, request);
  if (!decision.allowed) return `denied by ${decision.rule}`;
  const refusal = checkWrite(decision, request, contentType, body);
  return refusal ? `denied by ${decision.rule}: ${refusal}` : `allowed by ${decision.rule}`;
}

const scale = '/apis/apps/v1/namespaces/shop/deployments/payment/scale';

describe('request parsing', () => {
  it('reads verbs, groups, namespaces, names and subresources as the API server does', () => {
    expect(parseApiRequest('GET', '/api/v1/namespaces/shop/pods?limit=5')).toMatchObject({
      verb: 'list',
      apiGroup: '',
      namespace: 'shop',
      resource: 'pods',
    });
    expect(parseApiRequest('GET', '/api/v1/namespaces/shop')).toMatchObject({
      verb: 'get',
      resource: 'namespaces',
      name: 'shop',
    });
    expect(parseApiRequest('PUT', '/api/v1/namespaces/shop/finalize')).toMatchObject({
      verb: 'update',
      resource: 'namespaces/finalize',
      name: 'shop',
    });
    expect(parseApiRequest('GET', '/api/v1/watch/namespaces/shop/pods')).toMatchObject({
      verb: 'watch',
      resource: 'pods',
    });
    expect(parseApiRequest('GET', '/apis/apps/v1')).toMatchObject({ kind: 'nonResource' });
    // The API server reads watch with Go's ParseBool; a repeated parameter must not hide it either.
    for (const query of ['watch=T', 'watch=1', 'watch=false&watch=True'])
      expect(parseApiRequest('GET', `/api/v1/pods?${query}`)).toMatchObject({ verb: 'watch' });
    expect(parseApiRequest('DELETE', '/api/v1/namespaces/shop/pods')).toMatchObject({
      verb: 'deletecollection',
    });
    expect(() => parseApiRequest('GET', '/api/v1/namespaces/shop/pods/a/b/c')).toThrow(
      'unrecognised API path',
    );
    expect(() => parseApiRequest('GET', '/api/v1/namespaces/shop//pods')).toThrow(
      'not a valid Kubernetes path segment',
    );
    expect(() => parseApiRequest('POST', '/version')).toThrow('not supported on non-resource path');
  });
});

describe('write bodies', () => {
  it('allows a Scale update (PUT) of the same object within the bound', () => {
    const body = (name: string, replicas: number) =>
      JSON.stringify({
        kind: 'Scale',
        apiVersion: 'autoscaling/v1',
        metadata: { name, namespace: 'shop' },
        spec: { replicas },
      });
    expect(judge('PUT', scale, 'application/json', body('payment', 4))).toBe('allowed by scale');
    expect(judge('PUT', scale, 'application/json', body('other', 4))).toContain('denied by scale');
    expect(judge('PUT', scale, 'application/json', body('payment', 21))).toBe(
      'denied by scale: spec.replicas must be between 0 and 20 (got 21)',
    );
  });

  it('allows a JSON patch that replaces spec.replicas only', () => {
    const patch = (ops: unknown) => judge('PATCH', scale, 'application/json-patch+json', JSON.stringify(ops));
    expect(patch([{ op: 'replace', path: '/spec/replicas', value: 0 }])).toBe('allowed by scale');
    expect(patch([{ op: 'replace', path: '/spec/selector', value: 'x' }])).toContain('denied by scale');
    expect(patch([{ op: 'replace', path: '/spec/replicas', value: 1.5 }])).toContain('denied by scale');
  });

  it('refuses a restart whose annotation is not a timestamp, or sent as JSON patch or apply', () => {
    const deployment = '/apis/apps/v1/namespaces/shop/deployments/payment';
    const restart = (value: unknown) =>
      JSON.stringify({
        spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': value } } } },
      });
    expect(
      judge('PATCH', deployment, 'application/strategic-merge-patch+json', restart('2026-11-23T10:00:00Z')),
    ).toBe('allowed by rollout-restart');
    expect(judge('PATCH', deployment, 'application/merge-patch+json', restart('$(rm -rf /)'))).toContain(
      'denied by rollout-restart',
    );
    expect(
      judge('PATCH', deployment, 'application/apply-patch+yaml', restart('2026-11-23T10:00:00Z')),
    ).toContain('denied by rollout-restart');
    expect(
      judge(
        'PATCH',
        '/apis/apps/v1/namespaces/shop/statefulsets/db',
        'application/merge-patch+json',
        restart('2026-11-23T10:00:00Z'),
      ),
    ).toBe('allowed by rollout-restart');
  });

  it('allows a pod delete with DeleteOptions only', () => {
    const pod = '/api/v1/namespaces/shop/pods/payment-1';
    expect(judge('DELETE', pod)).toBe('allowed by delete-pod');
    expect(
      judge('DELETE', pod, 'application/json', '{"gracePeriodSeconds":0,"propagationPolicy":"Background"}'),
    ).toBe('allowed by delete-pod');
    expect(judge('DELETE', pod, 'application/json', '{"spec":{}}')).toContain('denied by delete-pod');
  });
});
