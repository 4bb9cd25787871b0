// list_resources: objects of one kind as a kubectl-like table, most telling rows first, capped.
import { z } from 'zod';
import type { K8sObject } from '../../cluster/index.ts';
import { redactText } from '../../security/index.ts';
import { capText, table } from '../render.ts';
import { clusterNow, defineTool, kindArg, LIST_FETCH_LIMIT, optionalText } from './tool.ts';
import { viewOf } from './views/index.ts';

export const listResources = defineTool({
  name: 'list_resources',
  description:
    'List objects of one kind as a table (unhealthy first). Narrow with namespace and labelSelector. Secrets show names only.',
  args: z.object({
    kind: kindArg.describe('e.g. Pod, Deployment, Service, Node, PersistentVolumeClaim, Ingress, Job'),
    namespace: optionalText.describe('omit for all namespaces'),
    labelSelector: optionalText.describe('e.g. app=payment'),
  }),
  async run({ kind: resource, namespace, labelSelector }, context) {
    const items = await context.reader.list(resource, {
      ...(namespace ? { namespace } : {}),
      ...(labelSelector ? { labelSelector } : {}),
      limit: LIST_FETCH_LIMIT,
      maxItems: LIST_FETCH_LIMIT,
    });
    const where = `${resource.kind} ${namespace ? `in ${namespace}` : 'in all namespaces'}${labelSelector ? ` with ${labelSelector}` : ''}`;
    if (items.length === 0) return `no ${where}`;
    const view = viewOf(resource).list;
    const more = items.length >= LIST_FETCH_LIMIT ? ` (first ${LIST_FETCH_LIMIT} read; more exist)` : '';
    const headline = `${items.length} ${where}${more}${view.summary?.(items) ?? ''}`;
    const now = clusterNow(context.reader);
    const withNamespace = !namespace && resource.namespaced;
    const header = [...(withNamespace ? ['NAMESPACE'] : []), ...view.columns.map((column) => column.title)];
    const rows = (view.order?.(items) ?? items).map((item: K8sObject) => [
      ...(withNamespace ? [item.metadata.namespace ?? ''] : []),
      ...view.columns.map((column) => column.cell(item, now)),
    ]);
    return capText(
      redactText(`${headline}\n${table(header, rows)}`),
      context.maxTokens,
      'Narrow with namespace or labelSelector, or describe_object one of the rows shown.',
    );
  },
});
