// The fixture server serves every kind of the product's resource table as the table says it: discovery with
// its scope, short names and categories, and `kubectl get` tables with its columns.
import { describe, expect, it } from 'vitest';
import { apiVersionOf, type ResourceType, resources } from '../../lib/cluster/index.ts';
import { client } from './helpers.ts';

const table = Object.entries(resources) as [string, ResourceType][];
const TABLE_ACCEPT = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json';

describe('resource table', () => {
  it.each(table)('discovery lists %s with its scope, short names and categories', async (_, resource) => {
    const api = client();
    const base = resource.group ? `/apis/${apiVersionOf(resource)}` : `/api/${resource.version}`;
    const { body } = await api.json(base);
    const entry = body.resources.find(
      (r: { name: string; kind: string }) => r.name === resource.plural && r.kind === resource.kind,
    );
    expect(entry).toMatchObject({ namespaced: resource.namespaced });
    expect(entry.shortNames ?? []).toEqual(resource.shortNames);
    expect(entry.categories ?? []).toEqual(resource.categories);
  });

  it('prints the table’s kubectl columns for Pods and the default name and age for kinds without', async () => {
    const api = client();
    const pods = await api.json('/api/v1/namespaces/shop/pods', { headers: { accept: TABLE_ACCEPT } });
    expect(pods.body.columnDefinitions.map((c: { name: string }) => c.name)).toEqual(
      resources.pods.columns?.map((c) => c.name),
    );
    const quotas = await api.json('/api/v1/namespaces/shop/resourcequotas', {
      headers: { accept: TABLE_ACCEPT },
    });
    expect(quotas.body.columnDefinitions.map((c: { name: string }) => c.name)).toEqual(['Name', 'Age']);
  });
});
