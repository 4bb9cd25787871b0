// The shape of a per-kind view: the columns list_resources shows and the lines describe_object shows.
import type { K8sObject } from '../../../cluster/index.ts';

export interface ListColumn {
  title: string;
  cell(item: K8sObject, now: number): string;
}

export interface ListView {
  /** The columns after NAMESPACE (which the tool adds when listing across namespaces). */
  columns: ListColumn[];
  /** Most telling rows first, so a cut keeps what matters. */
  order?(items: K8sObject[]): K8sObject[];
  /** Added to the headline (e.g. how many pods need a look), for the model. */
  summary?(items: K8sObject[]): string;
  /** How many rows need a look, for a headline said in the reader's language (the chat's /pods). */
  needingALook?(items: K8sObject[]): number;
}

export interface KindView {
  list: ListView;
  /** The kind's own lines of describe_object, between the metadata lines and the events. */
  describe(object: K8sObject): string[];
}

export const column = (title: string, cell: ListColumn['cell']): ListColumn => ({ title, cell });
