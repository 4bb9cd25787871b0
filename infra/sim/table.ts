// Server-side printing (meta.k8s.io/v1 Table) so `kubectl get` shows the columns a real cluster shows; the
// columns themselves are the resource table's (lib/cluster/columns.ts).
import { defaultColumns, type K8sObject } from '../../lib/cluster/index.ts';
import type { KindInfo } from './kinds.ts';

/** Whether the client asked for a Table (kubectl get does; client libraries do not). */
export function wantsTable(accept: string | null): boolean {
  return !!accept && /as=Table/.test(accept) && /g=meta\.k8s\.io/.test(accept);
}

export function toTable(
  kind: KindInfo,
  objects: K8sObject[],
  listMetadata: Record<string, unknown>,
  now: Date,
  includeObject: string | null,
): Record<string, unknown> {
  const columns = kind.columns ?? defaultColumns;
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: listMetadata,
    columnDefinitions: columns.map(({ cell: _cell, ...definition }) => ({
      priority: 0,
      ...definition,
      format: definition.format ?? '',
    })),
    rows: objects.map((object) => ({
      cells: columns.map((column) => column.cell(object, now)),
      object:
        includeObject === 'None'
          ? null
          : includeObject === 'Object'
            ? object
            : { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: object.metadata },
    })),
  };
}
