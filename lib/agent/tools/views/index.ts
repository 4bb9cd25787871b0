// The per-kind view table: which columns list_resources and which lines describe_object show for each kind.
// A kind not in the table gets the generic view. Adding a view means adding a file and a line here.
import { configMapView } from './config-map.ts';
import { genericView } from './generic.ts';
import { nodeView } from './node.ts';
import { podView } from './pod.ts';
import { secretView } from './secret.ts';
import { serviceView } from './service.ts';
import type { KindView } from './view.ts';
import { workloadView } from './workload.ts';

export type { KindView, ListColumn, ListView } from './view.ts';

const views: Record<string, KindView> = {
  Pod: podView,
  Deployment: workloadView,
  StatefulSet: workloadView,
  DaemonSet: workloadView,
  ReplicaSet: workloadView,
  Service: serviceView,
  Node: nodeView,
  Secret: secretView,
  ConfigMap: configMapView,
};

/** The view of a kind (by its kind name, e.g. `Deployment`). */
export function viewOf(kind: string): KindView {
  return views[kind] ?? genericView;
}
