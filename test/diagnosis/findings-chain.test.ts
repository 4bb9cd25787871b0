// The chain of causes: followed as many hops as the findings go, through a Service folded into its workload,
// and cycle-safe (two findings naming each other end the walk instead of looping).
import { expect, it } from 'vitest';
import { causeChain, consolidate } from '../../lib/diagnosis/findings.ts';
import type { Finding } from '../../lib/report/index.ts';

const ref = (kind: string, name: string) => ({ kind, namespace: 'shop', name });
const finding = (
  code: Finding['code'],
  object: Finding['object'],
  rootCause?: Finding['rootCause'],
): Finding => ({
  code,
  severity: 'critical',
  object,
  owner: object,
  ...(rootCause ? { rootCause } : {}),
  summary: `${object.kind} ${object.name} is broken.`,
  evidence: [],
  suggestions: [],
});

it('follows every hop, naming the Service folded into its workload', () => {
  const ingress = finding('IngressBackendMissing', ref('Ingress', 'web'), {
    code: 'ServiceNoEndpoints',
    object: ref('Service', 'web'),
  });
  const service = {
    ...finding('ServiceNoEndpoints', ref('Service', 'web'), {
      code: 'CrashLoopBackOff',
      object: ref('Deployment', 'web'),
    }),
    owner: undefined,
  } as Finding;
  delete service.owner;
  const web = finding('CrashLoopBackOff', ref('Deployment', 'web'), {
    code: 'DependencyUnreachable',
    object: ref('Deployment', 'redis'),
  });
  const redis = finding('ProbeFailure', ref('Deployment', 'redis'));
  const consolidated = consolidate([ingress, service, web, redis]);
  const chain = causeChain(ingress, consolidated);
  expect(chain.findings.map((f) => f.code)).toEqual([
    'IngressBackendMissing',
    'CrashLoopBackOff',
    'ProbeFailure',
  ]);
  expect(chain.links.map((link) => `${link.object.kind} ${link.object.name}`)).toEqual([
    'Ingress web',
    'Service web',
    'Deployment web',
    'Deployment redis',
  ]);
});

it('ends at a cycle instead of looping', () => {
  const a = finding('CrashLoopBackOff', ref('Deployment', 'a'), {
    code: 'DependencyUnreachable',
    object: ref('Deployment', 'b'),
  });
  const b = finding('CrashLoopBackOff', ref('Deployment', 'b'), {
    code: 'DependencyUnreachable',
    object: ref('Deployment', 'a'),
  });
  const chain = causeChain(a, consolidate([a, b]));
  expect(chain.findings).toEqual([a, b]);
  expect(chain.links).toHaveLength(2);
});
