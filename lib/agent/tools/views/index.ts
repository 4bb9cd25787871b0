// The per-kind view table: which columns list_resources and which lines describe_object show for each kind.
// A kind without a view gets the generic one. Adding a view means adding a file and a line here.
import { type ResourceName, type ResourceType, resources } from '../../../cluster/index.ts';
import { configMapView } from './config-map.ts';
import { genericView } from './generic.ts';
import { nodeView } from './node.ts';
import { podView } from './pod.ts';
import { secretView } from './secret.ts';
import { serviceView } from './service.ts';
import type { KindView } from './view.ts';
import { workloadView } from './workload.ts';

export type { KindView, ListColumn, ListView } from './view.ts';

/** Keyed like the resource table, so a view can only name a kind the product knows. */
const views: Partial<Record<ResourceName, KindView>> = {
  pods: podView,
  deployments: workloadView,
  statefulSets: workloadView,
  daemonSets: workloadView,
  replicaSets: workloadView,
  services: serviceView,
  nodes: nodeView,
  secrets: secretView,
  configMaps: configMapView,
};

const byResource = new Map<ResourceType, KindView>(
  (Object.entries(views) as [ResourceName, KindView][]).map(([name, view]) => [resources[name], view]),
);

/** The view of a resource type of the table. */
export function viewOf(resource: ResourceType): KindView {
  return byResource.get(resource) ?? genericView;
}
