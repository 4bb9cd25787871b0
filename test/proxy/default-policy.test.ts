// The default policy reads exactly the kinds of the product's resource table: every one of them, in every
// scope it has, and no write beyond the three guarded ones.
import { describe, expect, it } from 'vitest';
import { defaultPolicy } from '../../infra/proxy/index.ts';
import { authorize } from '../../infra/proxy/policy.ts';
import { parseApiRequest } from '../../infra/proxy/request.ts';
import { collectionPath, objectPath, type ResourceType, resources } from '../../lib/cluster/index.ts';

const policy = defaultPolicy();
const table = Object.entries(resources) as [string, ResourceType][];
const judge = (method: string, path: string) => authorize(policy, parseApiRequest(method, path));

describe('default policy', () => {
  it.each(table)('lists and gets %s', (_, resource) => {
    const namespace = resource.namespaced ? 'shop' : undefined;
    expect(judge('GET', collectionPath(resource, namespace))).toMatchObject({ allowed: true });
    expect(judge('GET', collectionPath(resource))).toMatchObject({ allowed: true });
    expect(judge('GET', objectPath(resource, namespace, 'x'))).toMatchObject({ allowed: true });
  });

  it('grants reads of nothing outside the table', () => {
    const readable = new Set(table.map(([, r]) => `${r.group}/${r.plural}`));
    const granted = policy.rules
      .filter((rule) => rule.verbs.includes('list'))
      .flatMap((rule) =>
        (rule.apiGroups ?? []).flatMap((group) =>
          (rule.resources ?? []).map((plural) => `${group}/${plural}`),
        ),
      );
    expect(new Set(granted)).toEqual(readable);
  });

  it('reads Secrets only under the rule whose values the proxy empties', () => {
    expect(judge('GET', collectionPath(resources.secrets, 'shop'))).toMatchObject({
      allowed: true,
      rule: 'read-secret-metadata',
    });
  });
});
